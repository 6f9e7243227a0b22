package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.Attribute;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pool.remote.PasswordHash;

/**
 * The attacks of an outside review on the JMX connector of the packaged daemon, in its
 * own process: a pool client user, a monitor user and an operate user each try what the
 * review did (load an agent, dump the heap, silence the logs, read and change what they
 * should not) and are refused; what each role may do still works, and is logged.
 */
class PooldJmxProcessTest {

    private static final ObjectName POOL = name("poold:type=Pool,name=a");
    private static final ObjectName DIAGNOSTIC_COMMAND = name("com.sun.management:type=DiagnosticCommand");
    private static final ObjectName HOTSPOT_DIAGNOSTIC = name("com.sun.management:type=HotSpotDiagnostic");
    private static final ObjectName LOGGING = name("java.util.logging:type=Logging");
    private static final ObjectName RUNTIME = name("java.lang:type=Runtime");
    /** Beans the daemon's JVM holds beside poold's: none may be reached over JMX. */
    private static final List<ObjectName> JVM_BEANS = List.of(RUNTIME, DIAGNOSTIC_COMMAND, HOTSPOT_DIAGNOSTIC, LOGGING,
            name("java.lang:type=Memory"), name("java.lang:type=Threading"), name("java.lang:type=ClassLoading"),
            name("java.lang:type=OperatingSystem"), name("java.lang:type=Compilation"),
            name("java.nio:type=BufferPool,name=direct"), name("jdk.management.jfr:type=FlightRecorder"),
            name("JMImplementation:type=MBeanServerDelegate"));

    /** Shared by every test: one daemon serves the attacks that leave it as it was. */
    @TempDir
    static Path work;

    private static PooldProcess daemon;
    private static int jmxPort;

