package pool.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pool.engine.RealDatabaseTests.exec;
import static pool.engine.RealDatabaseTests.one;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pool.api.ConnectionPool;
import pool.api.PoolConfig;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.MariaDb;

/**
 * Session state one borrower sets through SQL on MariaDB does not reach the next borrower
 * of the same physical connection (pool size 1, CONNECTION_ID() checked), what the driver
 * set up at connect survives the reset, and a borrow of plain reads and data changes
 * costs no statement on return (the session's own count of statements, {@code Questions},
 * grows by exactly the borrower's).
 */
class MariaDbSessionResetIT {

    private DatabaseServer server;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void server(@MariaDb DatabaseServer db) {
        this.server = db;
    }

    private PoolConfig.Builder config(String name) {
        // Validation (a COM_PING) would reach the server: the skip window keeps it out.
        return PoolConfig.builder(name).jdbcUrl(server.jdbcUrl()).user(server.user()).password(server.password())
                .maxSize(1).borrowTimeout(Duration.ofSeconds(5)).validationSkipWindow(Duration.ofMinutes(5));
    }

    private static String id(Connection c) throws SQLException {
        return one(c, "SELECT CONNECTION_ID()");
    }

    /** What a session of the pool shows of the settings the driver makes at connect. */
    private static String setUp(Connection c) throws SQLException {
        return one(c, "SELECT CONCAT_WS(' | ', @@session.sql_mode, @@session.character_set_client,"
                + " @@session.character_set_connection, @@session.character_set_results, @@session.collation_connection,"
                + " @@session.time_zone, @@session.autocommit, @@session.tx_isolation, @@session.wait_timeout,"
                + " @@session.session_track_system_variables, DATABASE())");
    }

    private static long questions(Connection c) throws SQLException {
        return Long.parseLong(one(c, "SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS"
                + " WHERE VARIABLE_NAME = 'QUESTIONS'"));
    }

