package pool.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import pool.api.BorrowRequest;
import pool.api.ConnectionPool;
import pool.api.Initialization;
import pool.api.PoolConfig;
import pool.api.ReplicaStats;
import pool.api.Tenancy;
import pool.api.UnknownTenants;
import pool.api.Replicas;
import pool.engine.Pools;
import pool.stubdriver.StubDatabase;
import pool.testsupport.await.Await;

/**
 * Where a logical connection sends each statement, counted on stub databases (a primary and
 * one replica): the rules of {@link LogicalConnection} one by one, and failover of a prepared
 * read with its settings.
 */
class LogicalConnectionTest {

    private final StubDatabase primary = StubDatabase.unique("lc-primary");
    private final StubDatabase replica = StubDatabase.unique("lc-r1");
    private ConnectionPool pool;

    private ConnectionPool pool(Replicas.Builder replicas) throws SQLException {
        pool = Pools.create(PoolConfig.builder("lc").jdbcUrl(primary.url()).user("app").password("pw").maxSize(4)
                .borrowTimeout(Duration.ofSeconds(5)).reaperInterval(Duration.ofHours(1))
                .replicas(replicas.replica("r1", replica.url()).checkInterval(Duration.ofMillis(50)).build()).build());
        return pool;
    }

    private ConnectionPool pool() throws SQLException {
        return pool(Replicas.builder().readAfterWrite(Replicas.ReadAfterWrite.OFF));
    }

    @AfterEach
    void close() {
        if (pool != null) {
            pool.close();
        }
    }

    /** @return which server ran {@code action}'s statements: "primary", "replica" */
    private String ranOn(SqlAction action) throws SQLException {
        long p = primary.statementsExecuted();
        long r = replica.statementsExecuted();
        action.run();
        long dp = primary.statementsExecuted() - p;
        long dr = replica.statementsExecuted() - r;
        return dp > 0 && dr == 0 ? "primary" : dr > 0 && dp == 0 ? "replica" : "primary " + dp + ", replica " + dr;
    }

    @FunctionalInterface
    interface SqlAction {
        void run() throws SQLException;
    }

    @Test
    void autocommitReadsGoToTheReplicaAndWritesToThePrimary() throws Exception {
        try (Connection c = pool().getConnection(); Statement s = c.createStatement()) {
            assertEquals("replica", ranOn(() -> s.executeQuery("SELECT a FROM t").close()));
            assertEquals("primary", ranOn(() -> s.executeUpdate("UPDATE t SET a = 1")));
            assertEquals("primary", ranOn(() -> s.executeQuery("SELECT * FROM t FOR UPDATE").close()));
            assertEquals("replica", ranOn(() -> s.executeQuery("SELECT b FROM t").close()));
            assertEquals("primary", ranOn(() -> s.executeUpdate("SELECT 1")), "executeUpdate says it writes");
        }
    }

    @Test
    void aSessionChangeKeepsTheRestOfTheBorrowOnThePrimary() throws Exception {
        ConnectionPool p = pool();
        try (Connection c = p.getConnection(); Statement s = c.createStatement()) {
            assertEquals("primary", ranOn(() -> s.execute("SET search_path = app")));
            assertEquals("primary", ranOn(() -> s.executeQuery("SELECT a FROM t").close()));
        }
        try (Connection c = p.getConnection(); Statement s = c.createStatement()) {
            assertEquals("replica", ranOn(() -> s.executeQuery("SELECT a FROM t").close()), "the next borrow is free");
        }
    }

    @Test
    void aTransactionRunsOnOneConnection() throws Exception {
        try (Connection c = pool().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            assertEquals("primary", ranOn(() -> s.executeQuery("SELECT a FROM t").close()));
            assertEquals("primary", ranOn(() -> s.executeUpdate("UPDATE t SET a = 1")));
            c.commit();
            c.setReadOnly(true);
            assertEquals("replica", ranOn(() -> s.executeQuery("SELECT a FROM t").close()), "a read-only transaction");
            c.rollback();
        }
    }

    /**
     * A write on a read-only connection runs on a replica session that is itself read-only, so
     * that it is refused as on a plain read-only connection even where the replica's server
     * takes writes (a MariaDB replica without read_only); the session is handed back read-write.
     */
    @Test
    void readOnlyIntentWinsOverTheStatement() throws Exception {
        try (Connection c = pool().getConnection(); Statement s = c.createStatement()) {
            c.setReadOnly(true);
            assertEquals("replica", ranOn(() -> s.executeUpdate("UPDATE t SET a = 1")), "the replica refuses it itself");
            assertTrue(replica.openConnections().stream().anyMatch(LogicalConnectionTest::readOnly),
                    "the replica's session is read-only");
        }
        try (Connection c = pool.borrow(BorrowRequest.builder().readOnly().build()); Statement s = c.createStatement()) {
            assertEquals("replica", ranOn(() -> s.executeUpdate("UPDATE t SET a = 1")));
            assertTrue(replica.openConnections().stream().anyMatch(LogicalConnectionTest::readOnly),
                    "a read-intent borrow's replica session is read-only");
        }
        assertTrue(replica.openConnections().stream().noneMatch(LogicalConnectionTest::readOnly),
                "given back, the replica's sessions are read-write again");
    }

