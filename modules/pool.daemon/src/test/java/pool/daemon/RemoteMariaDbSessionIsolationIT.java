package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.TestDatabases;

/** {@link RemoteSessionIsolation} on MariaDB. */
class RemoteMariaDbSessionIsolationIT extends RemoteSessionIsolation {

    @Override
    DatabaseServer server() {
        return TestDatabases.mariaDb();
    }

    @Override
    String driver() {
        return "mariadb";
    }

    private static long questions(Connection c) throws SQLException {
        return Long.parseLong(one(c, "select variable_value from information_schema.session_status"
                + " where variable_name = 'QUESTIONS'"));
    }

    @Test
    void whatOneClientSetsInTheSessionDoesNotReachTheOtherClient() throws Exception {
        String id;
        String sqlMode;
        try (Connection c = alice.getConnection()) {
            id = one(c, "select connection_id()");
            sqlMode = one(c, "select @@session.sql_mode");
            exec(c, "set @owner = 'alice'");
            one(c, "select @secret := 'alice''s'");
            exec(c, "set session sql_mode = 'ANSI_QUOTES'");
            exec(c, "create temporary table alices_notes (note varchar(20))");
            exec(c, "insert into alices_notes values ('secret')");
            exec(c, "prepare alices_query from 'select 42'");
            one(c, "select get_lock('alice-" + run + "', 0)");
            exec(c, "set autocommit = 0");
            exec(c, "insert into " + table + " values (1)");
            assertEquals("alice", one(c, "select @owner"));
        }
        assertEquals(0, committedRows(), "alice never committed");
        try (Connection c = bob.getConnection(); Statement s = c.createStatement()) {
            assertEquals(id, one(c, "select connection_id()"), "the same physical connection");
            assertNull(one(c, "select @owner"));
            assertNull(one(c, "select @secret"));
            assertEquals(sqlMode, one(c, "select @@session.sql_mode"));
            assertEquals(1146, assertThrows(SQLException.class, () -> s.executeQuery("select * from alices_notes"))
                    .getErrorCode(), "alice's temporary table is gone");
            assertEquals(1243, assertThrows(SQLException.class, () -> s.execute("execute alices_query"))
                    .getErrorCode(), "alice's prepared statement is gone");
            assertNull(one(c, "select is_used_lock('alice-" + run + "')"), "alice's lock is released");
            assertTrue(c.getAutoCommit());
            s.execute("insert into " + table + " values (2)");
        }
        assertEquals(1, committedRows(), "bob's insert committed, alice's was rolled back");
        try (Connection c = server().openConnection()) {
            exec(c, "delete from " + table);
        }
    }

    @Test
    void aClientsPlainReadsAndWritesCostNoReset() throws Exception {
        String id;
        long last;
        try (Connection c = alice.getConnection()) {
            id = one(c, "select connection_id()");
            one(c, "select count(*) from " + table);
            exec(c, "insert into " + table + " values (7)");
            exec(c, "delete from " + table + " where id = 7");
            last = questions(c);
        }
        try (Connection c = bob.getConnection()) {
            assertEquals(last + 1, questions(c), "nothing reached the server between the two clients' statements");
            assertEquals(id, one(c, "select connection_id()"));
        }
    }
}
