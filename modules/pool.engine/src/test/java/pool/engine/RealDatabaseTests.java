package pool.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import pool.api.ConnectionPool;
import pool.api.ConnectionReclaimedException;
import pool.api.PoolConfig;
import pool.engine.internal.EnginePool;
import pool.engine.internal.core.ManualClock;
import pool.engine.internal.create.JdbcConnectionFactory;
import pool.testsupport.await.Await;
import pool.testsupport.db.DatabaseServer;

/**
 * The engine against a real server; {@code PostgresIT} and {@code MariaDbIT} supply the
 * server and the dialect. Each test uses its own table names (servers are shared).
 */
abstract class RealDatabaseTests {

    /** The server under test, set by the subclass before each test. */
    DatabaseServer server;

    abstract String isolationSql();

    abstract String readCommittedName();

    abstract String readOnlySql();

    abstract String readOnlyOff();

    abstract String backendIdSql();

    abstract void killBackend(Connection admin, long id) throws SQLException;

    abstract boolean backendExists(Connection admin, long id) throws SQLException;

    /** @return how many sessions of the pool's user are open on the server now */
    abstract int userSessions(Connection admin) throws SQLException;

    /** @return SQL answering the backend ids of the pool user's sessions, one parameter: the user */
    abstract String userBackendsSql();

    /** @return a query that sleeps {@code seconds} on the server */
    abstract String sleepSql(int seconds);

    /** Checks what the dialect can show about schema/catalog after reset; may do nothing. */
    void schemaIsReset(Connection c) throws SQLException {
    }

    /** Changes schema/catalog on the connection, if the dialect supports it. */
    void changeSchema(Connection c) throws SQLException {
    }

    PoolConfig.Builder config(String name) {
        return PoolConfig.builder(name).jdbcUrl(server.jdbcUrl()).user(server.user()).password(server.password())
                .connectTimeout(Duration.ofSeconds(2)).borrowTimeout(Duration.ofSeconds(3))
                .reaperInterval(Duration.ofMillis(200))
                .createBackoffInitial(Duration.ofMillis(50)).createBackoffMax(Duration.ofMillis(500));
    }