    @Test
    void everyKindOfSessionStateABorrowerSetsThroughSqlIsGoneForTheNextBorrower() throws Exception {
        String table = "mdb_state_" + run;
        String otherDb = "mdb_other_" + run;
        try (Connection admin = server.adminConnection()) {
            exec(admin, "CREATE TABLE " + DatabaseServer.DATABASE + "." + table + " (id int)");
            exec(admin, "CREATE DATABASE " + otherDb);
            exec(admin, "GRANT ALL ON " + otherDb + ".* TO '" + server.user() + "'@'127.0.0.1'");
        }
        try (ConnectionPool pool = Pools.create(config("mdb_state").build());
             Connection admin = server.adminConnection()) {
            String id;
            String fresh;
            try (Connection c = pool.getConnection()) {
                id = id(c);
                fresh = setUp(c);
            }
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                assertEquals(id, id(c));
                s.execute("SET @tenant = 'alice'");
                s.execute("SELECT @counter := 41");
                s.execute("SELECT 7 INTO @seven");
                s.execute("SET SESSION sql_mode = 'ANSI_QUOTES'");
                s.execute("SET time_zone = '+05:00'");
                s.execute("SET SESSION wait_timeout = 77");
                s.execute("SET SESSION TRANSACTION ISOLATION LEVEL SERIALIZABLE");
                s.execute("CREATE TEMPORARY TABLE secrets (a varchar(20))");
                s.execute("INSERT INTO secrets VALUES ('left behind')");
                s.execute("PREPARE stolen FROM 'SELECT 42'");
                s.execute("SELECT GET_LOCK('" + table + "', 0)");
                assertEquals("left behind", one(c, "SELECT a FROM secrets"));
                s.execute("USE " + otherDb);
                s.execute("SET autocommit = 0");
                s.execute("INSERT INTO " + DatabaseServer.DATABASE + "." + table + " VALUES (1)");
                // All of it in place while the borrow lasts:
                assertEquals("alice", one(c, "SELECT @tenant"));
                assertEquals(otherDb, one(c, "SELECT DATABASE()"));
                assertEquals(id, one(admin, "SELECT IS_USED_LOCK('" + table + "')"));
                assertNotEquals(fresh, setUp(c));
            }
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                assertEquals(id, id(c), "the same physical connection");
                assertEquals(fresh, setUp(c), "the session as the driver and the pool set it up");
                assertNull(one(c, "SELECT @tenant"));
                assertNull(one(c, "SELECT @counter"));
                assertNull(one(c, "SELECT @seven"));
                SQLException temp = assertThrows(SQLException.class, () -> s.executeQuery("SELECT a FROM secrets"));
                assertEquals(1146, temp.getErrorCode(), temp.getMessage()); // no such table
                SQLException prepared = assertThrows(SQLException.class, () -> s.execute("EXECUTE stolen"));
                assertEquals(1243, prepared.getErrorCode(), prepared.getMessage()); // unknown prepared statement
                assertNull(one(admin, "SELECT IS_USED_LOCK('" + table + "')"), "the lock was released");
                assertEquals("0", one(c, "SELECT count(*) FROM " + table), "the uncommitted insert was rolled back");
                assertTrue(c.getAutoCommit());
                s.execute("INSERT INTO " + table + " VALUES (2)");
                assertEquals("é", one(c, "SELECT 'é'"), "the character set of the connection as the driver made it");
            }
            assertEquals("1", one(admin, "SELECT count(*) FROM " + table), "the next borrower's insert committed");
        } finally {
            try (Connection admin = server.adminConnection()) {
                exec(admin, "DROP TABLE IF EXISTS " + table);
                exec(admin, "DROP DATABASE IF EXISTS " + otherDb);
            }
        }
    }

    @Test
    void plainReadsAndDataChangesCostNoStatementOnReturn() throws Exception {
        String table = "mdb_plain_" + run;
        try (Connection setup = server.openConnection()) {
            exec(setup, "CREATE TABLE " + table + " (id int primary key, name varchar(20))");
        }
        try (ConnectionPool pool = Pools.create(config("mdb_plain").build())) {
            String id;
            long before;
            try (Connection c = pool.getConnection()) {
                id = id(c);
                before = questions(c);
            }
            for (int round = 0; round < 3; round++) {
                try (Connection c = pool.getConnection()) {
                    assertEquals(before + 1, questions(c), "nothing reached the server between the two borrows");
                    try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
                        ins.setInt(1, round);
                        ins.setString(2, "n" + round);
                        ins.executeUpdate();
                    }
                    try (Statement s = c.createStatement()) {
                        s.executeUpdate("UPDATE " + table + " SET name = 'm' WHERE id = " + round);
                        try (ResultSet rs = s.executeQuery("SELECT @@session.sql_mode, count(*) FROM " + table)) {
                            assertTrue(rs.next());
                        }
                    }
                    assertEquals(id, id(c));
                    before = questions(c);
                }
            }
            try (Connection c = pool.getConnection()) {
                assertEquals(before + 1, questions(c));
                exec(c, "SET @x = 1");
                before = questions(c);
            }
            try (Connection c = pool.getConnection()) {
                assertNotEquals(before + 1, questions(c), "a reset ran between these two borrows");
                assertEquals(id, id(c));
            }
        } finally {
            try (Connection setup = server.openConnection()) {
                exec(setup, "DROP TABLE " + table);
            }
        }
    }

    @Test
    void aTransactionBegunBySqlInAutocommitIsRolledBackOnReturnWithoutAReset() throws Exception {
        String table = "mdb_begun_" + run;
        try (Connection setup = server.openConnection()) {
            exec(setup, "CREATE TABLE " + table + " (id int)");
        }
        try (ConnectionPool pool = Pools.create(config("mdb_begin").build())) {
            String id;
            long before;
            try (Connection c = pool.getConnection()) {
                id = id(c);
                exec(c, "START TRANSACTION");
                exec(c, "INSERT INTO " + table + " VALUES (1)");
                assertTrue(c.getAutoCommit(), "the driver still believes it is in autocommit");
                before = questions(c);
            }
            try (Connection c = pool.getConnection()) {
                assertEquals(before + 2, questions(c), "one ROLLBACK, no reset");
                assertEquals(id, id(c));
                assertEquals("0", one(c, "SELECT count(*) FROM " + table));
            }
        } finally {
            try (Connection setup = server.openConnection()) {
                exec(setup, "DROP TABLE " + table);
            }
        }
    }

    @Test
    void withTheDriversResetTurnedOffAChangedSessionsConnectionIsClosedInstead() throws Exception {
        try (ConnectionPool pool = Pools.create(config("mdb_noreset").driverProperty("useResetConnection", "false")
                .build())) {
            String id;
            try (Connection c = pool.getConnection()) {
                id = id(c);
                exec(c, "SELECT 1"); // plain: kept
            }
            try (Connection c = pool.getConnection()) {
                assertEquals(id, id(c));
                exec(c, "SET @tenant = 'alice'");
            }
            try (Connection c = pool.getConnection()) {
                assertNotEquals(id, id(c), "a new connection");
                assertNull(one(c, "SELECT @tenant"));
            }
        }
    }

    @Test
    void initSqlAndThePoolsDefaultsAreSetAgainAfterTheReset() throws Exception {
        try (ConnectionPool pool = Pools.create(config("mdb_setup").initSql("SET SESSION max_statement_time = 5")
                .defaultTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED).defaultAutoCommit(false)
                .build())) {
            String id;
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                id = id(c);
                assertEquals("5.000000", one(c, "SELECT @@session.max_statement_time"));
                s.execute("SET SESSION max_statement_time = 1");
                s.execute("SET SESSION TRANSACTION ISOLATION LEVEL SERIALIZABLE");
                s.execute("SET autocommit = 1");
            }
            try (Connection c = pool.getConnection()) {
                assertEquals(id, id(c));
                assertEquals("5.000000", one(c, "SELECT @@session.max_statement_time"));
                assertEquals("READ-COMMITTED", one(c, "SELECT @@session.tx_isolation"));
                assertEquals(Connection.TRANSACTION_READ_COMMITTED, c.getTransactionIsolation());
                assertEquals("0", one(c, "SELECT @@session.autocommit"));
                assertTrue(!c.getAutoCommit());
            }
        }
    }

    /** The JDBC state a borrower changed on the driver's own connection does not reach the next borrower. */
    @Test
    void driverStateABorrowerChangedOnTheUnwrappedConnectionIsBackForTheNextBorrower() throws Exception {
        try (ConnectionPool pool = Pools.create(config("mdb_unwrap").build())) {
            UnwrappedDriverState.changedThenPutBack(pool, "org.mariadb.jdbc.Connection", MariaDbSessionResetIT::id);
        }
    }
}
