package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pool.testsupport.await.Await.until;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import pool.remote.PasswordHash;
import pool.testsupport.db.ReplicatedPair;

/**
 * Read/write routing through the packaged daemon: a remote client (JNDI, pool.client) on a
 * pool with a replica, the replica's MBean, notifications, {@code poolctl status} and the
 * Prometheus metrics. {@link RemotePostgresRoutingIT} and {@link RemoteMariaDbRoutingIT} run
 * them on each database.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
abstract class RemoteRoutingScenarios {

    static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L * 1000 + 7);

    @TempDir
    Path work;
    ReplicatedPair pair;
    private PooldProcess daemon;
    private Context jndi;
    private final int registryPort = FreePorts.loopback();
    private final int jmxPort = FreePorts.loopback();
    private final int metricsPort = FreePorts.loopback();
    /** The users' hashes, made once: a reload that read new ones would log their sessions out. */
    private final String appHash = PasswordHash.create("app-pw".toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();
    private final String opsHash = PasswordHash.create("ops-pw".toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();

    /** @return whether the remote connection's statement ran on the replica */
    abstract boolean onReplica(Connection c) throws SQLException;

    abstract String driver();

    Connection direct() throws SQLException {
        return DriverManager.getConnection(pair.primary().jdbcUrl(), pair.primary().user(), pair.primary().password());
    }

    void start() throws Exception {
        start("");
    }

    /** @param javaOpts further options of the daemon's JVM */
    void start(String javaOpts) throws Exception {
        try (Connection c = direct(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS routing_e2e (id bigint PRIMARY KEY, v varchar(40))");
        }
        pair.awaitReplicaCaughtUp(Duration.ofSeconds(20));
        Path config = writeConfig("""
                <replicas maxLag="1s" readAfterWrite="position" whenNoReplica="primary" checkInterval="200ms">
                  <replica name="r1"><jdbcUrl>%s</jdbcUrl></replica>
                </replicas>""".formatted(pair.replica().jdbcUrl()));
        Path agent = Path.of(System.getProperty("poold.test.agent", "target/agents/jmx_prometheus_javaagent.jar"));
        String opts = (Files.isReadable(agent) ? "-javaagent:" + agent + "=127.0.0.1:" + metricsPort + ":"
                + pool.daemon.config.TestFiles.projectRoot().resolve("config/jmx-exporter.yaml") : "") + " " + javaOpts;
        Map<String, String> env = opts.isBlank() ? Map.of() : Map.of("POOLD_JAVA_OPTS", opts.strip());
        daemon = PooldProcess.startReady(work, env, config);
        Hashtable<String, Object> e = new Hashtable<>();
        e.put(Context.INITIAL_CONTEXT_FACTORY, "pool.client.jndi.PooldContextFactory");
        e.put(Context.PROVIDER_URL, "poold://127.0.0.1:" + registryPort);
        e.put(Context.SECURITY_PRINCIPAL, "app");
        e.put(Context.SECURITY_CREDENTIALS, "app-pw");
        jndi = new InitialContext(e);
    }

    /** Writes the daemon's file with the pool's {@code <replicas>} section {@code replicas}; a reload reads it again. */
    Path writeConfig(String replicas) throws Exception {
        Path pw = DaemonFiles.dbPassword(work, pair.primary());
        return Files.writeString(work.resolve("pools.xml"), """
                <poold xmlns="urn:poold:config:1">
                  <daemon><drainTimeout>5s</drainTimeout><rmiRegistryPort>%d</rmiRegistryPort><jmxPort>%d</jmxPort></daemon>
                  <clients><user name="app" hash="%s"/></clients>
                  <jmx><user name="ops" hash="%s" role="monitor"/></jmx>
                  <pool name="orders" driver="%s">
                    <jdbcUrl>%s</jdbcUrl>
                    <user>%s</user>
                    <password>${file:%s}</password>
                    <maxSize>8</maxSize>
                    <borrowTimeout>10s</borrowTimeout>
                    %s
                  </pool>
                </poold>
                """.formatted(registryPort, jmxPort, appHash, opsHash, driver(), pair.primary().jdbcUrl(),
                pair.primary().user(), pw, replicas));
    }

    @AfterEach
    void stop() throws Exception {
        if (jndi != null) {
            jndi.close();
        }
        if (daemon != null) {
            daemon.signal("TERM");
            assertEquals(0, daemon.awaitExit(), daemon.stdout() + daemon.stderr());
        }
    }

    DataSource orders() throws Exception {
        return (DataSource) jndi.lookup("orders");
    }

    JMXConnector jmx() throws Exception {
        return JMXConnectorFactory.connect(new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort
                + "/jmxrmi"), Map.of(JMXConnector.CREDENTIALS, new String[] {"ops", "ops-pw"}));
    }

    static final ObjectName R1 = name("poold:type=Replica,pool=orders,name=r1");
    static final ObjectName POOL = name("poold:type=Pool,name=orders");

    private static ObjectName name(String s) {
        try {
            return new ObjectName(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String state(MBeanServerConnection jmx) {
        try {
            return (String) jmx.getAttribute(R1, "State");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void insert(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO routing_e2e (id, v) VALUES (?, ?)")) {
            ps.setLong(1, id);
            ps.setString(2, "v" + id);
            assertEquals(1, ps.executeUpdate());
        }
    }

    static String read(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT v FROM routing_e2e WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Test
    void remoteClientReadsOnTheReplicaWritesOnThePrimaryAndSeesItsReplicaInJmxPoolctlAndPrometheus()
            throws Exception {
        start();
        DataSource ds = orders();
        try (Connection c = ds.getConnection()) {
            assertTrue(onReplica(c), "a remote autocommit read runs on the replica");
            for (int i = 0; i < 10; i++) {
                long id = IDS.incrementAndGet();
                insert(c, id);
                assertEquals("v" + id, read(c, id), "the remote session reads its own write at once");
            }
        }
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            assertFalse(onReplica(c), "a remote read-write transaction runs on the primary");
            c.commit();
            c.setAutoCommit(true);
            c.setReadOnly(true);
            assertTrue(onReplica(c), "a read-only remote connection reads on the replica");
        }
        try (JMXConnector c = jmx()) {
            MBeanServerConnection jmx = c.getMBeanServerConnection();
            assertEquals("UP", state(jmx));
            assertTrue((Long) jmx.getAttribute(R1, "ReadsServed") >= 2);
            assertEquals(Boolean.TRUE, jmx.getAttribute(R1, "TakingReads"));
        }
        String status = poolctlStatus();
        assertTrue(status.contains("REPLICA") && status.lines().anyMatch(l -> l.startsWith("orders") && l.contains(" r1 ")
                && l.contains("UP")), status);
        if (daemon.stdout().contains("javaagent") || Files.isReadable(Path.of(System.getProperty("poold.test.agent",
                "target/agents/jmx_prometheus_javaagent.jar")))) {
            String body;
            try (var in = java.net.URI.create("http://127.0.0.1:" + metricsPort + "/metrics").toURL().openStream()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            for (String line : List.of("poold_replica_up{pool=\"orders\",replica=\"r1\"} 1.0",
                    "poold_replica_lag_seconds{pool=\"orders\",replica=\"r1\"}",
                    "poold_replica_reads_total{pool=\"orders\",replica=\"r1\"}",
                    "poold_replica_connections_open{pool=\"orders\",replica=\"r1\"}",
                    "# TYPE poold_replica_reads_total counter")) {
                assertTrue(body.contains(line), line + " in\n" + body);
            }
        }
    }

    @Test
    void remoteReadsSkipALaggingReplicaAndFailOverFromAStoppedOneWithNoFailedQuery() throws Exception {
        start();
        DataSource ds = orders();
        try (JMXConnector c = jmx()) {
            MBeanServerConnection jmx = c.getMBeanServerConnection();
            List<String> notifications = new java.util.concurrent.CopyOnWriteArrayList<>();
            jmx.addNotificationListener(POOL, (Notification n, Object h) -> notifications.add(n.getType() + " "
                    + n.getMessage()), null, null);
            until("r1 is UP", Duration.ofSeconds(10), () -> state(jmx).equals("UP"));

            pair.setReplicaDelay(Duration.ofSeconds(5));
            try {
                try (Connection w = direct()) {
                    insert(w, IDS.incrementAndGet());
                }
                until("r1 is LAGGING", Duration.ofSeconds(15), () -> state(jmx).equals("LAGGING"));
                try (Connection r = ds.getConnection()) {
                    assertFalse(onReplica(r), "a lagging replica is skipped");
                }
            } finally {
                pair.setReplicaDelay(Duration.ZERO);
            }
            pair.awaitReplicaCaughtUp(Duration.ofSeconds(30));
            until("r1 is UP again", Duration.ofSeconds(15), () -> state(jmx).equals("UP"));
            try (Connection r = ds.getConnection()) {
                assertTrue(onReplica(r), "caught up, it reads again");
            }

            AtomicBoolean running = new AtomicBoolean(true);
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            AtomicLong reads = new AtomicLong();
            List<Thread> readers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                readers.add(Thread.ofPlatform().start(() -> {
                    while (running.get()) {
                        try (Connection r = ds.getConnection()) {
                            onReplica(r);
                            reads.incrementAndGet();
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }
                }));
            }
            until("the readers read", Duration.ofSeconds(10), () -> reads.get() > 20);
            pair.replica().stop();
            try {
                until("r1 is DOWN", Duration.ofSeconds(10), () -> state(jmx).equals("DOWN"));
                long before = reads.get();
                until("remote reads go on", Duration.ofSeconds(10), () -> reads.get() > before + 20);
            } finally {
                pair.replica().start();
            }
            until("r1 is UP after its restart", Duration.ofSeconds(30), () -> state(jmx).equals("UP"));
            running.set(false);
            for (Thread t : readers) {
                t.join(30_000);
            }
            assertTrue(failures.isEmpty(), () -> failures.size() + " remote reads failed, first: " + failures.peek());
            until("down and up notifications", Duration.ofSeconds(5), () -> notifications.stream()
                    .anyMatch(n -> n.startsWith("poold.replica.up")));
            assertTrue(notifications.stream().anyMatch(n -> n.startsWith("poold.replica.down") && n.contains("r1")),
                    notifications::toString);
        }
        assertTrue(daemon.stdout().contains("replica 'r1' takes no reads"), daemon.stdout());
    }

    /** @return what {@code poolctl status} prints, having checked it exited with 0 */
    String poolctlStatus() throws Exception {
        Path pw = DaemonFiles.secret(work, "ops-password", "ops-pw");
        Path poolctl = PooldProcess.launcher().resolveSibling("poolctl");
        Process ctl = new ProcessBuilder(poolctl.toString(), "--jmx", "127.0.0.1:" + jmxPort, "--user", "ops",
                "--password-file", pw.toString(), "status").redirectErrorStream(true).start();
        String status = new String(ctl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, ctl.waitFor(), status);
        return status;
    }

    static final ObjectName R2 = name("poold:type=Replica,pool=orders,name=r2");

    /** @return the server's id of the session of {@code c}'s primary connection */
    private long primarySession(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false); // a read-write transaction runs on the primary
        long id;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                driver().equals("postgresql") ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()")) {
            rs.next();
            id = rs.getLong(1);
        }
        c.commit();
        c.setAutoCommit(auto);
        return id;
    }

    /** Reloads by SIGHUP and waits for its {@code n}th summary in the daemon's log. */
    private String reload(int n) throws Exception {
        daemon.signal("HUP");
        until("reload " + n + " applied", Duration.ofSeconds(60),
                () -> (daemon.stdout() + daemon.stderr()).split("reloaded: ", -1).length > n);
        String log = daemon.stdout() + daemon.stderr();
        String[] parts = log.split("reloaded: ", -1);
        return parts[n].lines().findFirst().orElse("");
    }

    /**
     * A reload that adds a replica, changes the section's settings, and then removes a replica
     * changes the pool in place while clients borrow all along: no client sees an error, a
     * connection held across both reloads keeps its primary session (the primary's pool was not
     * replaced and drained) and reads on a replica still there, and the Replica MBeans follow
     * the replicas. It used to replace the whole pool, draining every connection.
     */
    @Test
    void aReloadChangingTheReplicasKeepsThePoolsConnectionsWhileClientsBorrow() throws Exception {
        start();
        DataSource ds = orders();
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicLong rounds = new AtomicLong();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            clients.add(Thread.ofPlatform().daemon().start(() -> {
                while (!stop.get()) {
                    try (Connection c = ds.getConnection()) {
                        long id = IDS.incrementAndGet();
                        insert(c, id);
                        assertEquals("v" + id, read(c, id));
                        onReplica(c);
                        rounds.incrementAndGet();
                    } catch (Throwable e) {
                        failures.add(e);
                        return;
                    }
                }
            }));
        }
        try (Connection held = ds.getConnection(); JMXConnector j = jmx()) {
            MBeanServerConnection jmx = j.getMBeanServerConnection();
            assertTrue(onReplica(held));
            long session = primarySession(held);
            long before = rounds.get();
            until("clients borrow", Duration.ofSeconds(30), () -> rounds.get() > before + 5);

            writeConfig("""
                    <replicas maxLag="2s" readAfterWrite="position" whenNoReplica="primary" checkInterval="300ms">
                      <replica name="r1"><jdbcUrl>%s</jdbcUrl></replica>
                      <replica name="r2"><jdbcUrl>%s</jdbcUrl></replica>
                    </replicas>""".formatted(pair.replica().jdbcUrl(), pair.replica().jdbcUrl()));
            String first = reload(1);
            assertTrue(first.contains("retuned [orders]") && first.contains("replaced []"), first);
            until("r2 has its MBean and takes reads", Duration.ofSeconds(30),
                    () -> jmx.isRegistered(R2) && "UP".equals(jmx.getAttribute(R2, "State")));
            assertEquals("UP", state(jmx), "r1 stayed, UP");
            assertEquals(session, primarySession(held), "the held connection keeps its primary session");
            // (its session-id query counted as a write: reads wait until a replica has replayed it)
            until("the held connection reads on a replica", Duration.ofSeconds(10), () -> onReplica(held));

            writeConfig("""
                    <replicas maxLag="2s" readAfterWrite="position" whenNoReplica="primary" checkInterval="300ms">
                      <replica name="r2"><jdbcUrl>%s</jdbcUrl></replica>
                    </replicas>""".formatted(pair.replica().jdbcUrl()));
            String second = reload(2);
            assertTrue(second.contains("retuned [orders]") && second.contains("replaced []"), second);
            until("r1's MBean is gone", Duration.ofSeconds(30), () -> !jmx.isRegistered(R1));
            assertTrue(jmx.isRegistered(R2));
            String status = poolctlStatus();
            assertTrue(status.lines().anyMatch(l -> l.startsWith("orders") && l.contains(" r2 ")), status);
            assertTrue(status.lines().noneMatch(l -> l.contains(" r1 ")), "r1 left poolctl's view: " + status);
            assertEquals(session, primarySession(held), "its primary session still the same");
            until("the held connection's reads went on to r2", Duration.ofSeconds(10), () -> onReplica(held));
            // A pool replaced by a reload drains: what is still borrowed from it is closed after
            // the drainTimeout (5 s). Kept in place, the held connection outlives it.
            Thread.sleep(6_000);
            assertEquals(session, primarySession(held), "the held connection outlived the drainTimeout");
            long after = rounds.get();
            until("clients borrow on", Duration.ofSeconds(30), () -> rounds.get() > after + 5);
        } catch (Throwable e) {
            throw new AssertionError("daemon log:\n" + daemon.stdout() + daemon.stderr(), e);
        } finally {
            stop.set(true);
            for (Thread t : clients) {
                t.join(60_000);
            }
        }
        assertEquals(List.of(), List.copyOf(failures), "no client saw an error");
        try (JMXConnector j = jmx()) {
            assertEquals(1, ((List<?>) List.of(j.getMBeanServerConnection().queryNames(
                    new ObjectName("poold:type=Replica,pool=orders,*"), null).toArray())).size(),
                    "one Replica MBean, r2's");
        }
    }
}
