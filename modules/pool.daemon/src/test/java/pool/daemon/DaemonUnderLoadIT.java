package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pool.testsupport.await.Await.until;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pool.api.ConnectionPool;
import pool.daemon.config.ConfigLoader;
import pool.daemon.config.SecretResolver;
import pool.engine.Pools;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.Postgres;

/**
 * Stop and reload with queries running, in-process (remote borrowing is another
 * module's job), with the real engine on a real PostgreSQL. The worker threads
 * borrow through the registry by name on every query, as the remote service will.
 */
class DaemonUnderLoadIT {

    private static final int WORKERS = 8;

    @TempDir
    Path work;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private String pool(DatabaseServer pg, String name, int minIdle, int maxSize) {
        return pool(pg, name, minIdle, maxSize, "<borrowTimeout>10s</borrowTimeout>");
    }

    private String pool(DatabaseServer pg, String name, int minIdle, int maxSize, String settings) {
        return """
                  <pool name="%s" driver="postgresql">
                    <jdbcUrl>%s</jdbcUrl>
                    <user>%s</user>
                    <password>${env:PW}</password>
                    <driverProperties><property name="ApplicationName" value="poold-load-%s-%s"/></driverProperties>
                    <minIdle>%d</minIdle>
                    <maxSize>%d</maxSize>
                    %s
                  </pool>
                """.formatted(name, pg.jdbcUrl(), pg.user(), name, run, minIdle, maxSize, settings);
    }

    private Daemon daemon(DatabaseServer pg, String pools) throws Exception {
        Path file = work.resolve("pools.xml");
        write(file, pools);
        return new Daemon(file, new ConfigLoader(new SecretResolver(Map.of("PW", pg.password())::get)), Pools::create,
                (settings, logins) -> new RecordingPublisher());
    }

    private static void write(Path file, String pools) throws Exception {
        Files.writeString(file, "<poold xmlns=\"urn:poold:config:1\">\n<daemon><drainTimeout>10s</drainTimeout></daemon>\n"
                + pools + "</poold>\n");
    }

    /** Runs queries on {@code pool} until told to stop, sorting outcomes. */
    private static final class Load {
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger ok = new AtomicInteger();
        /** Borrow refused (pool gone or closing): expected once a stop began. */
        final AtomicInteger refused = new AtomicInteger();
        /** A query that failed after its borrow succeeded: must never happen. */
        final ConcurrentLinkedQueue<Throwable> failedQueries = new ConcurrentLinkedQueue<>();
        final List<Thread> threads = new ArrayList<>();

        Load(Daemon d, String pool) {
            for (int i = 0; i < WORKERS; i++) {
                threads.add(Thread.ofPlatform().name("load-" + pool + "-" + i).start(() -> {
                    while (running.get()) {
                        ConnectionPool p = d.pools().pool(pool).orElse(null);
                        if (p == null) {
                            refused.incrementAndGet();
                            continue;
                        }
                        Connection c;
                        try {
                            c = p.getConnection();
                        } catch (SQLException e) {
                            refused.incrementAndGet();
                            continue;
                        }
                        try (c; Statement s = c.createStatement()) {
                            s.execute("SELECT pg_sleep(0.02)");
                            ok.incrementAndGet();
                        } catch (SQLException | RuntimeException e) {
                            failedQueries.add(e);
                        }
                    }
                }));
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join();
            }
        }
    }

    @Test
    void stopDuringLoadLetsBorrowedWorkFinishAndClosesEverySession(@Postgres DatabaseServer pg) throws Exception {
        Daemon d = daemon(pg, pool(pg, "orders", 2, 6));
        d.start();
        Load load = new Load(d, "orders");
        until("the load runs", Duration.ofSeconds(30), () -> load.ok.get() >= 50);

        d.stop("test");
        load.stop();

        assertTrue(load.ok.get() > 0, "the load ran");
        assertEquals(List.of(), List.copyOf(load.failedQueries), "no borrowed connection was closed under a query");
        PostgresSessions.awaitCount(pg, "poold-load-orders-" + run, 0);
    }

