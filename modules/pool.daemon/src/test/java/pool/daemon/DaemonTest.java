package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLNonTransientConnectionException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pool.api.ConnectionPool;
import pool.api.PoolConfig;
import pool.daemon.config.ConfigLoader;
import pool.daemon.config.SecretResolver;
import pool.daemon.lifecycle.FakePool;

/**
 * The daemon's start, reload and stop in-process, with pools that need no database
 * (a stand-in factory); signals and the real engine are covered by the process tests.
 */
class DaemonTest {

    @TempDir
    Path dir;

    private Path file;

    /** Engine stand-in: pools without connections; "unreachable" URLs are databases that are down. */
    private ConnectionPool create(PoolConfig config) throws SQLNonTransientConnectionException {
        if (config.jdbcUrl().contains("unreachable")) {
            throw new SQLNonTransientConnectionException("Connection refused", "08001");
        }
        return new FakePool(config);
    }

    private Daemon daemon(String pools) throws IOException {
        file = dir.resolve("pools.xml");
        write(pools);
        return new Daemon(file, new ConfigLoader(new SecretResolver(Map.<String, String>of()::get)), this::create);
    }

    private void write(String pools) throws IOException {
        Files.writeString(file, "<poold xmlns=\"urn:poold:config:1\">\n" + pools + "\n</poold>\n");
    }

    private static String pool(String name, int maxSize) {
        return "<pool name=\"" + name + "\" driver=\"h2\"><jdbcUrl>jdbc:h2:mem:" + name
                + "</jdbcUrl><maxSize>" + maxSize + "</maxSize></pool>";
    }

    @Test
    void reloadAddsRemovesAndResizesPools() throws Exception {
        Daemon d = daemon(pool("keep", 4) + pool("gone", 4) + pool("grow", 4));
        d.start();
        ConnectionPool keep = d.pools().pool("keep").orElseThrow();
        ConnectionPool grow = d.pools().pool("grow").orElseThrow();
        write(pool("keep", 4) + pool("grow", 9) + pool("added", 2));

        ReloadResult r = d.reload();

        assertTrue(r.applied(), r.summary());
        assertSame(keep, d.pools().pool("keep").orElseThrow());
        assertSame(grow, d.pools().pool("grow").orElseThrow());
        assertEquals(9, grow.liveSettings().maxSize());
        assertTrue(d.pools().pool("gone").isEmpty());
        assertEquals(2, d.pools().pool("added").orElseThrow().liveSettings().maxSize());
        assertEquals(9, d.config().pools().get("grow").config().maxSize());
        d.stop("test");
    }

    @Test
    void reloadOfABrokenFileChangesNothing() throws Exception {
        Daemon d = daemon(pool("a", 4));
        d.start();
        ConnectionPool a = d.pools().pool("a").orElseThrow();
        var before = d.config();
        write(pool("a", 8) + "\n<pool name=\"b\" driver=\"h2\"><jdbcUrl>jdbc:h2:mem:b</jdbcUrl><maxSize>0</maxSize></pool>");

        ReloadResult r = d.reload();

        assertFalse(r.applied());
        assertEquals(1, r.problems().size(), r.problems().toString());
        assertTrue(r.problems().getFirst().startsWith(file + ":3:"), r.problems().getFirst());
        assertSame(a, d.pools().pool("a").orElseThrow());
        assertEquals(4, a.liveSettings().maxSize());
        assertSame(before, d.config());
        d.stop("test");
    }

    @Test
    void reloadWhoseNewFailFastPoolCannotStartChangesNothing() throws Exception {
        Daemon d = daemon(pool("a", 4));
        d.start();
        write(pool("a", 8) + "<pool name=\"b\" driver=\"postgresql\" initialization=\"fail-fast\">"
                + "<jdbcUrl>jdbc:postgresql://unreachable/b</jdbcUrl></pool>");

        ReloadResult r = d.reload();

        assertFalse(r.applied());
        assertTrue(r.problems().getFirst().contains("pool 'b': cannot connect and initialization=\"fail-fast\""),
                r.problems().toString());
        assertEquals(4, d.pools().pool("a").orElseThrow().liveSettings().maxSize());
        assertTrue(d.pools().pool("b").isEmpty());
        d.stop("test");
    }

    @Test
    void failFastPoolThatCannotStartFailsTheStartAtItsLine() throws Exception {
        Daemon d = daemon(pool("a", 4) + "\n<pool name=\"b\" driver=\"postgresql\" initialization=\"fail-fast\">"
                + "<jdbcUrl>jdbc:postgresql://unreachable/b</jdbcUrl></pool>");
        var e = assertThrows(ConfigException.class, d::start);
        assertTrue(e.getMessage().startsWith(file + ":3:"), e.getMessage());
    }

    @Test
    void reloadAfterStopIsRefused() throws Exception {
        Daemon d = daemon(pool("a", 4));
        d.start();
        d.stop("test");
        assertTrue(d.pools().pool("a").isEmpty());
        assertFalse(d.reload().applied());
    }
}
