package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.Postgres;

/**
 * The packaged daemon against a real PostgreSQL, driven by signals as systemd drives
 * it. Each pool sets its own application_name, so pg_stat_activity shows exactly which
 * server sessions each pool holds, and their backend pids show whether a reload left a
 * pool's connections alone.
 */
class PooldPostgresIT {

    @TempDir
    Path work;

    /** One port per test: a reload rewrites the file, and the registry stays where it started. */
    private final int registryPort = FreePorts.loopback();

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private String app(String pool) {
        return "poold-it-" + pool + "-" + run;
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
                    <reaperInterval>200ms</reaperInterval>
                  </pool>
                """.formatted(name, pg.jdbcUrl(), pg.user(), passwordFile(pg), app(name), minIdle, maxSize);
    }

    private Path passwordFile(DatabaseServer pg) {
        return DaemonFiles.dbPassword(work, pg);
    }

    private Path writeConfig(String pools) throws Exception {
        return DaemonFiles.config(work, registryPort, pools);
    }

    private PooldProcess startDaemon(Path config) throws Exception {
        return PooldProcess.startReady(work, Map.of(), config);
    }

    @Test
    void sigtermClosesEveryServerSessionAndExitsZero(@Postgres DatabaseServer pg) throws Exception {
        Path config = writeConfig(pool(pg, "orders", 4, 8));
        try (PooldProcess daemon = startDaemon(config)) {
            PostgresSessions.awaitCount(pg, app("orders"), 4);

            daemon.signal("TERM");

            assertEquals(0, daemon.awaitExit(), daemon.stdout() + daemon.stderr());
            assertTrue(daemon.stdout().contains("poold stopped"), daemon.stdout());
            PostgresSessions.awaitCount(pg, app("orders"), 0);
        }
    }

    @Test
    void sighupAddsRemovesAndResizesWithoutTouchingOtherPools(@Postgres DatabaseServer pg) throws Exception {
        Path config = writeConfig(pool(pg, "stable", 3, 4) + pool(pg, "gone", 2, 4) + pool(pg, "grown", 1, 2));
        try (PooldProcess daemon = startDaemon(config)) {
            PostgresSessions.awaitCount(pg, app("stable"), 3);
            PostgresSessions.awaitCount(pg, app("gone"), 2);
            PostgresSessions.awaitCount(pg, app("grown"), 1);
            Set<Integer> stableBackends = PostgresSessions.pids(pg, app("stable"));
            Set<Integer> grownBackends = PostgresSessions.pids(pg, app("grown"));

            writeConfig(pool(pg, "stable", 3, 4) + pool(pg, "grown", 3, 8) + pool(pg, "added", 2, 4));
            daemon.signal("HUP");

            assertTrue(daemon.awaitOutput("reloaded: added [added], removed [gone], retuned [grown], replaced []", 30),
                    daemon.stdout());
            PostgresSessions.awaitCount(pg, app("gone"), 0);
            PostgresSessions.awaitCount(pg, app("added"), 2);
            PostgresSessions.awaitCount(pg, app("grown"), 3);
            assertEquals(stableBackends, PostgresSessions.pids(pg, app("stable")), "an untouched pool keeps its sessions");
            assertTrue(PostgresSessions.pids(pg, app("grown")).containsAll(grownBackends),
                    "a resized pool keeps its sessions and adds more");

            daemon.signal("TERM");
            assertEquals(0, daemon.awaitExit(), daemon.stdout() + daemon.stderr());
        }
    }

    @Test
    void sighupWithABrokenFileChangesNothing(@Postgres DatabaseServer pg) throws Exception {
        Path config = writeConfig(pool(pg, "a", 2, 4));
        try (PooldProcess daemon = startDaemon(config)) {
            PostgresSessions.awaitCount(pg, app("a"), 2);
            Set<Integer> before = PostgresSessions.pids(pg, app("a"));

            writeConfig(pool(pg, "a", 3, 4) + pool(pg, "b", 9, 2));
            daemon.signal("HUP");

            assertTrue(daemon.awaitOutput("reload rejected", 30), daemon.stdout());
            assertTrue(daemon.stdout().contains(config + ":"), "the log names the file and line: " + daemon.stdout());
            // Real time: this proves an absence; a reload that went through anyway would open a third session by now.
            Thread.sleep(500);
            assertEquals(before, PostgresSessions.pids(pg, app("a")));
            assertEquals(Set.of(), PostgresSessions.pids(pg, app("b")));

            daemon.signal("TERM");
            assertEquals(0, daemon.awaitExit(), daemon.stdout() + daemon.stderr());
        }
    }
}