    private static ObjectName name(String s) {
        try {
            return new ObjectName(s);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Each password's hash, made once: a new hash (another salt) would count as another password. */
    private static final Map<String, String> HASHES = new java.util.concurrent.ConcurrentHashMap<>();

    private static String hash(String password) {
        return HASHES.computeIfAbsent(password,
                pw -> PasswordHash.create(pw.toCharArray(), PasswordHash.MIN_ITERATIONS).encoded());
    }

    /** A configuration with client user app (of pool a), and JMX users ops (operate) and grafana (monitor). */
    private static Path config(String file, int registryPort, int jmx, String jmxUsers) throws IOException {
        return Files.writeString(work.resolve(file), """
                <poold xmlns="urn:poold:config:1">
                  <daemon><drainTimeout>5s</drainTimeout><rmiRegistryPort>%d</rmiRegistryPort><jmxPort>%d</jmxPort></daemon>
                  <clients><user name="app" hash="%s"/></clients>
                  <jmx>%s</jmx>
                  <pool name="a" driver="h2" h2Admin="deliberate"><jdbcUrl>jdbc:h2:mem:a</jdbcUrl><maxSize>3</maxSize><clientUsers>app</clientUsers></pool>
                </poold>
                """.formatted(registryPort, jmx, hash("app-pw"), jmxUsers));
    }

    private static String jmxUser(String name, String password, String role) {
        return "<user name=\"" + name + "\" hash=\"" + hash(password) + "\" role=\"" + role + "\"/>";
    }

    private static final String OPS_AND_GRAFANA = jmxUser("ops", "ops-pw", "operate")
            + jmxUser("grafana", "grafana-pw", "monitor");

    @BeforeAll
    static void startDaemon() throws Exception {
        jmxPort = FreePorts.loopback();
        Path file = config("pools.xml", FreePorts.loopback(), jmxPort, OPS_AND_GRAFANA);
        daemon = PooldProcess.start(work, Map.of(), "--config", file.toString());
        assertTrue(daemon.awaitOutput("poold ready", 60), daemon.stdout() + daemon.stderr());
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        daemon.signal("TERM");
        assertEquals(Main.EXIT_OK, daemon.awaitExit(), daemon.stdout() + daemon.stderr());
    }

    private static JMXConnector connect(int port, String user, String password) throws IOException {
        return JMXConnectorFactory.connect(new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi"),
                Map.of(JMXConnector.CREDENTIALS, new String[] {user, password}));
    }

    private JMXConnector connect(String user, String password) throws IOException {
        return connect(jmxPort, user, password);
    }

    @Test
    void aPoolClientUserCannotLogInToJmx() throws Exception {
        SecurityException e = assertThrows(SecurityException.class, () -> connect("app", "app-pw"));
        assertEquals("wrong user name or password", e.getMessage());
        assertTrue(daemon.awaitOutput("failed JMX login as user app", 10), daemon.stdout());
    }

    @ParameterizedTest
    @ValueSource(strings = {"grafana", "ops"})
    void noJmxUserReachesTheJvmsOwnBeansWhateverItsRole(String user) throws Exception {
        Path heap = work.resolve(user + "-heap.hprof");
        try (JMXConnector c = connect(user, user + "-pw")) {
            MBeanServerConnection jmx = c.getMBeanServerConnection();
            // Code in the daemon: a native agent loaded through the diagnostic command.
            assertThrows(InstanceNotFoundException.class, () -> jmx.invoke(DIAGNOSTIC_COMMAND, "jvmtiAgentLoad",
                    new Object[] {new String[] {work.resolve("agent.so").toString()}},
                    new String[] {String[].class.getName()}));
            // Every pool's password and every client's ticket: a heap dump.
            assertThrows(InstanceNotFoundException.class, () -> jmx.invoke(HOTSPOT_DIAGNOSTIC, "dumpHeap",
                    new Object[] {heap.toString(), true}, new String[] {"java.lang.String", "boolean"}));
            // The audit trail: logging turned off.
            assertThrows(InstanceNotFoundException.class, () -> jmx.invoke(LOGGING, "setLoggerLevel",
                    new Object[] {"", "OFF"}, new String[] {"java.lang.String", "java.lang.String"}));
            for (ObjectName hidden : JVM_BEANS) {
                assertFalse(jmx.isRegistered(hidden), hidden.toString());
                assertThrows(InstanceNotFoundException.class, () -> jmx.getMBeanInfo(hidden), hidden.toString());
            }
            assertThrows(InstanceNotFoundException.class, () -> jmx.getAttribute(RUNTIME, "InputArguments"));
            assertThrows(InstanceNotFoundException.class, () -> jmx.setAttribute(name("java.lang:type=Threading"),
                    new Attribute("ThreadCpuTimeEnabled", false)));
            // What a session sees: the poold domain, nothing else.
            assertArrayEquals(new String[] {"poold"}, jmx.getDomains());
            assertEquals(java.util.Set.of(POOL, name("poold:type=Daemon")), jmx.queryNames(null, null));
            assertEquals(2, jmx.getMBeanCount());
            // Nobody adds, replaces or removes beans.
            SecurityException create = assertThrows(SecurityException.class,
                    () -> jmx.createMBean("javax.management.timer.Timer", name("poold:type=Timer")));
            assertTrue(create.getMessage().contains("does not offer createMBean"), create.getMessage());
            assertThrows(SecurityException.class, () -> jmx.unregisterMBean(POOL));
            assertTrue(jmx.isRegistered(POOL));
        }
        assertFalse(Files.exists(heap), "no heap dump was written");
        assertTrue(daemon.stdout().lines().noneMatch(l -> l.contains("jvmtiAgentLoad") || l.contains("dumpHeap")),
                daemon.stdout());
    }

    @Test
    void aMonitorUserReadsButEveryChangeIsRefusedWithTheRoleItNeeds() throws Exception {
        try (JMXConnector c = connect("grafana", "grafana-pw")) {
            MBeanServerConnection jmx = c.getMBeanServerConnection();
            Object maxSize = jmx.getAttribute(POOL, "MaxSize");
            assertEquals(0, ((Object[]) jmx.invoke(POOL, "leakSuspects", new Object[0], new String[0])).length);
            SecurityException resize = assertThrows(SecurityException.class,
                    () -> jmx.invoke(POOL, "resize", new Object[] {0, 9}, new String[] {"int", "int"}));
            assertEquals("JMX user 'grafana' has role monitor, which only reads: invoking resize on"
                    + " poold:type=Pool,name=a needs role operate", resize.getMessage());
            SecurityException set = assertThrows(SecurityException.class,
                    () -> jmx.setAttribute(POOL, new Attribute("MaxSize", 9)));
            assertTrue(set.getMessage().endsWith("setting MaxSize of poold:type=Pool,name=a needs role operate"),
                    set.getMessage());
            assertThrows(SecurityException.class, () -> jmx.invoke(name("poold:type=Daemon"), "reload",
                    new Object[0], new String[0]));
            assertThrows(SecurityException.class, () -> jmx.setAttributes(POOL,
                    new javax.management.AttributeList(java.util.List.of(new Attribute("MaxSize", 9)))));
            assertThrows(SecurityException.class, () -> jmx.invoke(POOL, "softEvict", null, null),
                    "an operation without parameters, its signature left null");
            assertThrows(SecurityException.class, () -> jmx.invoke(POOL, "getMaxSize", new Object[0], new String[0]),
                    "a getter named as an operation");
            assertEquals(maxSize, jmx.getAttribute(POOL, "MaxSize"), "nothing changed");
        }
        assertTrue(daemon.awaitOutput("JMX user grafana (role monitor) from 127.0.0.1 was refused: invoking resize on"
                + " poold:type=Pool,name=a needs role operate", 10), daemon.stdout());
    }

    @Test
    void anOperateUserResizesAndTheLogSaysWhoFromWhereAndTheValuesBeforeAndAfter() throws Exception {
        try (JMXConnector c = connect("ops", "ops-pw")) {
            MBeanServerConnection jmx = c.getMBeanServerConnection();
            int minIdle = (Integer) jmx.getAttribute(POOL, "MinIdle");
            int maxSize = (Integer) jmx.getAttribute(POOL, "MaxSize");
            jmx.invoke(POOL, "resize", new Object[] {1, maxSize + 1}, new String[] {"int", "int"});
            assertEquals(maxSize + 1, jmx.getAttribute(POOL, "MaxSize"));
            assertTrue(daemon.awaitOutput("INFO poold.jmx.audit: JMX user ops from 127.0.0.1 invoked resize(1, "
                    + (maxSize + 1) + ") on poold:type=Pool,name=a: MinIdle " + minIdle + " -> 1, MaxSize " + maxSize
                    + " -> " + (maxSize + 1), 10), daemon.stdout());
            jmx.setAttribute(POOL, new Attribute("MaxSize", maxSize + 2));
            assertTrue(daemon.awaitOutput("JMX user ops from 127.0.0.1 set MaxSize of poold:type=Pool,name=a: "
                    + (maxSize + 1) + " -> " + (maxSize + 2), 10), daemon.stdout());
        }
    }

    /**
     * The attacks of a logged-in monitor user on the daemon's heap and threads: a thousand
     * subscriptions to one bean per call (a few KiB each; repeated, they stopped the daemon
     * with an OutOfMemoryError in 17 s); fetches of every kept notification once per
     * subscription (six sessions stopped it in one fetch each); logins kept open (a
     * platform thread each).
     */
    @Test
    void aMonitorUserCannotRunTheHeapOutWithSubscriptionsNorOpenSessionsWithoutEnd() throws Exception {
        javax.management.remote.rmi.RMIServer server = (javax.management.remote.rmi.RMIServer)
                java.rmi.registry.LocateRegistry.getRegistry("127.0.0.1", jmxPort).lookup("jmxrmi");
        List<javax.management.remote.rmi.RMIConnection> sessions = new ArrayList<>();
        try {
            javax.management.remote.rmi.RMIConnection flood = server.newClient(new String[] {"grafana", "grafana-pw"});
            sessions.add(flood);
            ObjectName[] thousand = new ObjectName[1000];
            java.util.Arrays.fill(thousand, POOL);
            SecurityException refused = assertThrows(SecurityException.class,
                    () -> flood.addNotificationListeners(thousand, new java.rmi.MarshalledObject<?>[1000], null));
            assertTrue(refused.getMessage().contains("a session holds at most 16 notification subscriptions to one"
                    + " bean"), refused.getMessage());
            ObjectName[] sixteen = java.util.Arrays.copyOf(thousand, 16);
            flood.addNotificationListeners(sixteen, new java.rmi.MarshalledObject<?>[16], null);
            long start = flood.fetchNotifications(-1, 0, 0).getNextSequenceNumber();
            try (JMXConnector ops = connect("ops", "ops-pw")) {
                for (int i = 0; i < 60; i++) {
                    ops.getMBeanServerConnection().invoke(POOL, "suspend", null, null);
                    ops.getMBeanServerConnection().invoke(POOL, "resume", null, null);
                }
            }
            var fetched = flood.fetchNotifications(start, Integer.MAX_VALUE, 10_000);
            assertEquals(100 * 16, fetched.getTargetedNotifications().length, "a hundred notifications, each 16 times");

            while (sessions.size() < 32) {
                sessions.add(server.newClient(new String[] {"grafana", "grafana-pw"}));
            }
            SecurityException more = assertThrows(SecurityException.class,
                    () -> server.newClient(new String[] {"grafana", "grafana-pw"}));
            assertTrue(more.getMessage().startsWith("JMX user 'grafana' has 32 sessions open"), more.getMessage());
            try (JMXConnector c = connect("ops", "ops-pw")) {
                assertTrue(c.getMBeanServerConnection().isRegistered(POOL), "the daemon serves another user");
            }
        } finally {
            for (var c : sessions) {
                c.close();
            }
        }
        assertTrue(daemon.awaitOutput("JMX user grafana was refused a session: 32 are open", 10), daemon.stdout());
        try (JMXConnector c = connect("grafana", "grafana-pw")) {
            assertTrue(c.getMBeanServerConnection().isRegistered(POOL), "closed sessions make room");
        }
    }

    /**
     * The attack of an operate user: a value the serial filter admits (a list) that takes
     * forever to print, six levels of 25 references (about 1 KiB). The JDK's refusal of a
     * value of the wrong type printed it, and the daemon stopped with an OutOfMemoryError.
     */
    @Test
    void anOperateUsersValueThatWouldTakeForeverToPrintIsRefusedByItsClassAndTheDaemonServes() throws Exception {
        Object nested = "x";
        for (int level = 0; level < 6; level++) {
            nested = new ArrayList<>(java.util.Collections.nCopies(25, nested));
        }
        Attribute huge = new Attribute("MaxSize", nested);
        try (JMXConnector c = connect("ops", "ops-pw")) {
            MBeanServerConnection jmx = c.getMBeanServerConnection();
            var e = assertThrows(javax.management.RuntimeOperationsException.class, () -> jmx.setAttribute(POOL, huge));
            assertEquals("poold's beans take strings, numbers and booleans: the value of MaxSize is a"
                    + " java.util.ArrayList", e.getMessage());
            assertTrue(jmx.isRegistered(POOL), "the daemon serves");
        }
        assertTrue(daemon.awaitOutput("JMX user ops from 127.0.0.1 was refused: poold's beans take strings, numbers"
                + " and booleans: the value of MaxSize is a java.util.ArrayList", 10), daemon.stdout());
    }

    @Test
    void aClassOutsideTheSerialFilterIsRefusedAndLogged() throws Exception {
        try (JMXConnector c = connect("ops", "ops-pw")) {
            MBeanServerConnection jmx = c.getMBeanServerConnection();
            IOException e = assertThrows(IOException.class, () -> jmx.invoke(POOL, "resize",
                    new Object[] {new AtomicInteger(0), 1}, new String[] {"int", "int"}));
            assertTrue(String.valueOf(e.getMessage()).contains("REJECTED"), e.toString());
        }
        assertTrue(daemon.awaitOutput("serialization rejected: class java.util.concurrent.atomic.AtomicInteger", 10),
                daemon.stdout());
    }

    @Test
    void poolctlAsAMonitorUserShowsStatusAndExits1OnResizeWithTheDaemonsRefusal() throws Exception {
        Path pw = Files.writeString(work.resolve("grafana.pw"), "grafana-pw\n");
        List<String> login = List.of("--jmx", "127.0.0.1:" + jmxPort, "--user", "grafana", "--password-file",
                pw.toString());
        Ctl status = poolctl(login, "status");
        assertEquals(0, status.code(), status.output());
        assertTrue(status.output().lines().anyMatch(l -> l.startsWith("a ") && l.contains("RUNNING")), status.output());
        Ctl resize = poolctl(login, "resize", "a", "0", "2");
        assertEquals(1, resize.code(), resize.output());
        assertTrue(resize.output().contains("poolctl: the daemon refused: JMX user 'grafana' has role monitor"),
                resize.output());
    }

    private record Ctl(int code, String output) {
    }

    private static Ctl poolctl(List<String> login, String... command) throws Exception {
        List<String> args = new ArrayList<>();
        args.add(PooldProcess.launcher().resolveSibling("poolctl").toString());
        args.addAll(login);
        args.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(args).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process ctl = pb.start();
        String output = new String(ctl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Ctl(ctl.waitFor(), output);
    }

    @Test
    void aReloadThatRemovesAUserOrChangesARoleAppliesToOpenSessionsAtTheirNextRequest() throws Exception {
        int registry = FreePorts.loopback();
        int port = FreePorts.loopback();
        Path file = config("reload.xml", registry, port, OPS_AND_GRAFANA);
        try (PooldProcess p = PooldProcess.start(work, Map.of(), "--config", file.toString())) {
            assertTrue(p.awaitOutput("poold ready", 60), p.stdout() + p.stderr());
            try (JMXConnector ops = connect(port, "ops", "ops-pw");
                 JMXConnector grafana = connect(port, "grafana", "grafana-pw")) {
                MBeanServerConnection asOps = ops.getMBeanServerConnection();
                MBeanServerConnection asGrafana = grafana.getMBeanServerConnection();
                asOps.invoke(POOL, "resize", new Object[] {0, 4}, new String[] {"int", "int"});
                assertEquals(4, asGrafana.getAttribute(POOL, "MaxSize"));
                var toOps = new java.util.concurrent.LinkedBlockingQueue<javax.management.Notification>();
                var toGrafana = new java.util.concurrent.LinkedBlockingQueue<javax.management.Notification>();
                asOps.addNotificationListener(name("poold:type=Daemon"), (n, h) -> toOps.add(n), null, null);
                asGrafana.addNotificationListener(name("poold:type=Daemon"), (n, h) -> toGrafana.add(n), null, null);

                // grafana goes, ops stays with the same password but role monitor.
                config("reload.xml", registry, port, jmxUser("ops", "ops-pw", "monitor"));
                p.signal("HUP");
                assertTrue(p.awaitOutput("reloaded: no pool changed", 30), p.stdout());
                assertTrue(p.awaitOutput("closed 1 JMX session(s) of users the reload removed or gave another"
                        + " password", 10), p.stdout());

                var reloaded = toOps.poll(30, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals("poold.config.reloaded", reloaded == null ? null : reloaded.getType());
                assertThrows(IOException.class, () -> asGrafana.getAttribute(POOL, "MaxSize"), "grafana's session is closed");
                assertEquals(List.of(), List.copyOf(toGrafana), "no notification after the reload");
                SecurityException demoted = assertThrows(SecurityException.class,
                        () -> asOps.invoke(POOL, "resize", new Object[] {0, 5}, new String[] {"int", "int"}));
                assertTrue(demoted.getMessage().contains("has role monitor"), demoted.getMessage());
                assertEquals(4, asOps.getAttribute(POOL, "MaxSize"), "ops still reads");
            }
            assertThrows(SecurityException.class, () -> connect(port, "grafana", "grafana-pw"));
            p.signal("TERM");
            assertEquals(Main.EXIT_OK, p.awaitExit(), p.stdout() + p.stderr());
        }
    }

    /** Borrows from pool a as its client user and runs a statement, so that the daemon holds a connection. */
    private static java.sql.Connection borrowFromA(int registryPort) throws Exception {
        java.util.Hashtable<String, Object> env = new java.util.Hashtable<>();
        env.put(javax.naming.Context.INITIAL_CONTEXT_FACTORY, "pool.client.jndi.PooldContextFactory");
        env.put(javax.naming.Context.PROVIDER_URL, "poold://127.0.0.1:" + registryPort);
        env.put(javax.naming.Context.SECURITY_PRINCIPAL, "app");
        env.put(javax.naming.Context.SECURITY_CREDENTIALS, "app-pw");
        javax.sql.DataSource ds = (javax.sql.DataSource) new javax.naming.InitialContext(env).lookup("a");
        java.sql.Connection c = ds.getConnection();
        c.createStatement().execute("select 1");
        return c;
    }

    private static javax.management.Notification next(java.util.concurrent.BlockingQueue<javax.management.Notification> q,
                                                      String type) throws InterruptedException {
        for (;;) {
            javax.management.Notification n = q.poll(30, java.util.concurrent.TimeUnit.SECONDS);
            if (n == null || n.getType().equals(type)) {
                return n;
            }
        }
    }

    @Test
    void aRemoteListenerGetsEachNotificationsFiguresAndKeepsItsSubscriptionWhenAReloadReplacesThePool()
            throws Exception {
        int registry = FreePorts.loopback();
        int port = FreePorts.loopback();
        Path file = config("replace.xml", registry, port, OPS_AND_GRAFANA);
        try (PooldProcess p = PooldProcess.start(work, Map.of(), "--config", file.toString())) {
            assertTrue(p.awaitOutput("poold ready", 60), p.stdout() + p.stderr());
            try (JMXConnector ops = connect(port, "ops", "ops-pw");
                 JMXConnector grafana = connect(port, "grafana", "grafana-pw")) {
                MBeanServerConnection asOps = ops.getMBeanServerConnection();
                var seen = new java.util.concurrent.LinkedBlockingQueue<javax.management.Notification>();
                grafana.getMBeanServerConnection().addNotificationListener(POOL, (n, h) -> seen.add(n), null, null);

                asOps.setAttribute(POOL, new Attribute("LeakThresholdMillis", 1L));
                try (java.sql.Connection held = borrowFromA(registry)) {
                    asOps.invoke(POOL, "runReaperNow", new Object[0], new String[0]);
                    javax.management.Notification leak = next(seen, "poold.leak.suspected");
                    assertTrue(leak != null, "a leak notification");
                    var data = (javax.management.openmbean.CompositeData) leak.getUserData();
                    assertEquals("a", data.get("pool"));
                    assertTrue((Long) data.get("heldMillis") >= 1, data.toString());
                    assertTrue(leak.getMessage().contains("connection " + data.get("connection") + " of pool 'a'"),
                            leak.getMessage());
                }

                // Another database URL: the reload replaces pool a with a new pool of that name.
                Files.writeString(file, Files.readString(file).replace("jdbc:h2:mem:a<", "jdbc:h2:mem:a2<"));
                p.signal("HUP");
                assertTrue(p.awaitOutput("replaced [a]", 30), p.stdout());
                asOps.setAttribute(POOL, new Attribute("LeakThresholdMillis", 1L));
                try (java.sql.Connection held = borrowFromA(registry)) {
                    asOps.invoke(POOL, "runReaperNow", new Object[0], new String[0]);
                    assertTrue(next(seen, "poold.leak.suspected") != null,
                            "the new pool's notification reaches the subscription made before the reload");
                }
            }
            p.signal("TERM");
            assertEquals(Main.EXIT_OK, p.awaitExit(), p.stdout() + p.stderr());
        }
    }
}
