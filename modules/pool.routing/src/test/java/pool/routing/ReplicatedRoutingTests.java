package pool.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import pool.api.BorrowRequest;
import pool.api.ConnectionPool;
import pool.api.Intent;
import pool.api.PoolConfig;
import pool.api.PoolEvent;
import pool.api.ReplicaStats;
import pool.api.Replicas;
import pool.api.Tenancy;
import pool.api.TenantRejectedException;
import pool.api.spi.EverySession;
import pool.engine.Pools;
import pool.testsupport.db.ReplicatedPair;
import static pool.testsupport.await.Await.until;

/**
 * Routing over a real primary and its streaming replica, in-process through
 * {@code Pools.create}: the same scenarios for PostgreSQL and MariaDB.
 */
abstract class ReplicatedRoutingTests {

    static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L * 1000);

    ReplicatedPair pair;

    /** @return whether {@code c}'s statement ran on the replica ({@code pg_is_in_recovery()}, {@code @@server_id}) */
    abstract boolean onReplica(Connection c) throws SQLException;

    /** @return a statement that changes the session */
    abstract String sessionChange();

    /** @return a statement that sets the session's time zone to +05:30 (Asia/Kolkata) */
    abstract String zoneChange();

    /** @return the session's time zone, as the server names it */
    abstract String sessionZone(Connection c) throws SQLException;

    /** @return a condition that holds after sleeping {@code seconds} on the server */
    abstract String holdsAfterSleeping(int seconds);

    /** @return the server's id of the session {@code c}'s statement runs in ({@code pg_backend_pid()}, {@code CONNECTION_ID()}) */
    abstract long sessionId(Connection c) throws SQLException;

    /**
     * Ends session {@code id} of the server {@code direct} is connected to, as an operator does
     * ({@code pg_terminate_backend}, {@code KILL}), and waits until it is gone.
     */
    abstract void dropSession(Connection direct, long id) throws Exception;

    /** @return the ids of every session of the test's login on {@code direct}'s server but {@code direct}'s own */
    abstract List<Long> otherSessions(Connection direct) throws SQLException;

    Connection direct(boolean replica) throws SQLException {
        var s = replica ? pair.replica() : pair.primary();
        return DriverManager.getConnection(s.jdbcUrl(), s.user(), s.password());
    }

    void table() throws SQLException {
        try (Connection c = direct(false); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS routing_it (id bigint PRIMARY KEY, v varchar(40))");
        }
        pair.awaitReplicaCaughtUp(Duration.ofSeconds(20));
    }

    Replicas.Builder replicas() {
        return Replicas.builder().replica("r1", pair.replica().jdbcUrl()).maxLag(Duration.ofSeconds(1))
                .checkInterval(Duration.ofMillis(200));
    }

    ConnectionPool pool(Replicas replicas) throws SQLException {
        return Pools.create(PoolConfig.builder("orders").jdbcUrl(pair.primary().jdbcUrl())
                .user(pair.primary().user()).password(pair.primary().password())
                .maxSize(8).borrowTimeout(Duration.ofSeconds(10)).replicas(replicas).build());
    }

    static ReplicaStats r1(ConnectionPool pool) {
        return pool.stats().replicas().get(0);
    }

    static void insert(Connection c, long id, String v) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO routing_it (id, v) VALUES (?, ?)")) {
            ps.setLong(1, id);
            ps.setString(2, v);
            assertEquals(1, ps.executeUpdate());
        }
    }

    static String read(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT v FROM routing_it WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** A step of a test, run while a fault lasts. */
    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /**
     * Delays the replica's apply by 5 s, writes a row on the primary, and waits until the pool
     * sees the replica LAGGING; the caller sets the delay back to zero.
     */
    private void lagReplica(ConnectionPool pool) throws Exception {
        pair.setReplicaDelay(Duration.ofSeconds(5));
        try (Connection w = direct(false)) {
            insert(w, IDS.incrementAndGet(), "delayed");
        }
        until("the replica is LAGGING", Duration.ofSeconds(15), () -> r1(pool).state() == ReplicaStats.State.LAGGING);
    }

    /** Runs {@code whileDown} with the replica's server stopped, then starts it and waits until the pool has it UP. */
    private void withReplicaStopped(ConnectionPool pool, Duration upWithin, Step whileDown) throws Exception {
        pair.replica().stop();
        try {
            whileDown.run();
        } finally {
            pair.replica().start();
        }
        until("the replica is UP again", upWithin, () -> r1(pool).state() == ReplicaStats.State.UP);
    }

    @Test
    void autocommitReadsRunOnTheReplicaAndWritesOnThePrimary() throws Exception {
        table();
        try (ConnectionPool pool = pool(replicas().build())) {
            assertEquals(ReplicaStats.State.UP, r1(pool).state());
            try (Connection c = pool.getConnection()) {
                assertTrue(onReplica(c), "an autocommit read runs on the replica");
                insert(c, IDS.incrementAndGet(), "written"); // the replica would refuse it
            }
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                assertFalse(onReplica(c), "a read-write transaction runs on the primary");
                insert(c, IDS.incrementAndGet(), "in a transaction");
                c.commit();
                c.setAutoCommit(true);
            }
            try (Connection c = pool.getConnection()) {
                c.setReadOnly(true);
                c.setAutoCommit(false);
                assertTrue(onReplica(c), "a read-only transaction runs on the replica");
                c.commit();
            }
            try (Connection c = pool.borrow(BorrowRequest.builder().readOnly().build())) {
                assertTrue(onReplica(c), "a borrow with read intent reads on the replica");
                c.setAutoCommit(false);
                assertTrue(onReplica(c), "even in a transaction");
                c.commit();
            }
            try (Connection c = pool.borrowAsync(BorrowRequest.builder().readOnly().build())
                    .get(10, java.util.concurrent.TimeUnit.SECONDS)) {
                assertTrue(onReplica(c), "an async borrow with read intent reads on the replica");
            }
            try (Connection c = pool.getConnectionAsync().get(10, java.util.concurrent.TimeUnit.SECONDS)) {
                assertTrue(onReplica(c), "an async borrow routes as a blocking one");
                insert(c, IDS.incrementAndGet(), "async");
            }
            assertTrue(r1(pool).readsServed() >= 6, () -> "reads served: " + r1(pool));
            assertEquals(0, pool.stats().active(), "every connection came back");
        }
    }

    /**
     * A pool read-only by default borrows with read intent asynchronously and without waiting
     * as getConnection() does: a replica connection only. getConnectionAsync() and tryBorrow()
     * used to take a primary connection too, held for the borrow and never used.
     */
    @Test
    void anAsyncBorrowFromAReadOnlyByDefaultPoolHoldsOnlyAReplicaConnection() throws Exception {
        table();
        try (ConnectionPool pool = Pools.create(PoolConfig.builder("readonly").jdbcUrl(pair.primary().jdbcUrl())
                .user(pair.primary().user()).password(pair.primary().password()).maxSize(4)
                .borrowTimeout(Duration.ofSeconds(10)).defaultReadOnly(true).replicas(replicas().build()).build())) {
            try (Connection c = pool.getConnection()) {
                assertTrue(onReplica(c));
                assertEquals(1, pool.stats().active(), "getConnection(): its replica connection only");
            }
            try (Connection c = pool.getConnectionAsync().get(10, java.util.concurrent.TimeUnit.SECONDS)) {
                assertTrue(onReplica(c));
                assertEquals(1, pool.stats().active(), "getConnectionAsync(): the same");
            }
            try (Connection c = pool.tryBorrow().orElseThrow()) {
                assertTrue(onReplica(c));
                assertEquals(1, pool.stats().active(), "tryBorrow(): an idle replica connection, the same");
            }
            assertEquals(0, pool.stats().active(), "every connection came back");
        }
    }

    /**
     * Each server's pool applies the tenancy section on its own, as it applies maxSize: a
     * tenant at its max on the primary may still take its replica connection, and the other
     * way round.
     */
    @Test
    void tenantQuotasCountPerServer() throws Exception {
        table();
        try (ConnectionPool pool = Pools.create(PoolConfig.builder("quotas").jdbcUrl(pair.primary().jdbcUrl())
                .user(pair.primary().user()).password(pair.primary().password()).maxSize(4)
                .borrowTimeout(Duration.ofSeconds(10)).replicas(replicas().build())
                .tenancy(Tenancy.builder().tenant("acme", 0, 1, 1).failAtMax(true).build()).build())) {
            until("r1 up", Duration.ofSeconds(20), () -> r1(pool).state() == ReplicaStats.State.UP);
            BorrowRequest acme = BorrowRequest.builder().tenant("acme").build();
            try (Connection c = pool.borrow(acme)) {
                assertThrows(TenantRejectedException.class, () -> pool.borrow(acme),
                        "acme holds its one primary connection");
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                    assertTrue(rs.next());
                }
                assertTrue(onReplica(c), "the read took acme's one replica connection");
                assertThrows(TenantRejectedException.class,
                        () -> pool.borrow(BorrowRequest.builder().tenant("acme").readOnly().build()),
                        "acme holds its one replica connection");
            }
            try (Connection again = pool.borrow(BorrowRequest.builder().tenant("acme").readOnly().build())) {
                assertTrue(onReplica(again), "given back at close: a read-intent borrow gets the replica again");
            }
        }
    }

    /**
     * What a remote client in another zone than the daemon needs: its zone on every session its
     * borrow runs on, reads still on the replica.
     */
    @Test
    void setUpOnEverySessionHoldsOnTheReplicaAndThePrimaryAndKeepsReadsOnTheReplica() throws Exception {
        table();
        try (ConnectionPool pool = pool(replicas().build())) {
            String before;
            try (Connection c = pool.getConnection()) {
                before = sessionZone(c);
                assertTrue(c.isWrapperFor(EverySession.class));
                c.unwrap(EverySession.class).runOnEverySession(zoneChange());

                assertTrue(onReplica(c), "reads stay on the replica");
                String onReplica = sessionZone(c);
                assertTrue(onReplica(c), "where the zone was read");
                c.setAutoCommit(false);
                String onPrimary = sessionZone(c);
                assertFalse(onReplica(c), "a read-write transaction runs on the primary");
                c.commit();
                c.setAutoCommit(true);
                assertEquals(onReplica, onPrimary);
                assertFalse(onReplica.equals(before), onReplica + " is the zone set, not the session's first");
                // after the commit, reads wait on the primary until the replica replayed it
                until("reads go on running on the replica", Duration.ofSeconds(10), () -> onReplica(c));
                assertEquals(onPrimary, sessionZone(c));
            }
            try (Connection c = pool.getConnection()) {
                assertEquals(before, sessionZone(c), "the next borrow has the session as it was");
                c.setAutoCommit(false);
                assertEquals(before, sessionZone(c), "on the primary too");
                c.commit();
            }
        }
    }

    /**
     * A write on a read-only connection goes where its reads go, and is refused there as on a
     * plain read-only connection: never applied to the replica, even where the replica's server
     * takes writes (the harness's MariaDB replica has no read_only).
     */
    @Test
    void aWriteOnAReadOnlyConnectionIsRefusedAndNeverReachesTheReplica() throws Exception {
        table();
        long viaIntent = IDS.incrementAndGet();
        long viaFlag = IDS.incrementAndGet();
        try (ConnectionPool pool = pool(replicas().readAfterWrite(Replicas.ReadAfterWrite.OFF).build())) {
            try (Connection c = pool.borrow(BorrowRequest.builder().readOnly().build())) {
                assertTrue(onReplica(c));
                assertThrows(SQLException.class, () -> insert(c, viaIntent, "read-intent borrow"));
            }
            try (Connection c = pool.getConnection()) {
                c.setReadOnly(true);
                assertTrue(onReplica(c));
                assertThrows(SQLException.class, () -> insert(c, viaFlag, "setReadOnly(true)"));
            }
        }
        try (Connection replica = direct(true); Connection primary = direct(false)) {
            for (long id : new long[] {viaIntent, viaFlag}) {
                assertEquals(null, read(replica, id), "the replica has no row the application could not write");
                assertEquals(null, read(primary, id), "nor the primary");
            }
        }
    }

    @Test
    void connectionThatChangedItsSessionStaysOnThePrimary() throws Exception {
        table();
        try (ConnectionPool pool = pool(replicas().build())) {
            try (Connection c = pool.getConnection()) {
                assertTrue(onReplica(c));
                try (Statement s = c.createStatement()) {
                    s.execute(sessionChange());
                }
                assertFalse(onReplica(c), "after " + sessionChange());
                assertFalse(onReplica(c), "for the rest of the borrow");
            }
            try (Connection c = pool.getConnection()) {
                assertTrue(onReplica(c), "a new borrow routes afresh");
            }
        }
    }

    /**
     * A session change made inside a read-only transaction runs on the replica, where the
     * transaction runs: the connection's next statements must see it, so they run on that
     * replica connection while the connection stays read-only. They used to go to the primary,
     * whose session had not changed.
     */
    @Test
    void aSessionChangeInAReadOnlyTransactionHoldsForTheConnectionsNextStatements() throws Exception {
        table();
        try (ConnectionPool pool = pool(replicas().build()); Connection c = pool.getConnection()) {
            c.setReadOnly(true);
            String before = sessionZone(c);
            c.setAutoCommit(false);
            assertTrue(onReplica(c), "a read-only transaction runs on the replica");
            try (Statement s = c.createStatement()) {
                s.execute(zoneChange());
            }
            String changed = sessionZone(c);
            assertFalse(changed.equals(before), changed);
            c.commit();
            c.setAutoCommit(true);
            assertEquals(changed, sessionZone(c), "the next autocommit statement sees the change");
            assertTrue(onReplica(c), "it runs where the change was made");
            c.setAutoCommit(false);
            assertEquals(changed, sessionZone(c), "so does the next transaction");
            c.commit();
            c.setAutoCommit(true);
        }
    }

    /** A session change run in a batch holds the connection on the primary as the same statement run alone does. */
    @Test
    void sessionChangeInABatchStaysOnThePrimary() throws Exception {
        table();
        try (ConnectionPool pool = pool(replicas().readAfterWrite(Replicas.ReadAfterWrite.OFF).build())) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                assertTrue(onReplica(c));
                s.addBatch(sessionChange());
                s.executeBatch();
                assertFalse(onReplica(c), "after a batch holding " + sessionChange());
            }
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                long id = IDS.incrementAndGet();
                s.addBatch("INSERT INTO routing_it (id, v) VALUES (" + id + ", 'batched')");
                s.addBatch(sessionChange());
                s.executeBatch();
                assertFalse(onReplica(c), "after a batch whose second statement was " + sessionChange());
            }
        }
    }

    @Test
    void sessionReadsItsOwnWriteAtOnce() throws Exception {
        table();
        try (ConnectionPool pool = pool(replicas().build()); Connection c = pool.getConnection()) {
            for (int i = 0; i < 30; i++) {
                long id = IDS.incrementAndGet();
                insert(c, id, "v" + i);
                assertEquals("v" + i, read(c, id), "a read right after the write sees it");
            }
            pair.awaitReplicaCaughtUp(Duration.ofSeconds(20));
            until("reads return to the replica once it replayed the writes", Duration.ofSeconds(10), () -> onReplica(c));
        }
    }

    @Test
    void readAfterWriteWindowKeepsReadsOnThePrimaryForTheWindow() throws Exception {
        table();
        try (ConnectionPool pool = pool(replicas().readAfterWrite(Replicas.ReadAfterWrite.WINDOW)
                .readAfterWriteWindow(Duration.ofSeconds(30)).build()); Connection c = pool.getConnection()) {
            assertTrue(onReplica(c));
            long id = IDS.incrementAndGet();
            insert(c, id, "w");
            assertEquals("w", read(c, id));
            assertFalse(onReplica(c), "within the window after the write");
        }
    }

    /**
     * The window counts from the end of the write: a write that takes longer than the window
     * (here it waits 6 s, the window is 5 s) is still followed by reads on the primary. It
     * used to count from the write's start, so the read right after such a write went to a
     * replica that had not replayed it.
     */
    @Test
    void readAfterWriteWindowCountsFromTheEndOfALongWrite() throws Exception {
        table();
        long id = IDS.incrementAndGet();
        try (Connection w = direct(false)) {
            insert(w, id, "before");
        }
        pair.awaitReplicaCaughtUp(Duration.ofSeconds(20));
        try (ConnectionPool pool = pool(replicas().maxLag(Duration.ofMinutes(5))
                .readAfterWrite(Replicas.ReadAfterWrite.WINDOW).readAfterWriteWindow(Duration.ofSeconds(5)).build());
                Connection c = pool.getConnection()) {
            assertTrue(onReplica(c));
            pair.setReplicaDelay(Duration.ofSeconds(30));
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE routing_it SET v = 'after' WHERE id = ? AND " + holdsAfterSleeping(6))) {
                ps.setLong(1, id);
                assertEquals(1, ps.executeUpdate());
                assertEquals("after", read(c, id), "the read right after the long write sees it");
            } finally {
                pair.setReplicaDelay(Duration.ZERO);
            }
        }
    }

    @Test
    void replicaWithApplyDelayIsSkippedAndComesBackWhenCaughtUp() throws Exception {
        table();
        List<PoolEvent> events = new CopyOnWriteArrayList<>();
        try (ConnectionPool pool = pool(replicas().build())) {
            pool.addListener(events::add);
            try (Connection c = pool.getConnection()) {
                assertTrue(onReplica(c));
            }
            try {
                lagReplica(pool);
                assertTrue(r1(pool).lagMillis() > 1000, () -> r1(pool).toString());
                try (Connection c = pool.getConnection()) {
                    assertFalse(onReplica(c), "a lagging replica takes no reads: the primary serves them");
                }
            } finally {
                pair.setReplicaDelay(Duration.ZERO);
            }
            pair.awaitReplicaCaughtUp(Duration.ofSeconds(30));
            until("the replica is UP again", Duration.ofSeconds(15), () -> r1(pool).state() == ReplicaStats.State.UP);
            try (Connection c = pool.getConnection()) {
                assertTrue(onReplica(c), "caught up, it takes reads again");
            }
            until("down and up events", Duration.ofSeconds(5), () -> events.stream()
                    .anyMatch(e -> e instanceof PoolEvent.ReplicaUp u && u.replica().equals("r1")));
            assertTrue(events.stream().anyMatch(e -> e instanceof PoolEvent.ReplicaDown d && d.replica().equals("r1")
                    && d.reason().contains("lag")), events::toString);
        }
    }

    /**
     * A result set the application holds open on the replica stays readable when the replica
     * falls behind and the connection's next read goes elsewhere: the replica's connection
     * used to go back to its pool at that read, closing the open result set under the reader
     * (as a plain pool never would).
     */
    @Test
    void aResultSetOpenOnTheReplicaOutlivesTheReplicaLeavingTheRotation() throws Exception {
        table();
        try (Connection w = direct(false)) {
            insert(w, IDS.incrementAndGet(), "first");
            insert(w, IDS.incrementAndGet(), "second");
        }
        pair.awaitReplicaCaughtUp(Duration.ofSeconds(20));
        try (ConnectionPool pool = pool(replicas().readAfterWrite(Replicas.ReadAfterWrite.OFF).build())) {
            try (Connection c = pool.getConnection()) {
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM routing_it");
                assertTrue(onReplica(c));
                assertTrue(rs.next());
                try {
                    lagReplica(pool);
                    assertFalse(onReplica(c), "the next read goes to the primary");
                    assertTrue(rs.next(), "the result set opened on the replica reads on");
                    assertEquals(1, r1(pool).active(), "its replica connection is held while the statement is open");
                    s.close();
                    assertEquals(0, r1(pool).active(), "and goes back when the statement closes, before the borrow ends");
                } finally {
                    pair.setReplicaDelay(Duration.ZERO);
                }
            }
            until("every connection came back", Duration.ofSeconds(5), () -> pool.stats().active() == 0);
        }
    }

    /**
     * A statement with closeOnCompletion() gives its connection back with its result set: when
     * reads have left the replica meanwhile, the replica's connection goes back to its pool as
     * the result set closes, not when the borrow ends (the routed statement used to stay open,
     * holding it).
     */
    @Test
    void aStatementClosingOnCompletionGivesTheReplicaConnectionBackWithItsResultSet() throws Exception {
        table();
        try (Connection w = direct(false)) {
            insert(w, IDS.incrementAndGet(), "first");
            insert(w, IDS.incrementAndGet(), "second");
        }
        pair.awaitReplicaCaughtUp(Duration.ofSeconds(20));
        try (ConnectionPool pool = pool(replicas().readAfterWrite(Replicas.ReadAfterWrite.OFF).build())) {
            try (Connection c = pool.getConnection()) {
                Statement s = c.createStatement();
                s.closeOnCompletion();
                ResultSet rs = s.executeQuery("SELECT id FROM routing_it");
                assertTrue(onReplica(c));
                try {
                    lagReplica(pool);
                    assertFalse(onReplica(c), "the next read goes to the primary");
                    assertEquals(1, r1(pool).active(), "the replica connection is held while the result set is open");
                    while (rs.next()) {
                        // read to the end, as an application does
                    }
                    rs.close();
                    assertTrue(s.isClosed(), "closed on completion, as JDBC says");
                    assertEquals(0, r1(pool).active(), "the replica connection went back with the result set");
                } finally {
                    pair.setReplicaDelay(Duration.ZERO);
                }
            }
            until("every connection came back", Duration.ofSeconds(5), () -> pool.stats().active() == 0);
        }
    }

    /**
     * ReadsServed counts each statement the replica ran, once: not the read-intent borrow on
     * top of its statement, not a prepared statement's route on top of its executions.
     */
    @Test
    void readsServedCountsEachStatementTheReplicaRanOnce() throws Exception {
        table();
        try (ConnectionPool pool = pool(replicas().readAfterWrite(Replicas.ReadAfterWrite.OFF).build())) {
            long before = r1(pool).readsServed();
            try (Connection c = pool.borrow(BorrowRequest.builder().readOnly().build())) {
                assertTrue(onReplica(c));
            }
            assertEquals(before + 1, r1(pool).readsServed(), "a read-intent borrow with one read: one read");
            try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM routing_it")) {
                for (int i = 0; i < 3; i++) {
                    ps.executeQuery().close();
                }
            }
            assertEquals(before + 4, r1(pool).readsServed(), "three executions: three reads");
        }
    }

    /**
     * One replica connection dropped (an operator ends its session) says nothing of the server:
     * the read fails over with no error, and the replica keeps taking reads, with no ReplicaDown
     * and no read counted for the attempt that failed. It used to be marked DOWN at once, for
     * every reader, until the next check.
     */
    @Test
    void oneDroppedReplicaConnectionLeavesTheReplicaTakingReads() throws Exception {
        table();
        List<PoolEvent> events = new CopyOnWriteArrayList<>();
        try (ConnectionPool pool = pool(replicas().readAfterWrite(Replicas.ReadAfterWrite.OFF).build())) {
            pool.addListener(events::add);
            try (Connection c = pool.getConnection()) {
                c.setReadOnly(true);
                long id = sessionId(c);
                assertTrue(onReplica(c));
                try (Connection r = direct(true)) {
                    dropSession(r, id);
                }
                long reads = r1(pool).readsServed();
                boolean there = onReplica(c); // fails over: no error
                assertEquals(ReplicaStats.State.UP, r1(pool).state(), () -> "one dropped connection: " + r1(pool));
                assertEquals(reads + (there ? 1 : 0), r1(pool).readsServed(),
                        "the attempt that failed is no read served");
                java.time.Instant checked = r1(pool).checkedAt();
                until("two checks since", Duration.ofSeconds(10), () -> {
                    java.time.Instant now = r1(pool).checkedAt();
                    return now.isAfter(checked.plusMillis(200));
                });
                assertTrue(onReplica(c), "its reads are back on the replica");
            }
            try (Connection c = pool.getConnection()) {
                assertTrue(onReplica(c), "a new borrow reads on the replica");
            }
            assertTrue(events.stream().noneMatch(e -> e instanceof PoolEvent.ReplicaDown), events::toString);
        }
    }

    /**
     * A read-only transaction whose held replica connection was dropped while the borrow sat
     * idle: its first statement has run nothing there, so the transaction opens elsewhere and
     * the application sees no failure (pgjdbc sends BEGIN with that statement; it used to fail).
     */
    @Test
    void aReadOnlyTransactionWhoseHeldReplicaConnectionWasDroppedOpensElsewhere() throws Exception {
        table();
        try (ConnectionPool pool = pool(replicas().readAfterWrite(Replicas.ReadAfterWrite.OFF).build());
                Connection c = pool.getConnection()) {
            c.setReadOnly(true);
            long id = sessionId(c);
            try (Connection r = direct(true)) {
                dropSession(r, id);
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM routing_it")) {
                assertTrue(rs.next(), "the transaction's first read ran, with no error");
            }
            c.commit();
            c.setAutoCommit(true);
            assertEquals(ReplicaStats.State.UP, r1(pool).state());
        }
    }

    /**
     * A batch whose replica connection was dropped fails: its statements were added to the
     * physical statement that died. It used to run again elsewhere as an empty batch, and
     * executeBatch returned no counts and no error.
     */
    @Test
    void aBatchWhoseReplicaConnectionWasDroppedFailsInsteadOfRunningEmptyElsewhere() throws Exception {
        table();
        try (ConnectionPool pool = pool(replicas().readAfterWrite(Replicas.ReadAfterWrite.OFF).build());
                Connection c = pool.getConnection()) {
            c.setReadOnly(true);
            long id = sessionId(c);
            try (Statement s = c.createStatement()) {
                s.addBatch("UPDATE routing_it SET v = 'batched' WHERE id = -1");
                try (Connection r = direct(true)) {
                    dropSession(r, id);
                }
                assertThrows(SQLException.class, s::executeBatch);
            }
        }
    }

    @Test
    void stoppedReplicaFailsOverWithNoFailedQuery() throws Exception {
        table();
        try (ConnectionPool pool = pool(replicas().build())) {
            Connection held = pool.getConnection();
            assertTrue(onReplica(held), "holds a replica connection across the stop");
            AtomicBoolean running = new AtomicBoolean(true);
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            AtomicLong reads = new AtomicLong();
            AtomicLong onPrimary = new AtomicLong();
            List<Thread> readers = new java.util.ArrayList<>();
            for (int t = 0; t < 6; t++) {
                readers.add(Thread.ofPlatform().start(() -> {
                    while (running.get()) {
                        try (Connection c = pool.getConnection()) {
                            if (!onReplica(c)) {
                                onPrimary.incrementAndGet();
                            }
                            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM routing_it")) {
                                assertTrue(rs.next());
                            }
                            reads.incrementAndGet();
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }
                }));
            }
            until("the readers read", Duration.ofSeconds(10), () -> reads.get() > 20);
            withReplicaStopped(pool, Duration.ofSeconds(30), () -> {
                assertFalse(onReplica(held), "the held connection's next read fails over to the primary");
                until("the replica is DOWN", Duration.ofSeconds(10), () -> r1(pool).state() == ReplicaStats.State.DOWN);
                long before = onPrimary.get();
                until("reads go on on the primary", Duration.ofSeconds(10), () -> onPrimary.get() > before + 20);
            });
            running.set(false);
            for (Thread t : readers) {
                t.join(30_000);
            }
            held.close();
            assertTrue(failures.isEmpty(), () -> failures.size() + " failed, first: " + failures.peek());
            assertTrue(reads.get() > 50, () -> "reads: " + reads.get());
            try (Connection c = pool.getConnection()) {
                assertTrue(onReplica(c), "back, it takes reads again");
            }
        }
    }

    /**
     * A replica killed (SIGKILL, no goodbye to its clients) mid-borrow: the held connection's
     * next read runs on the primary, the replica is DOWN with a ReplicaDown event, and once
     * restarted (crash recovery) it is UP with a ReplicaUp event and serves the held
     * connection's reads and a new borrow's again.
     */
    @Test
    void killedReplicaGoesDownAndComesBackAfterItsRestart() throws Exception {
        table();
        List<PoolEvent> events = new CopyOnWriteArrayList<>();
        try (ConnectionPool pool = pool(replicas().build())) {
            pool.addListener(events::add);
            try (Connection held = pool.getConnection(); Connection readOnly = pool.borrow(BorrowRequest.builder().readOnly().build())) {
                assertTrue(onReplica(held) && onReplica(readOnly));
                List<Connection> more = new java.util.ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    more.add(pool.borrow(BorrowRequest.builder().readOnly().build()));
                    assertTrue(onReplica(more.get(i)));
                }
                for (Connection m : more) {
                    m.close(); // the replica's pool keeps them idle, connected to the server about to die
                }
                pair.replica().kill();
                try {
                    // (A PostgreSQL backend outlives its killed postmaster for a moment, so a
                    // read right after the kill may still be answered there.)
                    until("the replica is DOWN", Duration.ofSeconds(10), () -> r1(pool).state() == ReplicaStats.State.DOWN);
                    assertFalse(onReplica(held), "the held connection's reads go to the primary");
                    assertFalse(onReplica(readOnly), "so do a read-only connection's");
                    until("a down event", Duration.ofSeconds(5), () -> events.stream()
                            .anyMatch(e -> e instanceof PoolEvent.ReplicaDown d && d.replica().equals("r1")));
                } finally {
                    pair.replica().start();
                }
                until("the replica is UP again", Duration.ofSeconds(60), () -> r1(pool).state() == ReplicaStats.State.UP);
                until("an up event", Duration.ofSeconds(5), () -> events.stream()
                        .anyMatch(e -> e instanceof PoolEvent.ReplicaUp u && u.replica().equals("r1")));
                // No connection of the killed server is handed out again: a reader given one
                // would fail over and mark the replica down once more.
                assertTrue(onReplica(held), "the held connection reads on the replica again");
                assertTrue(onReplica(readOnly), "the read-only one too");
            }
            try (Connection c = pool.getConnection()) {
                assertTrue(onReplica(c), "a new borrow reads on the replica");
            }
            assertEquals(1, events.stream().filter(e -> e instanceof PoolEvent.ReplicaDown).count(),
                    () -> "down once, not again after it was back: " + events);
            until("every connection came back", Duration.ofSeconds(5), () -> pool.stats().active() == 0);
        }
    }

    /**
     * A session setting (here the isolation level) goes to every connection the borrow holds;
     * when the replica's has died meanwhile, the setting still succeeds: the replica is marked
     * down, reads go to the primary, and the replica's next connection gets the setting. It
     * used to fail the application's setTransactionIsolation with the replica's I/O error.
     */
    @Test
    void aSessionSettingSucceedsWhenTheHeldReplicaConnectionDied() throws Exception {
        table();
        try (ConnectionPool pool = pool(replicas().build()); Connection c = pool.getConnection()) {
            assertTrue(onReplica(c));
            withReplicaStopped(pool, Duration.ofSeconds(60), () -> {
                c.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
                assertFalse(onReplica(c), "reads go to the primary");
            });
            assertTrue(onReplica(c), "back on the replica");
            assertEquals(Connection.TRANSACTION_READ_UNCOMMITTED, c.getTransactionIsolation());
        }
    }

    @Test
    void aReadFailsOverWhenTheHeldReplicaConnectionDiedBeforeItsModesCouldBeSet() throws Exception {
        table();
        try (ConnectionPool pool = pool(replicas().build()); Connection c = pool.getConnection()) {
            // A read-only transaction on the replica, then autocommit again: the replica's connection
            // is brought back to autocommit only at the next read, which then finds it dead.
            c.setAutoCommit(false);
            c.setReadOnly(true);
            assertTrue(onReplica(c));
            c.commit();
            c.setReadOnly(false);
            c.setAutoCommit(true);
            withReplicaStopped(pool, Duration.ofSeconds(60),
                    () -> assertFalse(onReplica(c), "the read goes to the primary, as a read failing on the replica does"));
            assertTrue(onReplica(c), "back on the replica");
        }
    }

    @Test
    void aReadWhileThePoolIsSuspendedLeavesAnIdleReplicaUp() throws Exception {
        table();
        List<PoolEvent> events = new CopyOnWriteArrayList<>();
        try (ConnectionPool pool = Pools.create(PoolConfig.builder("orders").jdbcUrl(pair.primary().jdbcUrl())
                .user(pair.primary().user()).password(pair.primary().password()).minIdle(0).maxSize(4)
                .borrowTimeout(Duration.ofSeconds(10)).replicas(replicas().build()).build())) {
            until("r1 up", Duration.ofSeconds(20), () -> r1(pool).state() == ReplicaStats.State.UP);
            pool.addListener(events::add);
            pool.suspend();
            try {
                BorrowRequest briefRead = BorrowRequest.builder().intent(Intent.READ_ONLY)
                        .timeout(Duration.ofMillis(300)).build();
                assertThrows(SQLException.class, () -> {
                    try (Connection c = pool.borrow(briefRead)) {
                        onReplica(c);
                    }
                });
                assertEquals(ReplicaStats.State.UP, r1(pool).state(), "a suspended pool's replica is not down");
            } finally {
                pool.resume();
            }
            try (Connection c = pool.borrow(BorrowRequest.builder().intent(Intent.READ_ONLY).build())) {
                assertTrue(onReplica(c));
            }
            assertTrue(events.stream().noneMatch(e -> e instanceof PoolEvent.ReplicaDown), events.toString());
        }
    }

    @Test
    void withWhenNoReplicaFailReadsFailWhileWritesGoOn() throws Exception {
        table();
        String nowhere = pair.replica().jdbcUrl().replace(":" + pair.replica().port() + "/", ":1/");
        try (ConnectionPool pool = pool(Replicas.builder().replica("gone", nowhere)
                .whenNoReplica(Replicas.WhenNoReplica.FAIL).checkInterval(Duration.ofMillis(200)).build())) {
            assertEquals(ReplicaStats.State.DOWN, r1(pool).state());
            assertNotNull(r1(pool).reason());
            try (Connection c = pool.getConnection()) {
                insert(c, IDS.incrementAndGet(), "still written");
            }
            try (Connection c = pool.getConnection()) {
                SQLException e = assertThrows(SQLException.class, () -> onReplica(c));
                assertTrue(e.getMessage().contains("no replica takes reads") && e.getMessage().contains("gone: DOWN"),
                        e.getMessage());
                assertFalse(e.getMessage().contains(":1/") || e.getMessage().contains(":1 "),
                        "a borrower's error does not name the replica's address: " + e.getMessage());
            }
        }
    }

    @Test
    void aConnectionWhoseReadFellBackFromABusyReplicaDoesNotWaitForItAgainAtEachRead() throws Exception {
        table();
        try (ConnectionPool pool = Pools.create(PoolConfig.builder("orders").jdbcUrl(pair.primary().jdbcUrl())
                .user(pair.primary().user()).password(pair.primary().password()).maxSize(2)
                .borrowTimeout(Duration.ofSeconds(10)).replicas(replicas().build()).build())) {
            BorrowRequest read = BorrowRequest.builder().intent(Intent.READ_ONLY).build();
            try (Connection a = pool.borrow(read); Connection b = pool.borrow(read)) {
                assertTrue(onReplica(a) && onReplica(b), "both of the replica's connections are held");
                long timeouts = pool.stats().timeoutCount();
                try (Connection c = pool.getConnection()) {
                    for (int i = 0; i < 5; i++) {
                        assertFalse(onReplica(c), "the replica is busy: the read runs on the primary");
                    }
                }
                assertEquals(timeouts + 1, pool.stats().timeoutCount(),
                        "the busy replica was asked once, not at each of the five reads");
            }
            try (Connection c = pool.getConnection()) {
                assertTrue(onReplica(c), "a new borrow asks the replica again");
            }
        }
    }

    @Test
    void withWhenNoReplicaFailAReadWaitsItsWholeTimeoutForABusyReplicaAndSaysItWasBusy() throws Exception {
        table();
        try (ConnectionPool pool = Pools.create(PoolConfig.builder("orders").jdbcUrl(pair.primary().jdbcUrl())
                .user(pair.primary().user()).password(pair.primary().password()).maxSize(2)
                .borrowTimeout(Duration.ofSeconds(10)).replicas(Replicas.builder()
                        .replica("r1", pair.replica().jdbcUrl()).whenNoReplica(Replicas.WhenNoReplica.FAIL)
                        .checkInterval(Duration.ofMillis(200)).build()).build())) {
            BorrowRequest read = BorrowRequest.builder().intent(Intent.READ_ONLY).build();
            Connection a = pool.borrow(read);
            Connection b = pool.borrow(read);
            assertTrue(onReplica(a) && onReplica(b), "both of the replica's connections are held");
            BorrowRequest briefRead = BorrowRequest.builder().intent(Intent.READ_ONLY)
                    .timeout(Duration.ofMillis(300)).build();
            SQLException busy = assertThrows(SQLException.class, () -> {
                try (Connection c = pool.borrow(briefRead)) {
                    onReplica(c);
                }
            });
            assertTrue(busy.getMessage().contains("r1 busy"), busy.getMessage());
            // Given back after the 1 s that bounds a wait with a fallback, within the read's timeout.
            Thread giver = new Thread(() -> {
                try {
                    Thread.sleep(1_500);
                    a.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            giver.start();
            try (Connection c = pool.borrow(read)) {
                assertTrue(onReplica(c), "the read waited for the replica's connection");
            }
            giver.join();
            b.close();
            assertEquals(0, pool.stats().active());
        }
    }

    /**
     * An async read-intent borrow waits in the replica pool's line on a thread of its own; its
     * future's cancel used to leave it there until it timed out or was served (and gave back
     * what it was served). It leaves the line at once, and the connection given back next goes
     * to the pool's idle, not to the cancelled borrow.
     */
    @Test
    void aCancelledAsyncReadBorrowLeavesTheReplicasLineAtOnce() throws Exception {
        table();
        try (ConnectionPool pool = Pools.create(PoolConfig.builder("orders").jdbcUrl(pair.primary().jdbcUrl())
                .user(pair.primary().user()).password(pair.primary().password()).maxSize(1)
                .borrowTimeout(Duration.ofMinutes(5)).replicas(Replicas.builder()
                        .replica("r1", pair.replica().jdbcUrl()).whenNoReplica(Replicas.WhenNoReplica.FAIL)
                        .checkInterval(Duration.ofMillis(200)).build()).build())) {
            BorrowRequest read = BorrowRequest.builder().intent(Intent.READ_ONLY).build();
            Connection held = pool.borrow(read);
            assertTrue(onReplica(held), "the replica's one connection is held");
            java.util.concurrent.CompletableFuture<Connection> waiting = pool.borrowAsync(read);
            until("the async read waits for the replica", Duration.ofSeconds(30), () -> pool.stats().pending() == 1);
            assertTrue(waiting.cancel(false));
            until("the cancelled read left the line", Duration.ofSeconds(5), () -> pool.stats().pending() == 0);
            java.util.concurrent.CompletableFuture<Connection> timedOut = pool.borrowAsync(read)
                    .orTimeout(200, java.util.concurrent.TimeUnit.MILLISECONDS);
            until("the timed-out read was ended", Duration.ofSeconds(30), timedOut::isDone);
            until("the timed-out read left the line", Duration.ofSeconds(5), () -> pool.stats().pending() == 0);
            held.close();
            assertEquals(0, r1(pool).active(), "nothing was handed to the ended borrows");
            try (Connection c = pool.borrow(BorrowRequest.builder().intent(Intent.READ_ONLY)
                    .timeout(Duration.ofSeconds(5)).build())) {
                assertTrue(onReplica(c), "the replica's connection is free for the next read");
            }
            assertEquals(0, pool.stats().pending());
            assertEquals(0, pool.stats().active());
        }
    }

    /**
     * A replica restarted between two checks: the check's kept connection fails, a new one
     * works, so the replica stays UP, but every pooled connection to it is as dead as the
     * check's was. The check retires them (the replica's pool closes its idle ones at once)
     * rather than leaving readers to find them dead one by one.
     */
    @Test
    void aCheckWhoseConnectionDiedWhileANewOneWorksRetiresTheReplicasPooledConnections() throws Exception {
        table();
        List<PoolEvent> events = new CopyOnWriteArrayList<>();
        try (ConnectionPool pool = Pools.create(PoolConfig.builder("orders").jdbcUrl(pair.primary().jdbcUrl())
                .user(pair.primary().user()).password(pair.primary().password()).maxSize(4)
                .reaperInterval(Duration.ofHours(1)).borrowTimeout(Duration.ofSeconds(10))
                .replicas(replicas().readAfterWrite(Replicas.ReadAfterWrite.OFF).build()).build())) {
            pool.addListener(events::add);
            BorrowRequest read = BorrowRequest.builder().intent(Intent.READ_ONLY).build();
            try (Connection a = pool.borrow(read); Connection b = pool.borrow(read); Connection c = pool.borrow(read)) {
                assertTrue(onReplica(a) && onReplica(b) && onReplica(c));
            }
            until("three idle replica connections", Duration.ofSeconds(10), () -> r1(pool).idle() == 3);
            long destroyed = pool.stats().destroyedCount();
            try (Connection r = direct(true)) {
                List<Long> others = otherSessions(r);
                assertTrue(others.size() >= 4, "the pool's three and the check's: " + others);
                for (long id : others) {
                    dropSession(r, id);
                }
            }
            java.time.Instant killed = java.time.Instant.now();
            until("a check after the sessions ended", Duration.ofSeconds(10),
                    () -> r1(pool).checkedAt().isAfter(killed.plusMillis(200)));
            assertEquals(ReplicaStats.State.UP, r1(pool).state(), () -> "the server is there: " + r1(pool));
            until("the dead idle connections retired without a borrow", Duration.ofSeconds(10),
                    () -> pool.stats().destroyedCount() >= destroyed + 3);
            try (Connection c = pool.borrow(read); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                try (ResultSet rs = s.executeQuery("SELECT 1")) {
                    assertTrue(rs.next());
                }
                assertTrue(onReplica(c), "the read-only transaction ran on the replica");
                c.commit();
            }
            assertTrue(events.stream().noneMatch(e -> e instanceof PoolEvent.ReplicaDown), events::toString);
        }
    }
}
