package pool.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import pool.api.ConnectionPool;
import pool.api.PoolConfig;
import pool.api.PoolTimeoutException;
import pool.testsupport.await.Await;
import pool.testsupport.db.DatabaseServer;

/**
 * The engine under network and server faults, made real but local: a {@link FaultProxy}
 * between the pool and the shared server, sessions killed from another session.
 */
abstract class FaultTests {

    DatabaseServer server;
    FaultProxy proxy;

    /** @return the server's JDBC URL with {@code port} (the proxy's) in place of its own */
    String urlThrough(int port) {
        return server.jdbcUrl().replace(":" + server.port() + "/", ":" + port + "/");
    }

    @AfterEach
    void closeProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    PoolConfig.Builder throughProxy(String name) throws Exception {
        proxy = new FaultProxy(server.host(), server.port());
        return PoolConfig.builder(name).jdbcUrl(urlThrough(proxy.port())).user(server.user())
                .password(server.password()).connectTimeout(Duration.ofSeconds(1)).borrowTimeout(Duration.ofSeconds(2))
                .reaperInterval(Duration.ofMillis(200))
                .createBackoffInitial(Duration.ofMillis(50)).createBackoffMax(Duration.ofMillis(200));
    }

    static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    @Test
    void aStalledBackendTimesBorrowsOutAndConnectsEndWithinConnectTimeout() throws Exception {
        try (ConnectionPool pool = Pools.create(throughProxy("stall-open").minIdle(1).maxSize(4)
                .borrowTimeout(Duration.ofMillis(500)).build())) {
            try (Connection c = pool.getConnection()) {
                assertEquals("1", one(c, "SELECT 1"));
            }
            proxy.stall();
            pool.softEvict(); // minIdle asks for a new one, into the stall
            long failures = pool.stats().createFailureCount();
            assertThrows(PoolTimeoutException.class, pool::getConnection);
            // A connect whose handshake gets no answer gives up after connectTimeout, so the
            // creator's few threads are free again: attempts keep failing while the stall lasts.
            Await.until("connects into the stall fail by connectTimeout", Duration.ofSeconds(30),
                    () -> pool.stats().createFailureCount() >= failures + 3);
            proxy.resume();
            try (Connection c = pool.getConnection()) {
                assertEquals("1", one(c, "SELECT 1"));
                assertEquals(0, c.getNetworkTimeout(), "the configured socketTimeout (none) once connected");
            }
        }
    }

    @Test
    void aStalledBackendTimesABorrowOutAfterBorrowTimeoutAndOneValidation() throws Exception {
        // Four idle connections, each checked before hand-out, against a database that no
        // longer answers: each check lasts validationTimeout. The borrow gives up once its
        // timeout has passed, not after checking them all, and says how long it waited.
        try (ConnectionPool pool = Pools.create(throughProxy("stall-validate").minIdle(4).maxSize(4)
                .validationSkipWindow(Duration.ZERO).validationTimeout(Duration.ofSeconds(1))
                .borrowTimeout(Duration.ofSeconds(1)).build())) {
            Await.until("minIdle open", Duration.ofSeconds(30), () -> pool.stats().idle() == 4);
            proxy.stall();
            long t0 = System.nanoTime();
            PoolTimeoutException e = assertThrows(PoolTimeoutException.class, pool::getConnection);
            long took = (System.nanoTime() - t0) / 1_000_000;
            long waited = Long.parseLong(e.getMessage().replaceAll(".*\\(waited (\\d+) ms\\).*", "$1"));
            assertTrue(waited >= took - 100, "the message says how long the borrow waited: " + waited + " of "
                    + took + " ms; " + e.getMessage());
            assertTrue(pool.stats().validationFailureCount() <= 2, "checked past the timeout: " + pool.stats());
        }
    }

    @Test
    void anAsyncBorrowChecksAtMostOneConnectionOnTheCallersThread() throws Exception {
        try (ConnectionPool pool = Pools.create(throughProxy("stall-async").minIdle(3).maxSize(3)
                .validationSkipWindow(Duration.ZERO).validationTimeout(Duration.ofSeconds(1))
                .borrowTimeout(Duration.ofSeconds(1)).build())) {
            Await.until("minIdle open", Duration.ofSeconds(30), () -> pool.stats().idle() == 3);
            proxy.stall();
            var f = pool.getConnectionAsync();
            assertTrue(pool.stats().validationFailureCount() <= 1,
                    "the caller checked more than one connection: " + pool.stats());
            var e = assertThrows(java.util.concurrent.ExecutionException.class, f::get);
            assertTrue(e.getCause() instanceof PoolTimeoutException, String.valueOf(e.getCause()));
        }
    }
}
