package pool.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import pool.api.BorrowRequest;
import pool.api.ConnectionPool;
import pool.api.Initialization;
import pool.api.PoolClosedException;
import pool.stubdriver.StubDatabase;

class PoolsTest {

    @Test
    void aNullBorrowRequestSaysWhatToPassAndLeavesThePoolWhole() throws SQLException {
        StubDatabase db = StubDatabase.unique("pools-null-request");
        try (ConnectionPool pool = Pools.create(StubPools.config(db).build())) {
            NullPointerException e = assertThrows(NullPointerException.class, () -> pool.borrow(null));
            assertTrue(e.getMessage().contains("BorrowRequest.DEFAULT"), e.getMessage());
            assertThrows(NullPointerException.class, () -> pool.borrowAsync(null));
            assertEquals(0, pool.stats().active());
            try (Connection c = pool.getConnection()) {
                assertTrue(c.isValid(1));
            }
        }
    }

    @Test
    void createsAPoolThatLendsWorkingConnections() throws SQLException {
        StubDatabase db = StubDatabase.unique("pools");
        try (ConnectionPool pool = Pools.create(StubPools.config(db).build())) {
            try (Connection c = pool.getConnection();
                 PreparedStatement ps = c.prepareStatement("select 1");
                 ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
                assertSame(c, ps.getConnection());
                assertSame(ps, rs.getStatement());
                assertSame(c, c.getMetaData().getConnection());
            }
            assertEquals(1, pool.stats().borrowCount());
            assertEquals(1, pool.stats().idle());
            assertEquals(0, pool.stats().active());
        }
        assertEquals(0, db.openNow());
    }

    @Test
    void connectionIsReusedAcrossBorrows() throws SQLException {
        StubDatabase db = StubDatabase.unique("reuse");
        try (ConnectionPool pool = Pools.create(StubPools.config(db).build())) {
            for (int i = 0; i < 100; i++) {
                pool.getConnection().close();
            }
            assertEquals(1, db.opened());
        }
    }

    @Test
    void userAndPasswordAndDriverPropertiesReachTheDriver() throws SQLException {
        StubDatabase db = StubDatabase.unique("props");
        try (ConnectionPool pool = Pools.create(StubPools.config(db).driverProperty("ssl", "true").build())) {
            pool.getConnection().close();
            assertEquals("app", db.lastConnectProperties().getProperty("user"));
            assertEquals("secret", db.lastConnectProperties().getProperty("password"));
            assertEquals("true", db.lastConnectProperties().getProperty("ssl"));
        }
    }

    @Test
    void failFastInitializationThrowsTheDriversReason() {
        StubDatabase db = StubDatabase.unique("failfast").configurationError(true);
        SQLException e = assertThrows(SQLException.class, () -> Pools.create(StubPools.config(db)
                .initialization(Initialization.FAIL_FAST).build()));
        assertEquals("28P01", e.getSQLState());
        assertTrue(e.getMessage().contains("password authentication failed"), e.getMessage());
        assertTrue(e.getMessage().contains("configuration error"), e.getMessage());
    }

    @Test
    void closedPoolRefusesBorrows() throws SQLException {
        StubDatabase db = StubDatabase.unique("closed");
        ConnectionPool pool = Pools.create(StubPools.config(db).build());
        pool.close();
        PoolClosedException e = assertThrows(PoolClosedException.class, pool::getConnection);
        assertTrue(e.getMessage().contains("closed"));
        pool.close(); // twice is harmless
    }

    @Test
    void closeRollsBackAndClosesBorrowedConnections() throws SQLException {
        StubDatabase db = StubDatabase.unique("closeinuse");
        ConnectionPool pool = Pools.create(StubPools.config(db).build());
        Connection c = pool.getConnection();
        pool.close();
        assertEquals(0, db.openNow());
        assertTrue(c.isClosed());
        SQLException e = assertThrows(SQLException.class, c::createStatement);
        assertTrue(e.getMessage().contains("shut down"), e.getMessage());
        c.close();
    }

