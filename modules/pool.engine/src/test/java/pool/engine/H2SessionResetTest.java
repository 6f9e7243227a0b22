package pool.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pool.engine.RealDatabaseTests.exec;
import static pool.engine.RealDatabaseTests.one;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pool.api.ConnectionPool;
import pool.api.PoolConfig;

/**
 * H2 in the pool's own JVM, as the daemon's default demo pool uses it. H2 has no
 * statement that resets a session, so a connection whose session SQL may have changed is
 * closed on return and the next borrower gets a new one; one that ran plain reads and
 * data changes is handed on as it is.
 */
class H2SessionResetTest {

    private final String url = "jdbc:h2:mem:reset_" + UUID.randomUUID().toString().replace("-", "")
            + ";DB_CLOSE_DELAY=-1";
    private Connection keeper;
    private ConnectionPool pool;

    @BeforeEach
    void open() throws SQLException {
        keeper = DriverManager.getConnection(url, "sa", "");
        exec(keeper, "CREATE TABLE orders (id int)");
        exec(keeper, "CREATE SCHEMA other");
        pool = Pools.create(PoolConfig.builder("h2").jdbcUrl(url).user("sa").maxSize(1)
                .borrowTimeout(Duration.ofSeconds(5)).build());
    }

    @AfterEach
    void close() throws SQLException {
        pool.close();
        exec(keeper, "SHUTDOWN");
        keeper.close();
    }

    private static String session(Connection c) throws SQLException {
        return one(c, "SELECT SESSION_ID()");
    }

    private long orders() throws SQLException {
        return Long.parseLong(one(keeper, "SELECT count(*) FROM orders"));
    }

    @Test
    void setSchemaDoesNotReachTheNextBorrower() throws Exception {
        String first;
        try (Connection c = pool.getConnection()) {
            first = session(c);
            exec(c, "SET SCHEMA other");
            assertEquals("OTHER", one(c, "SELECT SCHEMA()"));
        }
        try (Connection c = pool.getConnection()) {
            assertNotEquals(first, session(c), "closed and replaced");
            assertEquals("PUBLIC", one(c, "SELECT SCHEMA()"));
        }
    }

    @Test
    void aUserVariableDoesNotReachTheNextBorrower() throws Exception {
        try (Connection c = pool.getConnection()) {
            exec(c, "SET @tenant = 'alice'");
            assertEquals("alice", one(c, "SELECT @tenant"));
        }
        try (Connection c = pool.getConnection()) {
            assertNull(one(c, "SELECT @tenant"));
        }
        try (Connection c = pool.getConnection()) {
            one(c, "SELECT SET(@tenant, 'bob')");
        }
        try (Connection c = pool.getConnection()) {
            assertNull(one(c, "SELECT @tenant"));
        }
    }

    @Test
    void autocommitSwitchedOffThroughSqlDoesNotSwallowTheNextBorrowersInsert() throws Exception {
        try (Connection c = pool.getConnection()) {
            exec(c, "SET AUTOCOMMIT FALSE");
            exec(c, "INSERT INTO orders VALUES (1)");
        }
        assertEquals(0, orders(), "the first borrower never committed: its insert is gone");
        try (Connection c = pool.getConnection()) {
            assertTrue(c.getAutoCommit());
            exec(c, "INSERT INTO orders VALUES (2)");
        }
        assertEquals(1, orders(), "the next borrower's insert is committed");
        pool.close(); // and stays committed when the pool closes its connections
        assertEquals(1, orders());
    }

    @Test
    void plainReadsAndDataChangesKeepTheSession() throws Exception {
        String first;
        try (Connection c = pool.getConnection()) {
            first = session(c);
            exec(c, "INSERT INTO orders VALUES (1)");
            exec(c, "UPDATE orders SET id = 2 WHERE id = 1");
            one(c, "SELECT count(*) FROM orders WHERE id = 2");
        }
        try (Connection c = pool.getConnection()) {
            assertEquals(first, session(c), "the same session");
        }
    }
}
