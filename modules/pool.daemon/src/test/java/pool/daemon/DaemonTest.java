package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import pool.remote.PasswordHash;

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
        return new Daemon(file, new ConfigLoader(new SecretResolver(Map.<String, String>of()::get)), this::create,
                (settings, logins) -> publisher);
    }

    private final RecordingPublisher publisher = new RecordingPublisher();

    private static final String APP_HASH = PasswordHash.create("app-pw".toCharArray(), 1000).encoded();
    private static final String OPS_HASH = PasswordHash.create("ops-pw".toCharArray(), 1000).encoded();

    private static String clients() {
        return "<clients><user name=\"app\" hash=\"" + APP_HASH + "\"/><user name=\"ops\" hash=\"" + OPS_HASH
                + "\"/></clients>\n";
    }

    private static String pool(String name, String url, String clientUsers) {
        // Published to client users: deliberately with H2 administrator rights, which no test here uses.
        return "<pool name=\"" + name + "\" driver=\"h2\" h2Admin=\"deliberate\"><jdbcUrl>" + url + "</jdbcUrl>"
                + (clientUsers == null ? "" : "<clientUsers>" + clientUsers + "</clientUsers>") + "</pool>\n";
    }

    @Test
    void startPublishesEveryPoolForTheUsersItAdmits() throws Exception {
        Daemon d = daemon(clients() + pool("open", "jdbc:h2:mem:open", null) + pool("ops", "jdbc:h2:mem:ops", "ops"));
        d.start();
        assertSame(d.pools().pool("open").orElseThrow(), publisher.pools.get("open"));
        assertSame(d.pools().pool("ops").orElseThrow(), publisher.pools.get("ops"));
        assertEquals(Map.of("app", APP_HASH, "ops", OPS_HASH), publisher.users.get("open"));
        assertEquals(Map.of("ops", OPS_HASH), publisher.users.get("ops"));
        d.stop("test");
    }

    @Test
    void reloadPublishesAddedUnpublishesRemovedAndRepublishesReplacedPools() throws Exception {
        Daemon d = daemon(clients() + pool("keep", "jdbc:h2:mem:keep", "app") + pool("gone", "jdbc:h2:mem:gone", null)
                + pool("moved", "jdbc:h2:mem:moved1", null));
        d.start();
        ConnectionPool keep = d.pools().pool("keep").orElseThrow();
        ConnectionPool moved = d.pools().pool("moved").orElseThrow();
        publisher.events.clear();
        write(clients() + pool("keep", "jdbc:h2:mem:keep", "app ops") + pool("moved", "jdbc:h2:mem:moved2", null)
                + pool("added", "jdbc:h2:mem:added", "ops"));

        ReloadResult r = d.reload();

        assertTrue(r.applied(), r.summary());
        assertEquals(java.util.Set.of("keep", "moved", "added"), publisher.published());
        assertSame(keep, publisher.pools.get("keep"), "an unchanged pool stays published as it is");
        assertEquals(Map.of("app", APP_HASH, "ops", OPS_HASH), publisher.users.get("keep"), "with its new users");
        ConnectionPool replacement = d.pools().pool("moved").orElseThrow();
        assertFalse(replacement == moved);
        assertSame(replacement, publisher.pools.get("moved"), "new borrows go to the replacement");
        assertEquals(Map.of("ops", OPS_HASH), publisher.users.get("added"));
        assertTrue(publisher.events.containsAll(java.util.List.of("unpublish gone", "replace moved", "publish added",
                "users keep")), publisher.events.toString());
        // The remote connections of the removed and the replaced pool drain as the pools themselves do.
        assertEquals(pool.daemon.config.DaemonSettings.DEFAULT_DRAIN_TIMEOUT, publisher.drains.get("gone"));
        assertEquals(pool.daemon.config.DaemonSettings.DEFAULT_DRAIN_TIMEOUT, publisher.drains.get("moved"));
        d.stop("test");
    }

    @Test
    void stopUnpublishesBeforeThePoolsDrain() throws Exception {
        Daemon d = daemon(clients() + pool("a", "jdbc:h2:mem:a", null));
        d.start();
        java.util.concurrent.atomic.AtomicBoolean poolRunningAtUnpublish = new java.util.concurrent.atomic.AtomicBoolean();
        publisher.onClose = () -> poolRunningAtUnpublish.set(d.pools().pool("a").isPresent());
        d.stop("test");
        assertTrue(poolRunningAtUnpublish.get(), "the registry must close while the pool still runs");
        assertEquals("close", publisher.events.getLast());
        assertTrue(publisher.published().isEmpty());
    }

    @Test
    void everyRunningPoolIsAnMBeanThatFollowsReloadsAndLeavesWithTheDaemon() throws Exception {
        javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        javax.management.ObjectName keep = new javax.management.ObjectName("poold:type=Pool,name=jmx-keep");
        javax.management.ObjectName gone = new javax.management.ObjectName("poold:type=Pool,name=jmx-gone");
        javax.management.ObjectName added = new javax.management.ObjectName("poold:type=Pool,name=jmx-added");
        Daemon d = daemon(pool("jmx-keep", 4) + pool("jmx-gone", 4));
        d.start();
        assertTrue(jmx.isRegistered(keep));
        assertTrue(jmx.isRegistered(gone));
        assertEquals(4, jmx.getAttribute(keep, "MaxSize"));
        write(pool("jmx-keep", 6) + pool("jmx-added", 2));
        assertTrue(d.reload().applied());
        assertFalse(jmx.isRegistered(gone));
        assertTrue(jmx.isRegistered(added));
        assertEquals(6, jmx.getAttribute(keep, "MaxSize"), "a reload and JMX show the same live settings");
        jmx.setAttribute(keep, new javax.management.Attribute("MaxSize", 5));
        assertEquals(5, d.pools().pool("jmx-keep").orElseThrow().liveSettings().maxSize());
        d.stop("test");
        assertFalse(jmx.isRegistered(keep));
        assertFalse(jmx.isRegistered(added));
    }

    @Test
    void aReloadOfAnUnchangedFileKeepsSettingsChangedLiveAndTheBeanShowsThemAgainstTheFile() throws Exception {
        javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        javax.management.ObjectName keep = new javax.management.ObjectName("poold:type=Pool,name=jmx-live");
        Daemon d = daemon(pool("jmx-live", 4));
        d.start();
        try {
            assertEquals(0, ((Object[]) jmx.getAttribute(keep, "ChangedSettings")).length);
            jmx.setAttribute(keep, new javax.management.Attribute("MaxSize", 7));
            jmx.setAttribute(keep, new javax.management.Attribute("LeakReclaim", true));

            assertTrue(d.reload().applied(), "the same file again");
            ConnectionPool p = d.pools().pool("jmx-live").orElseThrow();
            assertEquals(7, p.liveSettings().maxSize(), "a reload of an unchanged file keeps live changes");
            assertTrue(p.liveSettings().leakReclaim());
            javax.management.openmbean.CompositeData[] changed =
                    (javax.management.openmbean.CompositeData[]) jmx.getAttribute(keep, "ChangedSettings");
            assertEquals(2, changed.length);
            assertEquals(java.util.List.of("maxSize", "7", "4"), java.util.List.of(changed[0].get("setting"),
                    changed[0].get("live"), changed[0].get("file")));
            assertEquals("leakReclaim", changed[1].get("setting"));

            // A file that changes the pool's settings applies them, all of them, as the file gives them.
            write(pool("jmx-live", 5));
            assertTrue(d.reload().applied());
            assertEquals(5, p.liveSettings().maxSize());
            assertFalse(p.liveSettings().leakReclaim());
            assertEquals(0, ((Object[]) jmx.getAttribute(keep, "ChangedSettings")).length, "the file's values now");
        } finally {
            d.stop("test");
        }
    }

    @Test
    void theDaemonBeanListsThePoolsAndReloadsLikeSighup() throws Exception {
        javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        javax.management.ObjectName name = new javax.management.ObjectName("poold:type=Daemon");
        Daemon d = daemon(pool("jmx-one", 4));
        d.start();
        try {
            assertEquals(file.toString(), jmx.getAttribute(name, "ConfigFile"), "this test's daemon");
            assertArrayEquals(new String[] {"jmx-one"}, (String[]) jmx.getAttribute(name, "Pools"));
            java.util.concurrent.BlockingQueue<javax.management.Notification> seen =
                    new java.util.concurrent.LinkedBlockingQueue<>();
            jmx.addNotificationListener(name, (n, h) -> seen.add(n), null, null);

            write(pool("jmx-one", 4) + pool("jmx-two", 2));
            String applied = (String) jmx.invoke(name, "reload", new Object[0], new String[0]);
            assertTrue(applied.startsWith("reloaded"), applied);
            assertArrayEquals(new String[] {"jmx-one", "jmx-two"}, (String[]) jmx.getAttribute(name, "Pools"));
            javax.management.Notification n = seen.poll(5, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals("poold.config.reloaded", n.getType());
            assertEquals(applied, n.getMessage());
            javax.management.openmbean.CompositeData pools = (javax.management.openmbean.CompositeData) n.getUserData();
            assertArrayEquals(new String[] {"jmx-two"}, (String[]) pools.get("added"));
            assertArrayEquals(new String[] {"jmx-one"}, (String[]) pools.get("unchanged"));
            assertArrayEquals(new String[0], (String[]) pools.get("replaced"));

            write("<pool name=\"jmx-one\" driver=\"h2\"><minIdel>1</minIdel></pool>");
            String rejected = (String) jmx.invoke(name, "reload", new Object[0], new String[0]);
            assertTrue(rejected.startsWith("reload rejected") && rejected.contains("minIdel"), rejected);
            assertArrayEquals(new String[] {"jmx-one", "jmx-two"}, (String[]) jmx.getAttribute(name, "Pools"),
                    "the running configuration stays");
            // A monitoring user hears of the refusal, not only of reloads that applied.
            javax.management.Notification refused = seen.poll(5, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals("poold.config.rejected", refused.getType());
            assertTrue(rejected.startsWith(refused.getMessage()), refused.getMessage());
            String[] problems = (String[]) ((javax.management.openmbean.CompositeData) refused.getUserData())
                    .get("problems");
            // Both problems of the file: the misspelt element, and the <jdbcUrl> the pool lacks.
            assertTrue(problems.length == 2 && problems[0].contains("minIdel") && problems[1].contains("no <jdbcUrl>"),
                    java.util.Arrays.toString(problems));
            assertTrue(seen.isEmpty(), "one notification per reload: " + seen);
        } finally {
            d.stop("test");
        }
        assertFalse(jmx.isRegistered(name));
    }

    @Test
    void clientUsersMustBeDefinedInClients() throws Exception {
        Daemon d = daemon(clients() + pool("a", "jdbc:h2:mem:a", "app nobody"));
        var e = assertThrows(ConfigException.class, d::start);
        assertTrue(e.getMessage().contains("clientUsers names 'nobody', who is not a user in <clients>"), e.getMessage());
        assertTrue(publisher.events.isEmpty(), "nothing is published from an invalid file");
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
    void aReloadNamesTheDaemonSettingsThatWaitForARestart() throws Exception {
        Daemon d = daemon(pool("a", 4));
        d.start();
        java.util.List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override public void publish(java.util.logging.LogRecord r) {
                if (r.getLevel() == java.util.logging.Level.WARNING && r.getMessage().startsWith("<daemon>")) {
                    warnings.add(r.getMessage());
                }
            }
            @Override public void flush() { }
            @Override public void close() { }
        };
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("poold");
        log.addHandler(h);
        try {
            write("<daemon><rmiRegistryPort>1199</rmiRegistryPort><drainTimeout>7s</drainTimeout>"
                    + "<requestTimeout>5s</requestTimeout><ticketLifetime>2h</ticketLifetime></daemon>\n" + pool("a", 4));
            assertTrue(d.reload().applied());
            assertEquals(java.util.List.of("<daemon> settings changed in the file take effect only after a restart:"
                    + " rmiRegistryPort, requestTimeout, ticketLifetime; drainTimeout, client and JMX users and pool"
                    + " changes are applied now"), warnings);
            assertEquals(java.time.Duration.ofSeconds(7), d.config().daemon().drainTimeout());
            assertEquals(1099, d.config().daemon().rmiRegistryPort(), "the port the registry still listens on");
        } finally {
            log.removeHandler(h);
            d.stop("test");
        }
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
    void aReloadRefusesATlsStoreOrAddressTheNextStartCouldNotOpenAsCheckConfigDoes() throws Exception {
        Daemon d = daemon(pool("a", 4));
        d.start();
        ConnectionPool a = d.pools().pool("a").orElseThrow();
        Path missing = dir.resolve("missing.p12");
        write("<daemon><tls><keyStore>" + missing + "</keyStore><keyStorePassword>pw</keyStorePassword>"
                + "</tls></daemon>\n" + pool("a", 8));
        ReloadResult tls = d.reload();
        var check = assertThrows(ConfigException.class, () -> new ConfigCheck(new ConfigLoader(
                new SecretResolver(Map.<String, String>of()::get))).check(file));

        assertFalse(tls.applied());
        assertEquals(check.problems(), tls.problems());
        assertTrue(tls.problems().getFirst().startsWith(file + ":2:")
                && tls.problems().getFirst().contains("tls: cannot read keyStore " + missing), tls.problems().toString());
        assertEquals(4, a.liveSettings().maxSize(), "nothing of the file applied");

        write("<daemon><listenAddress>300.1.1.1</listenAddress></daemon>\n" + pool("a", 8));
        ReloadResult address = d.reload();
        assertFalse(address.applied());
        assertTrue(address.problems().getFirst().startsWith(file + ": cannot start the RMI registry on 300.1.1.1:"),
                address.problems().toString());
        assertEquals(4, a.liveSettings().maxSize(), "nothing of the file applied");
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

    @Test
    void aReloadCannotGiveTheShippedDemoHashToADaemonListeningBeyondLoopback() throws Exception {
        String demoHash = "pbkdf2-sha256$600000$i0yY4veslqxOgSOePyvpSg$NJg0YSBcghCf8HGji+WzWlEhXnUljeXBhqx+bqqxODw";
        Daemon d = daemon("<daemon><listenAddress>0.0.0.0</listenAddress></daemon>\n" + clients());
        d.start();
        // The file says loopback now, but the sockets stay on 0.0.0.0 until a restart.
        write("<daemon><listenAddress>127.0.0.1</listenAddress></daemon>\n<clients><user name=\"demo\" hash=\""
                + demoHash + "\"/></clients>");

        ReloadResult r = d.reload();

        assertFalse(r.applied(), r.summary());
        assertTrue(r.problems().getFirst().startsWith(file + ":3:"), r.problems().toString());
        assertTrue(r.problems().getFirst().contains("client user 'demo' still has the demo hash config/pools.xml ships"
                + " (its password, \"demo\", is written there for anyone to read), and poold listens on 0.0.0.0 until"
                + " it restarts"), r.problems().toString());
        assertEquals(Map.of("app", APP_HASH, "ops", OPS_HASH),
                d.config().clients().stream().collect(java.util.stream.Collectors.toMap(c -> c.name(), c -> c.hash())),
                "the running users stay");
        d.stop("test");
    }
}
