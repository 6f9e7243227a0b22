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
import pool.api.BorrowRequest;
import pool.api.ConnectionPool;
import pool.api.ConnectionReclaimedException;
import pool.api.Initialization;
import pool.api.PoolConfig;
import pool.api.PoolState;
import pool.api.PoolTimeoutException;
import pool.engine.internal.EnginePool;
import pool.engine.internal.core.ManualClock;
import pool.engine.internal.create.JdbcConnectionFactory;
import pool.testsupport.await.Await;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.net.FaultProxy;

/**
 * The engine under network and server faults, made real but local: a {@link FaultProxy}
 * between the pool and the shared server, sessions killed from another session.
 */
abstract class FaultTests {

    DatabaseServer server;
    FaultProxy proxy;

    /** @return SQL answering the session's id on the server */
    abstract String backendIdSql();

    /** Ends session {@code id} from another session. */
    abstract void kill(Connection admin, long id) throws SQLException;

    /** @return SQL answering the backend ids of a user's sessions, one parameter: the user */
    abstract String userBackendsSql();

    /** Creates (or recreates) login user {@code user} with {@code password}, allowed into the test database. */
    abstract void createUser(Connection admin, String user, String password) throws SQLException;

    /** Changes {@code user}'s password; the sessions it has open stay. */
    abstract void changePassword(Connection admin, String user, String password) throws SQLException;