    @Test
    void aReloadChangingEveryLiveSettingOfABusyPoolKeepsItsConnectionsAndFailsNoBorrow(@Postgres DatabaseServer pg)
            throws Exception {
        Daemon d = daemon(pg, pool(pg, "busy", 2, 6, """
                <burstMaxSize>0</burstMaxSize><borrowTimeout>10s</borrowTimeout><idleTimeout>10m</idleTimeout>
                <maxLifetime>30m</maxLifetime><validationSkipWindow>500ms</validationSkipWindow>
                <reaperInterval>5s</reaperInterval><leakThreshold>1m</leakThreshold><leakReclaim>false</leakReclaim>"""));
        d.start();
        ConnectionPool before = d.pools().pool("busy").orElseThrow();
        Load load = new Load(d, "busy");
        until("the load runs", Duration.ofSeconds(30), () -> load.ok.get() >= 50);
        var sessions = PostgresSessions.pids(pg, "poold-load-busy-" + run);

        write(work.resolve("pools.xml"), pool(pg, "busy", 3, 8, """
                <burstMaxSize>2</burstMaxSize><borrowTimeout>20s</borrowTimeout><idleTimeout>20m</idleTimeout>
                <maxLifetime>1h</maxLifetime><validationSkipWindow>1s</validationSkipWindow>
                <reaperInterval>1s</reaperInterval><leakThreshold>2m</leakThreshold><leakReclaim>true</leakReclaim>"""));
        ReloadResult r = d.reload();
        int atReload = load.ok.get();
        until("the load runs on after the reload", Duration.ofSeconds(30), () -> load.ok.get() >= atReload + 50);
        load.stop();

        assertTrue(r.applied(), r.summary());
        assertEquals("reloaded: added [], removed [], retuned [busy], replaced [], unchanged []", r.summary());
        assertSame(before, d.pools().pool("busy").orElseThrow(), "retuned in place, not replaced");
        assertEquals(new pool.api.LiveSettings(3, 8, 2, Duration.ofSeconds(20), Duration.ofMinutes(20),
                Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(2), true),
                before.liveSettings());
        assertEquals(0, load.refused.get(), "every borrow succeeded");
        assertEquals(List.of(), List.copyOf(load.failedQueries));
        var after = PostgresSessions.pids(pg, "poold-load-busy-" + run);
        assertTrue(after.containsAll(sessions),
                "every connection open before the reload is still open: before " + sessions + ", after " + after
                        + ", " + before.stats());
        d.stop("test");
        PostgresSessions.awaitCount(pg, "poold-load-busy-" + run, 0);
    }

    @Test
    void reloadDuringLoadFailsNoQueryOnAnUntouchedPool(@Postgres DatabaseServer pg) throws Exception {
        Daemon d = daemon(pg, pool(pg, "stable", 2, 6) + pool(pg, "gone", 1, 2) + pool(pg, "grown", 1, 2));
        d.start();
        Load load = new Load(d, "stable");
        until("the load runs", Duration.ofSeconds(30), () -> load.ok.get() >= 50);

        write(work.resolve("pools.xml"), pool(pg, "stable", 2, 6) + pool(pg, "grown", 2, 8) + pool(pg, "added", 1, 2));
        ReloadResult r = d.reload();
        int atReload = load.ok.get();
        until("the load runs on after the reload", Duration.ofSeconds(30), () -> load.ok.get() >= atReload + 50);
        load.running.set(false);
        load.stop();

        assertTrue(r.applied(), r.summary());
        assertEquals(0, load.refused.get(), "every borrow on the untouched pool succeeded");
        assertEquals(List.of(), List.copyOf(load.failedQueries));
        assertEquals(8, d.pools().pool("grown").orElseThrow().liveSettings().maxSize());
        d.stop("test");
        PostgresSessions.awaitCount(pg, "poold-load-stable-" + run, 0);
    }
}