    static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    /** @return the count {@code sql} answers with {@code args} bound in order */
    static int count(Connection c, String sql, Object... args) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), sql);
                return rs.getInt(1);
            }
        }
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void stateChangedByTheApplicationIsResetOnReturnAsSqlShows() throws Exception {
        String table = "reset_" + server.kind().name().toLowerCase();
        try (Connection setup = server.openConnection()) {
            exec(setup, "DROP TABLE IF EXISTS " + table);
            exec(setup, "CREATE TABLE " + table + " (id int)");
        }
        try (ConnectionPool pool = Pools.create(config("reset").maxSize(1).build())) {
            String backend;
            try (Connection c = pool.getConnection()) {
                backend = one(c, backendIdSql());
                c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                c.setAutoCommit(false);
                exec(c, "INSERT INTO " + table + " VALUES (1)");
                assertEquals("1", one(c, "SELECT count(*) FROM " + table), "visible inside the open transaction");
                changeSchema(c);
            }
            try (Connection c = pool.getConnection()) {
                c.setReadOnly(true);
                assertEquals(backend, one(c, backendIdSql()), "same physical connection");
            }
            try (Connection c = pool.getConnection()) {
                assertEquals(backend, one(c, backendIdSql()), "same physical connection");
                assertTrue(c.getAutoCommit());
                assertEquals(readCommittedName(), one(c, isolationSql()).toLowerCase().replace('-', ' '));
                assertEquals(readOnlyOff(), one(c, readOnlySql()));
                schemaIsReset(c);
                assertEquals("0", one(c, "SELECT count(*) FROM " + table),
                        "the open transaction's row was rolled back on return");
            }
        }
    }

    @Test
    void typeMapAndClientInfoTheApplicationSetAreResetOnReturn() throws Exception {
        try (ConnectionPool pool = Pools.create(config("clientinfo").maxSize(1).build())) {
            String backend;
            java.util.Properties before;
            boolean typeMaps = true;
            try (Connection c = pool.getConnection()) {
                backend = one(c, backendIdSql());
                before = (java.util.Properties) c.getClientInfo().clone();
                try {
                    c.setTypeMap(new java.util.HashMap<>(java.util.Map.of("app_type", String.class)));
                } catch (java.sql.SQLFeatureNotSupportedException e) {
                    typeMaps = false; // MariaDB has none
                }
                c.setClientInfo("ApplicationName", "borrower-one");
                assertEquals("borrower-one", c.getClientInfo("ApplicationName"));
            }
            try (Connection c = pool.getConnection()) {
                assertEquals(backend, one(c, backendIdSql()), "same physical connection");
                if (typeMaps) {
                    assertTrue(c.getTypeMap().isEmpty(), "type map " + c.getTypeMap());
                }
                assertEquals(before.getProperty("ApplicationName"), c.getClientInfo("ApplicationName"));
                assertEquals(before, c.getClientInfo());
            }
        }
    }

    @Test
    void aTestQueryOutOfAutoCommitLeavesTheBorrowerNoTransaction() throws Exception {
        try (ConnectionPool pool = Pools.create(config("checktx").maxSize(1).defaultAutoCommit(false)
                .testQuery("SELECT 1").validationSkipWindow(Duration.ZERO).build())) {
            try (Connection c = pool.getConnection()) {
                c.rollback();
            }
            // Validated before hand-out: the check's transaction must not be this borrower's.
            try (Connection c = pool.getConnection()) {
                c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                c.setReadOnly(true);
                c.rollback();
            }
        }
    }

    @Test
    void aRowChangedThroughAnUpdatableResultSetAndNeverCommittedIsRolledBackOnReturn() throws Exception {
        // No statement executes after the commit: the update goes through the driver's own
        // statement behind the result set, and the pool must still see a transaction open.
        String table = "rsupdate_" + server.kind().name().toLowerCase();
        try (Connection setup = server.openConnection()) {
            exec(setup, "DROP TABLE IF EXISTS " + table);
            exec(setup, "CREATE TABLE " + table + " (id int PRIMARY KEY, v int)");
            exec(setup, "INSERT INTO " + table + " VALUES (1, 1)");
        }
        try (ConnectionPool pool = Pools.create(config("rsupdate").maxSize(1).build())) {
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE);
                ResultSet rs = s.executeQuery("SELECT id, v FROM " + table);
                c.commit();
                assertTrue(rs.next());
                rs.updateInt(2, 99);
                rs.updateRow();
            } // returned with the update uncommitted: rolled back, never committed by the auto-commit reset
            try (Connection check = server.openConnection()) {
                assertEquals("1", one(check, "SELECT v FROM " + table), "the update was never committed");
            }
        }
    }

    @Test
    void aTransactionBegunByMetadataOrASavepointIsNotHandedToTheNextBorrower() throws Exception {
        try (ConnectionPool pool = Pools.create(config("metatx").maxSize(1).defaultAutoCommit(false).build())) {
            try (Connection c = pool.getConnection(); ResultSet rs = c.getMetaData().getTables(null, null, "%", null)) {
                rs.next(); // the driver's catalog query began a transaction
            }
            aFreshTransactionCanBeConfigured(pool);
            try (Connection c = pool.getConnection()) {
                c.setSavepoint("borrower_one");
            }
            aFreshTransactionCanBeConfigured(pool);
        }
    }

    /** PostgreSQL refuses both in a transaction already begun. */
    private void aFreshTransactionCanBeConfigured(ConnectionPool pool) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            c.setReadOnly(true);
            one(c, "SELECT 1");
            c.rollback();
        }
    }

    @Test
    void aTestQueryTheDatabaseRefusesFailsBorrowsAtOnceNamingIt() throws Exception {
        try (ConnectionPool pool = Pools.create(config("badcheck").borrowTimeout(Duration.ofMinutes(5))
                .testQuery("SELECT no_such_column FROM no_such_table").build())) {
            SQLException e = assertThrows(SQLException.class, pool::getConnection);
            assertFalse(e instanceof pool.api.PoolTimeoutException, "failed with the reason, not after waiting: " + e);
            assertTrue(e.getMessage().contains("testQuery 'SELECT no_such_column FROM no_such_table' failed"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("no_such_table"), "the database's reason: " + e.getMessage());
        }
    }

    @Test
    void jdbc42LargeUpdatesReachTheDriverAndTheirTransactionIsRolledBackOnReturn() throws Exception {
        // executeLargeUpdate is a default method of Statement: a wrapper that does not
        // forward it throws UnsupportedOperationException although the driver has it.
        String table = "large_" + server.kind().name().toLowerCase();
        try (Connection setup = server.openConnection()) {
            exec(setup, "DROP TABLE IF EXISTS " + table);
            exec(setup, "CREATE TABLE " + table + " (id int)");
        }
        try (ConnectionPool pool = Pools.create(config("large").maxSize(1).build())) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                assertEquals(2L, s.executeLargeUpdate("INSERT INTO " + table + " VALUES (1), (2)"));
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?)")) {
                    ps.setInt(1, 3);
                    assertEquals(1L, ps.executeLargeUpdate());
                }
                assertEquals("3", one(c, "SELECT count(*) FROM " + table));
            } // returned with the transaction open: rolled back
            try (Connection c = pool.getConnection()) {
                assertEquals("0", one(c, "SELECT count(*) FROM " + table));
            }
        }
    }

    @Test
    void backendKilledByTheServerIsDetectedAndReplaced() throws Exception {
        try (ConnectionPool pool = Pools.create(config("killed").maxSize(1)
                .validationSkipWindow(Duration.ZERO).build()); Connection admin = server.adminConnection()) {
            long first;
            try (Connection c = pool.getConnection()) {
                first = Long.parseLong(one(c, backendIdSql()));
            }
            killBackend(admin, first);
            // Validation before hand-out finds it dead; the borrow goes on with a new one.
            try (Connection c = pool.getConnection()) {
                assertNotEquals(first, Long.parseLong(one(c, backendIdSql())));
            }
            assertTrue(pool.stats().validationFailureCount() >= 1);
        }
    }

    @Test
    void fatalErrorOnAKilledBackendRetiresTheConnection() throws Exception {
        try (ConnectionPool pool = Pools.create(config("fatal").maxSize(1)
                .validationSkipWindow(Duration.ofMinutes(1)).build()); Connection admin = server.adminConnection()) {
            long first;
            try (Connection c = pool.getConnection()) {
                first = Long.parseLong(one(c, backendIdSql()));
            }
            killBackend(admin, first);
            // Within the skip window the dead connection is handed out unchecked: the first use fails...
            try (Connection c = pool.getConnection()) {
                SQLException e = assertThrows(SQLException.class, () -> one(c, "SELECT 1"));
                assertTrue(pool.config() != null && e.getMessage() != null);
            }
            // ...the fatal error marked it broken, so it was destroyed on return and replaced.
            try (Connection c = pool.getConnection()) {
                assertNotEquals(first, Long.parseLong(one(c, backendIdSql())));
            }
        }
    }

    @Test
    void serverKilledAndRestartedUnderLoadRecoversByItselfWithinTimeouts() throws Exception {
        Duration timeout = Duration.ofSeconds(2);
        try (ConnectionPool pool = Pools.create(config("restart").minIdle(2).maxSize(4).borrowTimeout(timeout)
                .validationSkipWindow(Duration.ofMillis(100)).build())) {
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong ok = new AtomicLong();
            AtomicLong okAfterRestart = new AtomicLong();
            AtomicBoolean restarted = new AtomicBoolean();
            AtomicLong longestBorrowMs = new AtomicLong();
            ConcurrentHashMap<String, Integer> errors = new ConcurrentHashMap<>();
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                workers.add(Thread.ofVirtual().start(() -> {
                    while (running.get()) {
                        long t0 = System.nanoTime();
                        try (Connection c = pool.getConnection()) {
                            longestBorrowMs.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
                            one(c, "SELECT 1");
                            ok.incrementAndGet();
                            if (restarted.get()) {
                                okAfterRestart.incrementAndGet();
                            }
                        } catch (SQLException e) {
                            long took = (System.nanoTime() - t0) / 1_000_000;
                            longestBorrowMs.accumulateAndGet(took, Math::max);
                            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a clear error");
                            errors.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                            sleepQuietly(20);
                        }
                        sleepQuietly(2);
                    }
                }));
            }
            Await.until("borrows work before the crash", Duration.ofSeconds(30), () -> ok.get() >= 50);
            long before = ok.get();
            server.kill();
            Await.until("borrowers see errors while the server is down", Duration.ofSeconds(30),
                    () -> !errors.isEmpty());
            server.start();
            restarted.set(true);
            Await.until("50 borrows after the restart", Duration.ofSeconds(30), () -> okAfterRestart.get() >= 50);
            running.set(false);
            for (Thread w : workers) {
                w.join(10_000);
            }
            assertTrue(before > 0, "worked before the crash");
            assertFalse(errors.isEmpty(), "borrowers saw errors while the server was down");
            // Each borrow waits at most its timeout (plus one validation/connect attempt in flight).
            assertTrue(longestBorrowMs.get() <= timeout.toMillis() + 2_500, "longest borrow " + longestBorrowMs.get()
                    + " ms");
            System.out.println(server.kind() + " restart: errors while down " + errors + ", longest borrow "
                    + longestBorrowMs.get() + " ms, stats " + pool.stats());
        }
    }

    @Test
    void forcedLeakReclaimRollsBackAndClosesTheBackend() throws Exception {
        String table = "leak_" + server.kind().name().toLowerCase();
        try (Connection setup = server.openConnection()) {
            exec(setup, "DROP TABLE IF EXISTS " + table);
            exec(setup, "CREATE TABLE " + table + " (id int)");
        }
        ManualClock clock = new ManualClock();
        PoolConfig config = config("leak").leakThreshold(Duration.ofMinutes(1)).leakReclaim(true)
                .reaperInterval(Duration.ofHours(1)).build();
        try (ConnectionPool pool = EnginePool.start(config, new JdbcConnectionFactory(config), clock.tuning());
             Connection admin = server.adminConnection()) {
            Connection leaked = pool.getConnection();
            long backend = Long.parseLong(one(leaked, backendIdSql()));
            leaked.setAutoCommit(false);
            exec(leaked, "INSERT INTO " + table + " VALUES (42)");
            pool.runReaperNow();
            assertEquals(0, pool.stats().leakReclaimCount(), "held for less than the threshold");
            clock.advance(Duration.ofMinutes(2));
            pool.runReaperNow();
            assertEquals(1, pool.stats().leakReclaimCount());
            ConnectionReclaimedException e = assertThrows(ConnectionReclaimedException.class,
                    () -> one(leaked, "SELECT 1"));
            assertTrue(e.getMessage().contains("reclaimed after being held for"), e.getMessage());
            Await.until("the physical connection closed on the server", Duration.ofSeconds(30),
                    () -> !backendExists(admin, backend));
            try (Connection check = server.openConnection()) {
                assertEquals("0", one(check, "SELECT count(*) FROM " + table), "its transaction was rolled back");
            }
            leaked.close(); // harmless
        }
    }

    @Test
    void aLeakReclaimedWhileItsStatementRunsHoldsUpNoOtherClose() throws Exception {
        try (ConnectionPool pool = Pools.create(config("busyleak").maxSize(2).leakThreshold(Duration.ofMillis(500))
                .leakReclaim(true).reaperInterval(Duration.ofMillis(100)).build());
             Connection admin = server.adminConnection()) {
            Connection busy = pool.getConnection();
            long busyId = Long.parseLong(one(busy, backendIdSql()));
            busy.setAutoCommit(false); // its reclaim rolls back: the rollback waits for the statement
            long idleId;
            try (Connection other = pool.getConnection()) {
                idleId = Long.parseLong(one(other, backendIdSql()));
            }
            Thread running = Thread.ofPlatform().start(() -> {
                try {
                    one(busy, sleepSql(120));
                } catch (SQLException | RuntimeException | AssertionError endedByTheTest) {
                    // killed at the end of the test
                }
            });
            Await.until("the busy connection reclaimed", Duration.ofSeconds(30),
                    () -> pool.stats().leakReclaimCount() == 1);
            pool.softEvict(); // the idle connection retires: its close must not wait for the busy one's
            Await.until("the evicted connection closed on the server while the reclaimed one still runs",
                    Duration.ofSeconds(30), () -> !backendExists(admin, idleId));
            endIfStillThere(admin, busyId); // the reclaim cancels its statement by now
            running.join(30_000);
            assertThrows(ConnectionReclaimedException.class, busy::createStatement);
        }
    }

    @Test
    void aLeakReclaimedWhileItsStatementRunsEndsThatStatementAndItsSessionOnTheServer() throws Exception {
        // Reclaim takes the pool's slot back at once and a replacement may open: the leaked
        // statement must not run on (holding its locks, a session beyond maxSize) until it ends by itself.
        try (ConnectionPool pool = Pools.create(config("runleak").maxSize(1).leakThreshold(Duration.ofMillis(500))
                .leakReclaim(true).reaperInterval(Duration.ofMillis(100)).validationTimeout(Duration.ofSeconds(1))
                .build());
             Connection admin = server.adminConnection()) {
            Connection busy = pool.getConnection();
            long busyId = Long.parseLong(one(busy, backendIdSql()));
            java.util.concurrent.atomic.AtomicReference<Throwable> ended = new java.util.concurrent.atomic.AtomicReference<>();
            Thread running = Thread.ofPlatform().start(() -> {
                try {
                    one(busy, sleepSql(600));
                } catch (SQLException | RuntimeException | AssertionError endedByTheReclaim) {
                    ended.set(endedByTheReclaim);
                }
            });
            Await.until("the busy connection reclaimed", Duration.ofSeconds(30),
                    () -> pool.stats().leakReclaimCount() == 1);
            try {
                Await.until("the reclaimed session gone from the server", Duration.ofSeconds(60),
                        () -> !backendExists(admin, busyId));
                running.join(60_000);
                assertTrue(ended.get() instanceof ConnectionReclaimedException,
                        "the application's statement ended saying why: " + ended.get());
                assertThrows(ConnectionReclaimedException.class, busy::createStatement);
                try (Connection c = pool.getConnection()) {
                    assertNotEquals(String.valueOf(busyId), one(c, backendIdSql()));
                }
            } finally {
                endIfStillThere(admin, busyId);
            }
        }
    }

    /** Kills a backend a test leaves behind, unless it ended meanwhile. */
    private void endIfStillThere(Connection admin, long id) {
        try {
            if (backendExists(admin, id)) {
                killBackend(admin, id);
            }
        } catch (SQLException endedMeanwhile) {
            // gone between the look and the kill
        }
    }

    @Test
    void resizingUnderLoadKeepsQueriesCorrectAndTheServerSeesExactlyThePoolsConnections() throws Exception {
        try (ConnectionPool pool = Pools.create(config("resize").minIdle(2).maxSize(6).build());
             Connection admin = server.adminConnection()) {
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong wrong = new AtomicLong();
            AtomicLong done = new AtomicLong();
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int id = i;
                workers.add(Thread.ofVirtual().start(() -> {
                    while (running.get()) {
                        try (Connection c = pool.getConnection();
                             PreparedStatement ps = c.prepareStatement("SELECT ? + 1")) {
                            ps.setInt(1, id);
                            try (ResultSet rs = ps.executeQuery()) {
                                rs.next();
                                if (rs.getInt(1) != id + 1) {
                                    wrong.incrementAndGet();
                                }
                            }
                            done.incrementAndGet();
                        } catch (SQLException e) {
                            wrong.incrementAndGet();
                        }
                    }
                }));
            }
            // Each size serves a good number of queries before the next resize.
            awaitMoreQueries(done, 100);
            pool.resize(1, 2);
            awaitMoreQueries(done, 100);
            pool.resize(4, 8);
            awaitMoreQueries(done, 100);
            pool.resize(2, 3);
            awaitMoreQueries(done, 100);
            running.set(false);
            for (Thread w : workers) {
                w.join(10_000);
            }
            assertEquals(0, wrong.get(), "every query correct");
            assertTrue(done.get() > 100);
            Await.until("shrunk to maxSize 3, and the server sees exactly the pool's connections",
                    Duration.ofSeconds(30), () -> {
                        int total = pool.stats().total();
                        return total <= 3 && userSessions(admin) == total;
                    });
        }
    }

    @Test
    void manyThreadsThroughResizesLeakReclaimsAndKilledBackendsNeverShareAConnectionOrLoseOne() throws Exception {
        try (ConnectionPool pool = Pools.create(config("mix").minIdle(1).maxSize(4).borrowTimeout(Duration.ofSeconds(20))
                .validationSkipWindow(Duration.ZERO).leakThreshold(Duration.ofMillis(300)).leakReclaim(true)
                .reaperInterval(Duration.ofMillis(50)).build());
             Connection admin = server.adminConnection()) {
            AtomicBoolean running = new AtomicBoolean(true);
            ConcurrentHashMap<String, Thread> holders = new ConcurrentHashMap<>();
            AtomicLong sharedBackends = new AtomicLong();
            AtomicLong wrong = new AtomicLong();
            AtomicLong served = new AtomicLong();
            AtomicLong reclaimedSeen = new AtomicLong();
            AtomicLong killedSeen = new AtomicLong();
            AtomicLong kills = new AtomicLong();
            List<String> borrowFailures = java.util.Collections.synchronizedList(new ArrayList<>());
            List<String> inconsistent = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 24; i++) { // platform threads: many more than cores
                int id = i;
                threads.add(Thread.ofPlatform().daemon().start(() -> {
                    java.util.Random random = new java.util.Random(id);
                    for (int n = 0; running.get(); n++) {
                        Connection c;
                        try {
                            c = pool.getConnection();
                        } catch (SQLException e) {
                            borrowFailures.add(e.toString());
                            continue;
                        }
                        String backend = null;
                        try {
                            backend = one(c, backendIdSql());
                            if (holders.putIfAbsent(backend, Thread.currentThread()) != null) {
                                sharedBackends.incrementAndGet();
                                backend = null;
                            }
                            if (n % 40 == id % 40) {
                                sleepQuietly(400 + random.nextInt(200)); // held past the leak threshold
                            }
                            try (PreparedStatement ps = c.prepareStatement("SELECT ? + 1")) {
                                ps.setInt(1, id);
                                try (ResultSet rs = ps.executeQuery()) {
                                    rs.next();
                                    if (rs.getInt(1) != id + 1) {
                                        wrong.incrementAndGet();
                                    }
                                }
                            }
                            served.incrementAndGet();
                        } catch (ConnectionReclaimedException e) {
                            reclaimedSeen.incrementAndGet();
                        } catch (SQLException e) {
                            killedSeen.incrementAndGet(); // its backend was killed under it
                        } finally {
                            if (backend != null) {
                                holders.remove(backend);
                            }
                            try {
                                c.close();
                            } catch (SQLException e) {
                                throw new AssertionError(e);
                            }
                        }
                    }
                }));
            }
            threads.add(Thread.ofPlatform().daemon().start(() -> {
                int[][] sizes = {{1, 2}, {0, 1}, {2, 6}, {1, 3}, {0, 4}};
                java.util.Random random = new java.util.Random(7);
                long borrows = 0;
                long created = 0;
                long destroyed = 0;
                long reclaims = 0;
                while (running.get()) {
                    int[] size = sizes[random.nextInt(sizes.length)];
                    pool.resize(size[0], size[1]);
                    for (int k = 0; k < 20; k++) {
                        pool.api.PoolStats s = pool.stats();
                        if (s.active() + s.idle() != s.total() || s.borrowCount() < borrows || s.createdCount() < created
                                || s.destroyedCount() < destroyed || s.leakReclaimCount() < reclaims) {
                            inconsistent.add(s.toString());
                        }
                        borrows = s.borrowCount();
                        created = s.createdCount();
                        destroyed = s.destroyedCount();
                        reclaims = s.leakReclaimCount();
                        sleepQuietly(5);
                    }
                }
            }));
            threads.add(Thread.ofPlatform().daemon().start(() -> {
                while (running.get()) {
                    sleepQuietly(150);
                    try {
                        List<Long> ids = new ArrayList<>();
                        try (PreparedStatement ps = admin.prepareStatement(userBackendsSql())) {
                            ps.setString(1, server.user());
                            try (ResultSet rs = ps.executeQuery()) {
                                while (rs.next()) {
                                    ids.add(rs.getLong(1));
                                }
                            }
                        }
                        if (!ids.isEmpty()) {
                            killBackend(admin, ids.get((int) (kills.get() % ids.size())));
                            kills.incrementAndGet();
                        }
                    } catch (SQLException e) {
                        // the session ended by itself meanwhile
                    }
                }
            }));
            Await.until("borrows served through kills and reclaims", Duration.ofSeconds(90),
                    () -> served.get() >= 1_000 && kills.get() >= 10 && pool.stats().leakReclaimCount() >= 3);
            running.set(false);
            for (Thread t : threads) {
                t.join(30_000);
                assertFalse(t.isAlive(), "a thread still waits: " + t);
            }
            assertEquals(0, sharedBackends.get(), "a backend was handed to two borrowers at once");
            assertEquals(0, wrong.get(), "wrong results");
            assertEquals(List.of(), borrowFailures, "no borrow failed (no lost wake-up, nothing lost)");
            assertEquals(List.of(), inconsistent, "snapshots: active + idle == total, counters never go down");
            pool.resize(1, 4);
            Await.until("every connection back, and the server sees exactly the pool's", Duration.ofSeconds(30), () -> {
                pool.api.PoolStats s = pool.stats();
                return s.active() == 0 && s.pending() == 0 && s.total() == s.idle()
                        && s.createdCount() - s.destroyedCount() == s.total() && userSessions(admin) == s.total();
            });
            try (Connection c = pool.getConnection()) {
                assertEquals("1", one(c, "SELECT 1"));
            }
            System.out.println(server.kind() + " mix: served " + served + ", kills " + kills + ", reclaimed seen "
                    + reclaimedSeen + ", killed seen " + killedSeen + ", " + pool.stats());
        }
    }

    private static void awaitMoreQueries(AtomicLong done, long more) throws Exception {
        long target = done.get() + more;
        Await.until(more + " more queries", Duration.ofSeconds(30), () -> done.get() >= target);
    }

    /** Paces a load loop against the real server: real time between two borrows. */
    static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