    /** @return a statement that runs for about {@code seconds} seconds */
    abstract String sleepSql(int seconds);

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** @return the server's JDBC URL with {@code port} (the proxy's) in place of its own */
    String urlThrough(int port) {
        return server.jdbcUrl().replace(":" + server.port() + "/", ":" + port + "/");
    }

    @AfterEach
    void closeProxy() throws SQLException {
        if (proxy != null) {
            proxy.close();
        }
        // A statement a stalled test left running (a 60 s sleep) goes on in the server after its
        // client is gone: end it, so that the tests after these see only their own sessions.
        try (Connection admin = server.adminConnection()) {
            for (long id : userBackends(admin)) {
                try {
                    kill(admin, id);
                } catch (SQLException gone) {
                    // it ended meanwhile
                }
            }
        }
    }

    private java.util.List<Long> userBackends(Connection admin) throws SQLException {
        java.util.List<Long> ids = new java.util.ArrayList<>();
        try (var ps = admin.prepareStatement(userBackendsSql())) {
            ps.setString(1, server.user());
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
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
            Await.until("minIdle open", Duration.ofSeconds(30), () -> pool.stats().idle() == 1);
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
            // A connect begun during the stall may still wait out its connectTimeout: the first borrow
            // after the resume may need that, the backoff and a real connect, far more than 500 ms.
            try (Connection c = pool.borrow(BorrowRequest.builder().timeout(Duration.ofSeconds(30)).build())) {
                assertEquals("1", one(c, "SELECT 1"));
                assertEquals(0, c.getNetworkTimeout(), "the configured socketTimeout (none) once connected");
            }
        }
    }

    @Test
    void aDatabaseStallingWhileANewConnectionIsSetUpFailsThatCreationWithinConnectTimeout() throws Exception {
        // The init SQL runs as the pool sets a new connection up: a database that answers it
        // no sooner than a minute stands for one that stalls right then.
        try (ConnectionPool pool = Pools.create(throughProxy("stall-setup").initSql(sleepSql(60)).minIdle(1)
                .maxSize(2).borrowTimeout(Duration.ofMillis(500)).build())) {
            // Each attempt gives up after connectTimeout, the connection is closed, and the
            // creator tries again: a creation held for good would count no failure at all.
            Await.until("setups into the stall fail by connectTimeout", Duration.ofSeconds(30),
                    () -> pool.stats().createFailureCount() >= 2);
            PoolTimeoutException e = assertThrows(PoolTimeoutException.class, pool::getConnection);
            assertTrue(e.getMessage().contains("setting up the new connection")
                    && e.getMessage().contains("within connectTimeout (1000 ms)"), e.getMessage());
            assertEquals(0, pool.stats().total(), pool.stats().toString());
        }
    }

    @Test
    void aConnectionSetUpWithinConnectTimeoutKeepsNoReadTimeout() throws Exception {
        try (ConnectionPool pool = Pools.create(throughProxy("setup-restored").initSql(sleepSql(0)).maxSize(1)
                .build()); Connection c = pool.getConnection()) {
            assertEquals(0, c.getNetworkTimeout(), "the configured socketTimeout (none) once set up");
            exec(c, sleepSql(2)); // longer than connectTimeout: the setup's bound is gone
            assertEquals("1", one(c, "SELECT 1"));
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

    @Test
    void aTryBorrowChecksAtMostOneConnectionOnAStalledBackend() throws Exception {
        try (ConnectionPool pool = Pools.create(throughProxy("stall-try").minIdle(3).maxSize(3)
                .validationSkipWindow(Duration.ZERO).validationTimeout(Duration.ofSeconds(1)).build())) {
            Await.until("minIdle open", Duration.ofSeconds(30), () -> pool.stats().idle() == 3);
            proxy.stall();
            assertTrue(pool.tryBorrow().isEmpty());
            assertEquals(1, pool.stats().validationFailureCount(),
                    "the caller checked more than one connection: " + pool.stats());
            proxy.resume(); // the stalled ones stay dead; new ones work
            Await.until("a tryBorrow serves again", Duration.ofSeconds(30), () -> {
                var c = pool.tryBorrow();
                if (c.isEmpty()) {
                    return false;
                }
                try (Connection open = c.get()) {
                    return "1".equals(one(open, "SELECT 1"));
                }
            });
        }
    }

    @Test
    void everyConnectionKilledByTheServerIsReplacedOnTheNextBorrowsAndCounted() throws Exception {
        try (ConnectionPool pool = Pools.create(throughProxy("all-killed").minIdle(4).maxSize(4)
                .validationSkipWindow(Duration.ofMillis(100)).build()); Connection admin = server.adminConnection()) {
            Await.until("minIdle open", Duration.ofSeconds(30), () -> pool.stats().idle() == 4);
            java.util.Set<String> before = new java.util.HashSet<>();
            Connection[] held = new Connection[4];
            for (int i = 0; i < 4; i++) {
                held[i] = pool.getConnection();
                before.add(one(held[i], backendIdSql()));
            }
            for (Connection c : held) {
                c.close();
            }
            for (String id : before) {
                kill(admin, Long.parseLong(id));
            }
            Thread.sleep(300); // past the skip window: every connection is checked before hand-out
            for (int i = 0; i < 4; i++) {
                held[i] = pool.getConnection();
                String id = one(held[i], backendIdSql());
                assertTrue(!before.contains(id), "a killed session was handed out: " + id);
            }
            for (Connection c : held) {
                c.close();
            }
            var s = pool.stats();
            assertEquals(4, s.validationFailureCount(), s.toString());
            assertEquals(0, s.timeoutCount(), s.toString());
            Await.until("the killed ones closed, the pool whole", Duration.ofSeconds(30),
                    () -> pool.stats().destroyedCount() == 4 && pool.stats().createdCount() == 8
                            && pool.stats().total() == 4);
        }
    }

    @Test
    void aDatabaseUnreachableAtStartIsRetriedInTheBackgroundUntilItAnswers() throws Exception {
        PoolConfig.Builder b = throughProxy("late-db").minIdle(1).maxSize(2).borrowTimeout(Duration.ofMillis(500));
        proxy.down();
        try (ConnectionPool pool = Pools.create(b.build())) {
            Await.until("DEGRADED while the database is unreachable", Duration.ofSeconds(30),
                    () -> pool.stats().state() == PoolState.DEGRADED);
            PoolTimeoutException e = assertThrows(PoolTimeoutException.class, pool::getConnection);
            assertTrue(e.getMessage().contains("last attempt to open a connection failed"), e.getMessage());
            assertTrue(!e.getMessage().contains(server.password()), e.getMessage());
            proxy.up();
            Await.until("the pool opened its minIdle by itself", Duration.ofSeconds(30),
                    () -> pool.stats().idle() == 1 && pool.stats().state() == PoolState.RUNNING);
            try (Connection c = pool.getConnection()) {
                assertEquals("1", one(c, "SELECT 1"));
            }
        }
    }

    /**
     * configuration.md: "A pool with minIdle 0 opens nothing before its first borrow, so it finds
     * its database down only then (that borrow fails with the reason, the state says DEGRADED)".
     */
    @Test
    void aMinIdleZeroPoolFindsItsDatabaseDownOnlyAtItsFirstBorrowWhichFailsWithTheReason() throws Exception {
        PoolConfig.Builder b = throughProxy("lazy-db").minIdle(0).maxSize(2).borrowTimeout(Duration.ofMillis(500));
        proxy.down();
        try (ConnectionPool pool = Pools.create(b.build())) {
            // Nothing tried yet: the reaper has had time to run (200 ms interval) and opened nothing.
            Await.until("a few reaper runs", Duration.ofSeconds(30), () -> pool.stats().reaperRuns() >= 3);
            assertEquals(0, pool.stats().createFailureCount(), "no connect before the first borrow");
            assertEquals(0, pool.stats().total());
            assertEquals(PoolState.RUNNING, pool.stats().state(), "the state cannot know yet");

            SQLException e = assertThrows(SQLException.class, pool::getConnection);
            assertTrue(e.getMessage().contains("last attempt to open a connection failed")
                    || e.getMessage().contains("cannot open a connection"), "the reason: " + e.getMessage());
            assertTrue(!e.getMessage().contains(server.password()), e.getMessage());
            assertTrue(pool.stats().createFailureCount() > 0, "the borrow tried");
            assertEquals(PoolState.DEGRADED, pool.stats().state());

            proxy.up();
            try (Connection c = pool.getConnection()) {
                assertEquals("1", one(c, "SELECT 1"));
            }
            Await.until("RUNNING once a connection opened", Duration.ofSeconds(30),
                    () -> pool.stats().state() == PoolState.RUNNING);
        }
    }

    @Test
    void failFastStartOnAnUnreachableDatabaseFailsWithTheReasonAndNoSecret() throws Exception {
        PoolConfig.Builder b = throughProxy("late-db-ff").initialization(Initialization.FAIL_FAST);
        proxy.down();
        SQLException e = assertThrows(SQLException.class, () -> Pools.create(b.build()).close());
        assertTrue(e.getMessage().contains("cannot open a connection to " + urlThrough(proxy.port())), e.getMessage());
        assertTrue(!e.getMessage().contains(server.password()), e.getMessage());
        // A password written into the URL is masked wherever the URL is quoted.
        PoolConfig.Builder inUrl = throughProxy("late-db-url").initialization(Initialization.FAIL_FAST);
        proxy.down();
        inUrl.jdbcUrl(urlThrough(proxy.port()) + "?password=" + server.password()).password(null);
        SQLException masked = assertThrows(SQLException.class, () -> Pools.create(inUrl.build()).close());
        assertTrue(masked.getMessage().contains("password=***"), masked.getMessage());
        assertTrue(!masked.getMessage().contains(server.password()), masked.getMessage());
        for (Throwable t = masked; t != null; t = t.getCause()) {
            assertTrue(t.getMessage() == null || !t.getMessage().contains(server.password()), t.toString());
        }
    }

    @Test
    void aChangedPasswordFailsNewConnectsAtOnceAndChangingItBackHealsThePool() throws Exception {
        String user = "fault_pw_" + server.kind().name().toLowerCase();
        String pw = "Pw-" + Long.toHexString(System.nanoTime());
        try (Connection admin = server.adminConnection()) {
            createUser(admin, user, pw);
            try (ConnectionPool pool = Pools.create(throughProxy("pw").user(user).password(pw).maxSize(2)
                    .borrowTimeout(Duration.ofSeconds(5)).build())) {
                Connection held = pool.getConnection();
                assertEquals("1", one(held, "SELECT 1"));
                changePassword(admin, user, pw + "-new");
                pool.softEvict(); // nothing idle; the held one keeps working
                assertEquals("1", one(held, "SELECT 1"), "an open session outlives its password");
                // A second borrow needs a new connection: the server refuses the old password, a
                // configuration error, so the borrower is told at once instead of waiting.
                long t0 = System.nanoTime();
                SQLException e = assertThrows(SQLException.class, pool::getConnection);
                assertTrue((System.nanoTime() - t0) / 1_000_000 < 4_000, "failed at once: " + e.getMessage());
                assertTrue(e.getMessage().contains("configuration error"), e.getMessage());
                assertTrue(!e.getMessage().contains(pw), e.getMessage());
                held.close();
                changePassword(admin, user, pw);
                Await.until("the pool heals once the password is right again", Duration.ofSeconds(30), () -> {
                    try (Connection c = pool.getConnection(); Connection d = pool.getConnection()) {
                        return "1".equals(one(c, "SELECT 1")) && "1".equals(one(d, "SELECT 1"));
                    } catch (SQLException notYet) {
                        return false;
                    }
                });
            }
        }
    }

    @Test
    void aStatementTimeoutLeavesTheConnectionInThePool() throws Exception {
        try (ConnectionPool pool = Pools.create(throughProxy("stmt-timeout").maxSize(1).build())) {
            String id;
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                id = one(c, backendIdSql());
                s.setQueryTimeout(1);
                SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(sleepSql(5)).close());
                System.out.println("statement timeout: " + e + " state " + e.getSQLState() + " code " + e.getErrorCode());
                assertEquals("1", one(c, "SELECT 1"), "the connection still works");
            }
            try (Connection c = pool.getConnection()) {
                assertEquals(id, one(c, backendIdSql()), "a timed-out statement does not cost the connection");
            }
            assertEquals(0, pool.stats().destroyedCount());
        }
    }

    @Test
    void aStatementKeptPastAReclaimOrShutdownFailsWithTheReasonAndNeverRuns() throws Exception {
        String table = "kept_stmt_" + server.kind().name().toLowerCase();
        try (Connection setup = server.openConnection()) {
            exec(setup, "DROP TABLE IF EXISTS " + table);
            exec(setup, "CREATE TABLE " + table + " (id int)");
        }
        ManualClock clock = new ManualClock();
        PoolConfig config = throughProxy("kept-stmt").leakThreshold(Duration.ofMinutes(1)).leakReclaim(true)
                .reaperInterval(Duration.ofHours(1)).build();
        try (ConnectionPool pool = EnginePool.start(config,
                new JdbcConnectionFactory(config), clock.tuning())) {
            Connection leaked = pool.getConnection(); // auto-commit: each statement commits
            java.sql.PreparedStatement insert = leaked.prepareStatement("INSERT INTO " + table + " VALUES (?)");
            Statement plain = leaked.createStatement();
            clock.advance(Duration.ofMinutes(2));
            pool.runReaperNow();
            assertEquals(1, pool.stats().leakReclaimCount());
            insert.setInt(1, 1);
            ConnectionReclaimedException e = assertThrows(ConnectionReclaimedException.class,
                    insert::executeUpdate);
            assertTrue(e.getMessage().contains("reclaimed after being held for"), e.getMessage());
            assertThrows(ConnectionReclaimedException.class,
                    () -> plain.executeUpdate("INSERT INTO " + table + " VALUES (2)"));

            Connection held = pool.getConnection();
            Statement kept = held.createStatement();
            pool.close();
            SQLException closed = assertThrows(SQLException.class,
                    () -> kept.executeUpdate("INSERT INTO " + table + " VALUES (3)"));
            assertTrue(closed.getMessage().contains("shut down while it was borrowed"), closed.getMessage());
        }
        try (Connection check = server.openConnection()) {
            assertEquals("0", one(check, "SELECT count(*) FROM " + table), "no statement ran after the reclaim");
        }
    }

    @Test
    void reclaimingALeakOnAStalledBackendDoesNotHoldUpOtherCloses() throws Exception {
        ManualClock clock = new ManualClock();
        PoolConfig config = throughProxy("reclaim-stall").maxSize(3).leakThreshold(Duration.ofMinutes(1))
                .leakReclaim(true).validationTimeout(Duration.ofSeconds(1)).reaperInterval(Duration.ofHours(1))
                .build();
        try (ConnectionPool pool = EnginePool.start(config, new JdbcConnectionFactory(config), clock.tuning())) {
            Connection leaked = pool.getConnection();
            leaked.setAutoCommit(false);
            assertEquals("1", one(leaked, "SELECT 1")); // a transaction is open: reclaim rolls it back
            Connection other = pool.getConnection();
            other.close();
            proxy.stall();
            clock.advance(Duration.ofMinutes(2));
            pool.runReaperNow();
            assertEquals(1, pool.stats().leakReclaimCount());
            pool.softEvict(); // the idle one goes too: its close must not wait behind the reclaim's rollback
            Await.until("both physical connections closed", Duration.ofSeconds(30),
                    () -> pool.stats().destroyedCount() == 2);
        }
    }

    @Test
    void aValidationByTestQueryOnAStalledBackendEndsWithinValidationTimeout() throws Exception {
        try (ConnectionPool pool = Pools.create(throughProxy("stall-testquery").minIdle(1).maxSize(1)
                .testQuery("SELECT 1").validationSkipWindow(Duration.ZERO).validationTimeout(Duration.ofSeconds(1))
                .borrowTimeout(Duration.ofSeconds(1)).build())) {
            Await.until("minIdle open", Duration.ofSeconds(30), () -> pool.stats().idle() == 1);
            proxy.stall();
            var borrow = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (Connection c = pool.getConnection()) {
                    return "served";
                } catch (SQLException e) {
                    return e.getClass().getSimpleName();
                }
            });
            assertEquals("PoolTimeoutException", borrow.get(30, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(1, pool.stats().validationFailureCount());
        }
    }
}
