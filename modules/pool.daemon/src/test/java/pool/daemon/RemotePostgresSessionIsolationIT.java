package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.TestDatabases;

/** {@link RemoteSessionIsolation} on PostgreSQL. */
class RemotePostgresSessionIsolationIT extends RemoteSessionIsolation {

    @Override
    DatabaseServer server() {
        return TestDatabases.postgres();
    }

    @Override
    String driver() {
        return "postgresql";
    }

    /** @return the backend's state and last statement, as the server reports them */
    private String lastStatement(String pid) throws SQLException {
        try (Connection admin = server().adminConnection();
             PreparedStatement ps = admin.prepareStatement("select state || ': ' || query from pg_stat_activity"
                     + " where pid = ?")) {
            ps.setInt(1, Integer.parseInt(pid));
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "backend " + pid + " is gone");
                return rs.getString(1);
            }
        }
    }

    @Test
    void whatOneClientSetsInTheSessionDoesNotReachTheOtherClient() throws Exception {
        String pid;
        String searchPath;
        String applicationName;
        try (Connection c = alice.getConnection()) {
            pid = one(c, "select pg_backend_pid()");
            searchPath = one(c, "show search_path");
            applicationName = one(c, "show application_name");
            exec(c, "set search_path = pg_catalog");
            exec(c, "set statement_timeout = '4min'");
            exec(c, "set application_name = 'alice was here'");
            exec(c, "create temp table alices_notes (note text)");
            exec(c, "insert into alices_notes values ('secret')");
            exec(c, "prepare alices_query as select 'secret'");
            one(c, "select set_config('app.user', 'alice', false)");
            one(c, "select pg_advisory_lock(77)");
            exec(c, "listen alice");
            assertEquals("alice", one(c, "select current_setting('app.user')"));
            assertEquals("secret", one(c, "select note from alices_notes"));
        }
        try (Connection c = bob.getConnection()) {
            assertEquals(pid, one(c, "select pg_backend_pid()"), "the same physical connection");
            assertEquals(searchPath, one(c, "show search_path"));
            assertEquals("0", one(c, "show statement_timeout"));
            assertEquals(applicationName, one(c, "show application_name"));
            assertNull(one(c, "select to_regclass('alices_notes')::text"), "alice's temporary table is gone");
            assertEquals("0", one(c, "select count(*) from pg_prepared_statements where name = 'alices_query'"));
            assertEquals("", one(c, "select coalesce(current_setting('app.user', true), '')"));
            assertEquals("0", one(c, "select count(*) from pg_locks where locktype = 'advisory' and objid = 77"));
            assertEquals("0", one(c, "select count(*) from pg_listening_channels()"));
        }
    }

    @Test
    void aClientsPlainReadsAndWritesCostNoReset() throws Exception {
        String pid;
        String marker = "update " + table + " set id = id where id = -1 /* " + run + " */";
        try (Connection c = alice.getConnection()) {
            pid = one(c, "select pg_backend_pid()");
            // A read in autocommit runs in the daemon's own READ ONLY transaction (BEGIN ... COMMIT).
            assertEquals("0", one(c, "select count(*) from " + table + " where id = -1"));
            exec(c, "insert into " + table + " values (1)");
            try (PreparedStatement ps = c.prepareStatement(marker)) {
                ps.executeUpdate();
            }
        }
        assertEquals("idle: " + marker, lastStatement(pid), "nothing reached the server after alice's last statement");
        try (Connection c = bob.getConnection()) {
            assertEquals(pid, one(c, "select pg_backend_pid()"));
            exec(c, "delete from " + table + " where id = 1");
        }
        assertEquals(0, committedRows());
    }
}