    private static boolean readOnly(Connection c) {
        try {
            return c.isReadOnly();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withTheWindowAWritesReadsStayOnThePrimary() throws Exception {
        try (Connection c = pool(Replicas.builder().readAfterWrite(Replicas.ReadAfterWrite.WINDOW)
                .readAfterWriteWindow(Duration.ofHours(1))).getConnection(); Statement s = c.createStatement()) {
            assertEquals("replica", ranOn(() -> s.executeQuery("SELECT a FROM t").close()));
            s.executeUpdate("UPDATE t SET a = 1");
            assertEquals("primary", ranOn(() -> s.executeQuery("SELECT a FROM t").close()));
        }
    }

    @Test
    void aPreparedReadWhoseReplicaBreaksRunsAgainWithItsSettingsAndNoFailure() throws Exception {
        ConnectionPool p = pool();
        try (Connection c = p.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT a FROM t WHERE id = ?")) {
            ps.setFetchSize(77);
            ps.setInt(1, 5);
            assertEquals("replica", ranOn(() -> ps.executeQuery().close()));
            replica.breakAll();
            ranOn(() -> ps.executeQuery().close()); // failed over, no exception
            assertEquals(77, ps.getFetchSize(), "the settings followed it");
            assertEquals(ReplicaStats.State.UP, p.stats().replicas().get(0).state(),
                    "only connections broke: the server still takes new ones");
            replica.breakAll();
            replica.failNextConnects(1_000_000);
            assertEquals("primary", ranOn(() -> ps.executeQuery().close()), "failed over, no exception");
            Await.until("the check finds the server gone", Duration.ofSeconds(10),
                    () -> p.stats().replicas().get(0).state() == ReplicaStats.State.DOWN);
        }
        assertEquals(0, p.stats().active());
    }

    /**
     * initialization="fail-fast" is about the pool's database, the primary: a replica that
     * cannot be reached at start is DOWN, as it would be later, and reads go to the primary.
     */
    @Test
    void aReplicaDownAtStartDoesNotFailAFailFastPool() throws Exception {
        replica.failNextConnects(1_000_000);
        pool = Pools.create(PoolConfig.builder("lc").jdbcUrl(primary.url()).user("app").password("pw").maxSize(4)
                .borrowTimeout(Duration.ofSeconds(5)).initialization(Initialization.FAIL_FAST)
                .replicas(Replicas.builder().replica("r1", replica.url()).checkInterval(Duration.ofMillis(50)).build())
                .build());
        assertEquals(ReplicaStats.State.DOWN, pool.stats().replicas().get(0).state());
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            assertEquals("primary", ranOn(() -> s.executeQuery("SELECT a FROM t").close()));
        }
        primary.failNextConnects(1_000_000);
        SQLException e = assertThrows(SQLException.class, () -> Pools.create(PoolConfig.builder("lc2")
                .jdbcUrl(primary.url()).user("app").password("pw").initialization(Initialization.FAIL_FAST)
                .replicas(Replicas.builder().replica("r1", replica.url()).build()).build()).close());
        assertTrue(e.getMessage().contains("lc2"), e.getMessage());
    }

    /**
     * The check that lets a replica take reads borrows from the replica's pool without a
     * tenant: a pool whose tenancy rejects unknown tenants refuses that borrow, which says
     * nothing about the replica, and must not keep it DOWN for good.
     */
    @Test
    void aReplicaTakesReadsInAPoolThatRejectsUnknownTenants() throws Exception {
        pool = Pools.create(PoolConfig.builder("lc").jdbcUrl(primary.url()).user("app").password("pw").maxSize(4)
                .borrowTimeout(Duration.ofSeconds(5))
                .tenancy(Tenancy.builder().unknownTenants(UnknownTenants.REJECT).tenant("acme", 0, 2, 1).build())
                .replicas(Replicas.builder().replica("r1", replica.url()).checkInterval(Duration.ofMillis(50)).build())
                .build());
        assertEquals(ReplicaStats.State.UP, pool.stats().replicas().get(0).state(),
                () -> pool.stats().replicas().get(0).toString());
        try (Connection c = pool.borrow(BorrowRequest.builder().tenant("acme").build()); Statement s = c.createStatement()) {
            assertEquals("replica", ranOn(() -> s.executeQuery("SELECT a FROM t").close()));
        }
    }

    /**
     * A read finding every replica busy asks each once (for at most the short bound, then the
     * next replica, then the primary), not the first one again; with whenNoReplica="fail" the
     * last replica left waits out the borrow's timeout, and the read then fails saying so.
     */
    @Test
    void aReadAsksEachBusyReplicaOnceBeforeFallingBack() throws Exception {
        StubDatabase second = StubDatabase.unique("lc-r2");
        for (Replicas.WhenNoReplica when : Replicas.WhenNoReplica.values()) {
            try (ConnectionPool p = Pools.create(PoolConfig.builder("busy").jdbcUrl(primary.url()).user("app")
                    .password("pw").maxSize(1).borrowTimeout(Duration.ofMillis(1500))
                    .replicas(Replicas.builder().replica("r1", replica.url()).replica("r2", second.url())
                            .whenNoReplica(when).checkInterval(Duration.ofMillis(50)).build()).build())) {
                BorrowRequest read = BorrowRequest.builder().readOnly().build();
                try (Connection a = p.borrow(read); Connection b = p.borrow(read)) {
                    assertEquals(2, p.stats().replicas().stream().mapToInt(ReplicaStats::active).sum(),
                            "each replica's one connection is held");
                    if (when == Replicas.WhenNoReplica.PRIMARY) {
                        try (Connection c = p.borrow(read); Statement s = c.createStatement()) {
                            assertEquals("primary", ranOn(() -> s.executeQuery("SELECT a FROM t").close()));
                        }
                    } else {
                        SQLException e = assertThrows(SQLException.class, () -> p.borrow(read).close());
                        assertTrue(e.getMessage().contains("busy"), e.getMessage());
                    }
                }
                // the borrow asked both replicas; with a primary to fall back on, its read then went
                // there without asking them again (they were busy a moment ago)
                assertEquals(2, p.stats().timeoutCount(),
                        when + ": one timed-out wait per replica, " + p.stats().replicas());
            }
        }
    }

    @Test
    void withWhenNoReplicaFailReadsStillSpreadOverTheReplicas() throws Exception {
        StubDatabase second = StubDatabase.unique("lc-r2");
        try (ConnectionPool p = Pools.create(PoolConfig.builder("spread").jdbcUrl(primary.url()).user("app")
                .password("pw").maxSize(4).borrowTimeout(Duration.ofSeconds(5))
                .replicas(Replicas.builder().replica("r1", replica.url()).replica("r2", second.url())
                        .whenNoReplica(Replicas.WhenNoReplica.FAIL).checkInterval(Duration.ofMillis(50)).build())
                .build())) {
            for (int i = 0; i < 20; i++) {
                try (Connection c = p.borrow(BorrowRequest.builder().readOnly().build()); Statement s = c.createStatement()) {
                    s.executeQuery("SELECT a FROM t").close();
                }
            }
            for (ReplicaStats r : p.stats().replicas()) {
                assertTrue(r.readsServed() >= 10, () -> "reads spread: " + p.stats().replicas());
            }
        }
    }

    @Test
    void statementsAndResultsAnswerTheLogicalObjects() throws Exception {
        try (Connection c = pool().getConnection(); Statement s = c.createStatement()) {
            assertSame(c, s.getConnection());
            try (ResultSet rs = s.executeQuery("SELECT a FROM t")) {
                assertSame(s, rs.getStatement());
            }
            assertTrue(c.isWrapperFor(Connection.class));
        }
    }

    /**
     * The metadata's connection is the borrowed one, as on a plain pool: the physical
     * connection under it, closed by a caller, went back to its pool while the borrow still held it.
     */
    @Test
    void metadataAnswersTheLogicalConnection() throws Exception {
        ConnectionPool p = pool();
        try (Connection c = p.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            assertSame(c, md.getConnection());
            assertSame(md, md.unwrap(DatabaseMetaData.class));
            assertTrue(md.isWrapperFor(DatabaseMetaData.class));
        }
        try (Connection c = p.borrow(BorrowRequest.builder().readOnly().build())) {
            assertSame(c, c.getMetaData().getConnection());
        }
    }

    @Test
    void aClosedConnectionRefusesUseAndGaveEverythingBack() throws Exception {
        ConnectionPool p = pool();
        Connection c = p.getConnection();
        Statement s = c.createStatement();
        s.executeQuery("SELECT a FROM t").close();
        s.executeUpdate("UPDATE t SET a = 1");
        c.close();
        c.close(); // twice is harmless
        assertTrue(c.isClosed());
        SQLException e = assertThrows(SQLException.class, c::createStatement);
        assertEquals("08003", e.getSQLState());
        assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1"));
        assertEquals(0, p.stats().active());
        assertEquals(0, p.stats().replicas().get(0).active());
    }
}