    @Test
    void closeWakesWaitingBorrowersWithTheReasonLongBeforeTheirTimeout() throws Exception {
        StubDatabase db = StubDatabase.unique("closewaiter");
        ConnectionPool pool = Pools.create(StubPools.config(db).maxSize(1)
                .borrowTimeout(java.time.Duration.ofMinutes(5)).build());
        Connection held = pool.getConnection();
        java.util.concurrent.CompletableFuture<Throwable> waiter = new java.util.concurrent.CompletableFuture<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try (Connection c = pool.getConnection()) {
                waiter.complete(null);
            } catch (Throwable e) {
                waiter.complete(e);
            }
        });
        StubPools.await("the borrower waits", () -> pool.stats().pending() == 1);
        pool.close();
        Throwable e = waiter.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(e instanceof PoolClosedException, String.valueOf(e));
        assertTrue(e.getMessage().contains("pool '") && e.getMessage().contains("was closed"), e.getMessage());
        t.join();
        assertTrue(held.isClosed());
        assertEquals(0, db.openNow());
    }

    @Test
    void anEndlessBorrowTimeoutWaitsAsLongAsItTakes() throws Exception {
        StubDatabase db = StubDatabase.unique("endless");
        java.time.Duration forever = java.time.temporal.ChronoUnit.FOREVER.getDuration();
        try (ConnectionPool pool = Pools.create(StubPools.config(db).maxSize(1).borrowTimeout(forever).build())) {
            Connection held = pool.getConnection(); // none idle: the borrow waits for the first one
            java.util.concurrent.CompletableFuture<Connection> next = pool.borrowAsync(
                    BorrowRequest.builder().timeout(forever).build());
            held.close();
            next.get(30, java.util.concurrent.TimeUnit.SECONDS).close();
            pool.apply(pool.liveSettings().withMaxLifetime(forever).withLeakThreshold(forever));
            try (Connection c = pool.getConnection()) {
                assertTrue(c.isValid(1));
            }
        }
    }

    @Test
    void loginTimeoutIsTheBorrowTimeoutInWholeSecondsRoundedUp() throws SQLException {
        StubDatabase db = StubDatabase.unique("login");
        try (ConnectionPool pool = Pools.create(StubPools.config(db).borrowTimeout(java.time.Duration.ofMillis(300))
                .build())) {
            assertEquals(1, pool.getLoginTimeout(), "300 ms is not JDBC's 0 (no limit)");
            pool.setLoginTimeout(5);
            assertEquals(5, pool.getLoginTimeout());
            assertEquals(java.time.Duration.ofSeconds(5), pool.liveSettings().borrowTimeout());
            pool.setLoginTimeout(0);
            assertEquals(java.time.Duration.ofMillis(300), pool.liveSettings().borrowTimeout(), "0: the configured one");
        }
    }

    @Test
    void poolIsADataSourceAndUnwrapsToConnectionPool() throws SQLException {
        StubDatabase db = StubDatabase.unique("ds");
        try (ConnectionPool pool = Pools.create(StubPools.config(db).build())) {
            javax.sql.DataSource ds = pool;
            assertTrue(ds.isWrapperFor(ConnectionPool.class));
            assertSame(pool, ds.unwrap(ConnectionPool.class));
            assertThrows(java.sql.SQLFeatureNotSupportedException.class, () -> ds.getConnection("u", "p"));
            SQLException notAWrapper = assertThrows(SQLException.class, () -> ds.unwrap(String.class));
            assertTrue(notAWrapper.getMessage().contains("'" + pool.name() + "'"), notAWrapper.getMessage());
            assertFalse(ds.isWrapperFor(String.class));
            assertEquals(null, ds.getLogWriter());
            try (Connection c = ds.getConnection()) {
                assertInstanceOf(Connection.class, c);
            }
        }
    }
}
