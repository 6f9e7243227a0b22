package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import pool.remote.PasswordHash;
import pool.testsupport.await.Await;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.Postgres;

/**
 * Signals under remote load, the way production meets them: the packaged daemon in its
 * own process on a real PostgreSQL, client threads in this JVM borrowing through
 * {@code pool.client} (JNDI, {@code poold://127.0.0.1:<port>}), and systemd's SIGTERM
 * or an operator's SIGHUP arriving while queries run. {@link PooldPostgresIT} proves
 * the same signals on an idle daemon; this class proves what clients see meanwhile.
 *
 * <p>Each pool sets its own application_name (a driver property), so pg_stat_activity
 * shows exactly which server sessions each pool holds.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PooldLoadProcessIT {

    /** Client threads per loaded pool: more than a pool's connections, so borrows also queue. */
    private static final int WORKERS = 6;
    /** Hard bounds for every load loop, so that no test can spin forever whatever the daemon does. */
    private static final long MAX_LOAD_MILLIS = 60_000;
    private static final int MAX_ITERATIONS = 100_000;

    @TempDir
    Path work;

    private final int registryPort = FreePorts.loopback();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String clientPassword = UUID.randomUUID().toString();
    /**
     * One hash for every write of the file: a reload that sees a user's hash change (a new
     * salt is a new hash) revokes that user's logins and remote connections by design, and
     * these tests rewrite the file with the same users.
     */
    private final String clientHash = PasswordHash.create(clientPassword.toCharArray(), PasswordHash.MIN_ITERATIONS)
            .encoded();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Context> contexts = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        threads.shutdownNow();
        for (Context c : contexts) {
            c.close();
        }
    }

    private String app(String pool) {
        return "poold-load-" + pool + "-" + run;
    }

    private String pool(DatabaseServer pg, String name, int minIdle, int maxSize) {
        return """
                  <pool name="%s" driver="postgresql">
                    <jdbcUrl>%s</jdbcUrl>
                    <user>%s</user>
                    <password>${file:%s}</password>
                    <driverProperties><property name="ApplicationName" value="%s"/></driverProperties>
                    <minIdle>%d</minIdle>
                    <maxSize>%d</maxSize>
                    <borrowTimeout>20s</borrowTimeout>
                    <reaperInterval>200ms</reaperInterval>
                    <clientUsers>app</clientUsers>
                  </pool>
                """.formatted(name, pg.jdbcUrl(), pg.user(), passwordFile(pg), app(name), minIdle, maxSize);
    }

    private Path passwordFile(DatabaseServer pg) {
        return DaemonFiles.dbPassword(work, pg);
    }

    private Path writeConfig(String pools) throws Exception {
        return DaemonFiles.config(work, registryPort, "  <clients><user name=\"app\" hash=\"" + clientHash
                + "\"/></clients>\n" + pools);
    }

    private PooldProcess startDaemon(Path config) throws Exception {
        return PooldProcess.startReady(work, Map.of(), config);
    }

    /** A fresh JNDI context: its data sources look their pool up (and log in) on first use. */
    private Context jndi() throws Exception {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "pool.client.jndi.PooldContextFactory");
        env.put(Context.PROVIDER_URL, "poold://127.0.0.1:" + registryPort);
        env.put(Context.SECURITY_PRINCIPAL, "app");
        env.put(Context.SECURITY_CREDENTIALS, clientPassword);
        Context c = new InitialContext(env);
        contexts.add(c);
        return c;
    }

    private static int selectOne(DataSource ds, int n) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("select ?::int")) {
            ps.setInt(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    // ---------------------------------------------------------------- the load

    /**
     * Client threads running short transactions in a loop: borrow, a query that takes
     * about 20 ms (so that a signal finds work in flight), a check of its answer, commit,
     * close. Every outcome is counted; a wrong answer or a non-SQL exception is a defect
     * whenever it happens.
     */
    private final class Load {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger ok = new AtomicInteger();
        final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        final List<Future<?>> workers = new ArrayList<>();
        /** Set by the test once a failure is expected (the daemon is stopping): a worker ends on its first one. */
        volatile boolean failuresEndWorkers;

        Load(DataSource ds) {
            for (int w = 0; w < WORKERS; w++) {
                int id = w;
                workers.add(threads.submit(() -> loop(ds, id)));
            }
        }

        private void loop(DataSource ds, int id) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_LOAD_MILLIS);
            for (int i = 0; i < MAX_ITERATIONS && !stop.get() && System.nanoTime() < deadline; i++) {
                int expected = id * MAX_ITERATIONS + i;
                try (Connection c = ds.getConnection()) {
                    c.setAutoCommit(false);
                    try (PreparedStatement ps = c.prepareStatement("select ?::int, pg_sleep(0.02)")) {
                        ps.setInt(1, expected);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            if (rs.getInt(1) != expected) {
                                failures.add(new AssertionError("query " + expected + " answered " + rs.getInt(1)));
                            }
                        }
                    }
                    c.commit();
                    ok.incrementAndGet();
                } catch (Throwable t) {
                    failures.add(t);
                    if (failuresEndWorkers || !(t instanceof SQLException)) {
                        return;
                    }
                }
            }
        }

        /** Waits until {@code n} more transactions have completed, so a signal really lands mid-load. */
        void awaitProgress(int n) throws Exception {
            int target = ok.get() + n;
            Await.value(n + " more transactions, or a failure", Duration.ofSeconds(30), ok::get,
                    done -> done >= target || !failures.isEmpty());
            assertTrue(ok.get() >= target, "load made no progress: " + ok.get() + " ok, failures " + failures);
        }

        /** Stops the workers and proves that none hangs: each must end within {@code seconds}. */
        void stopWithin(long seconds) throws Exception {
            stop.set(true);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            for (Future<?> f : workers) {
                try {
                    f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    fail("a client thread still hangs " + seconds + " s after the load stopped");
                }
            }
        }

        void assertNoFailures(String when) {
            if (!failures.isEmpty()) {
                AssertionError e = new AssertionError(failures.size() + " failed queries " + when + " (" + ok.get()
                        + " ok); first: " + failures.peek());
                failures.forEach(e::addSuppressed);
                throw e;
            }
        }
    }

    // ---------------------------------------------------------------- the tests

    @Test
    void sigtermDuringRemoteLoadExitsZeroAndLeavesNoServerSession(@Postgres DatabaseServer pg) throws Exception {
        Path config = writeConfig(pool(pg, "orders", 2, 4));
        try (PooldProcess daemon = startDaemon(config)) {
            Load load = new Load((DataSource) jndi().lookup("orders"));
            load.awaitProgress(50);
            load.assertNoFailures("before SIGTERM");
            PostgresSessions.awaitCountAtLeast(pg, app("orders"), 2);

            load.failuresEndWorkers = true;
            long termAt = System.nanoTime();
            daemon.signal("TERM");

            // Within the drain timeout (5 s) plus JVM exit; TimeoutStopSec is 30 s by default.
            int exit = daemon.awaitExit();
            long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - termAt);
            assertEquals(0, exit, daemon.stdout() + daemon.stderr());
            assertTrue(stopMillis < 5_000 + 5_000, "poold took " + stopMillis + " ms to stop");
            assertTrue(daemon.stdout().contains("poold stopped"), daemon.stdout());

            // The daemon is gone: every client thread must have ended already or end now,
            // each with its last query completed or failed with an SQLException; none hangs.
            load.stopWithin(30);
            for (Throwable t : load.failures) {
                SQLException e = assertInstanceOf(SQLException.class, t, "not an SQLException: " + t);
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "an SQLException without a message");
                assertTrue(e.getSQLState() != null && e.getSQLState().startsWith("08"),
                        "a connection failure has an 08 SQLState: " + e.getSQLState() + " " + e.getMessage());
                // The drain lets a transaction that holds a connection finish (20 ms queries,
                // 5 s drain): only new borrows are refused, none is cut off mid-transaction.
                assertFalse(e.getMessage().contains("transaction was rolled back"),
                        "in-flight transaction aborted instead of drained: " + e.getMessage());
            }
            PostgresSessions.awaitCount(pg, app("orders"), 0);
            // For the record (surefire keeps it): how the load ended.
            System.out.printf("SIGTERM under load: %d transactions ok, %d ended with %s, poold stopped in %d ms%n",
                    load.ok.get(), load.failures.size(),
                    load.failures.stream().map(t -> t.getClass().getSimpleName() + "/" + ((SQLException) t).getSQLState())
                            .distinct().toList(), stopMillis);
        }
    }

    @Test
    void sighupAddRemoveResizeFailsNoQueryOnUntouchedPools(@Postgres DatabaseServer pg) throws Exception {
        // minIdle = maxSize, so pg_stat_activity shows a pool's size exactly even under load.
        Path config = writeConfig(pool(pg, "a", 3, 3) + pool(pg, "b", 2, 2));
        try (PooldProcess daemon = startDaemon(config)) {
            PostgresSessions.awaitCount(pg, app("a"), 3);
            PostgresSessions.awaitCount(pg, app("b"), 2);
            Set<Integer> aBackends = PostgresSessions.pids(pg, app("a"));
            Context ctx = jndi();
            DataSource b = (DataSource) ctx.lookup("b");
            assertEquals(7, selectOne(b, 7), "b serves before the reload");

            Load load = new Load((DataSource) ctx.lookup("a"));
            load.awaitProgress(30);

            writeConfig(pool(pg, "a", 6, 6) + pool(pg, "c", 1, 2));
            daemon.signal("HUP");
            assertTrue(daemon.awaitOutput("reloaded: added [c], removed [b], retuned [a], replaced []", 30),
                    daemon.stdout());
            // Keep A under load while its new size applies and B drains.
            PostgresSessions.awaitCount(pg, app("a"), 6);
            PostgresSessions.awaitCount(pg, app("b"), 0);
            load.awaitProgress(30);
            load.stopWithin(30);
            load.assertNoFailures("on pool a across the reload");
            assertTrue(PostgresSessions.pids(pg, app("a")).containsAll(aBackends),
                    "a resize applies in place: a keeps its sessions and adds more");

            assertEquals(11, selectOne((DataSource) jndi().lookup("c"), 11), "the added pool c is reachable through JNDI");
            SQLException gone = assertThrows(SQLException.class, () -> selectOne((DataSource) jndi().lookup("b"), 1),
                    "a fresh lookup of the removed pool b must fail");
            assertTrue(gone.getMessage().contains("no pool named 'b'"), gone.getMessage());
            assertThrows(SQLException.class, () -> selectOne(b, 1),
                    "a data source of b looked up before the reload must not borrow any more");

            daemon.signal("TERM");
            assertEquals(0, daemon.awaitExit(), daemon.stdout() + daemon.stderr());
        }
    }

    @Test
    void sighupWithBrokenFileKeepsServingWithoutFailedQueries(@Postgres DatabaseServer pg) throws Exception {
        Path config = writeConfig(pool(pg, "a", 3, 3));
        try (PooldProcess daemon = startDaemon(config)) {
            PostgresSessions.awaitCount(pg, app("a"), 3);
            Set<Integer> before = PostgresSessions.pids(pg, app("a"));
            Load load = new Load((DataSource) jndi().lookup("a"));
            load.awaitProgress(30);

            // Schema-valid but wrong (b has minIdle > maxSize), and a would grow: neither may apply.
            writeConfig(pool(pg, "a", 5, 5) + pool(pg, "b", 9, 2));
            daemon.signal("HUP");

            assertTrue(daemon.awaitOutput("reload rejected", 30), daemon.stdout());
            assertTrue(Pattern.compile(Pattern.quote(config.toString()) + ":\\d+").matcher(daemon.stdout()).find(),
                    "the log names the file and line: " + daemon.stdout());
            load.awaitProgress(30); // the load runs on after the rejection, too
            load.stopWithin(30);
            load.assertNoFailures("across a rejected reload");
            assertEquals(before, PostgresSessions.pids(pg, app("a")), "a keeps exactly its sessions");
            assertEquals(Set.of(), PostgresSessions.pids(pg, app("b")));

            daemon.signal("TERM");
            assertEquals(0, daemon.awaitExit(), daemon.stdout() + daemon.stderr());
        }
    }
}
