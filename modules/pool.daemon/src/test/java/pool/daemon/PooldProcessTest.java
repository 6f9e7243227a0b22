package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import pool.daemon.config.TestFiles;
import pool.remote.PasswordHash;

/** The command line of the packaged daemon: exit codes and messages, as systemd and operators see them. */
class PooldProcessTest {

    @TempDir
    Path work;

    static Stream<Path> brokenFiles() throws IOException {
        return TestFiles.brokenConfigs().stream();
    }

    @ParameterizedTest
    @MethodSource("brokenFiles")
    void checkConfigRefusesABrokenFileWithExit78NamingTheLine(Path file) throws Exception {
        PooldProcess p = PooldProcess.run(work, "--check-config", file.toString());
        int line = TestFiles.markedErrorLine(file);
        assertEquals(Main.EXIT_CONFIG, p.exitCode(), p.stderr());
        assertTrue(p.stderr().startsWith(file + ":" + line + ":"),
                "expected a message for line " + line + ", got: " + p.stderr());
    }

    @Test
    void checkConfigAcceptsTheDefaultConfiguration() throws Exception {
        Path file = TestFiles.projectRoot().resolve("config/pools.xml");
        PooldProcess p = PooldProcess.run(work, "--check-config", file.toString());
        assertEquals(Main.EXIT_OK, p.exitCode(), p.stderr());
        assertTrue(p.stdout().contains("configuration is valid (1 pool: demo)"), p.stdout());
    }

    @Test
    void aJdbcUrlTheInstalledDriverCannotReadIsSaidSoAndItsPasswordNeverShown() throws Exception {
        Path file = java.nio.file.Files.writeString(work.resolve("urls.xml"), """
                <poold xmlns="urn:poold:config:1">
                  <pool name="info" driver="postgresql">
                    <jdbcUrl>jdbc:postgresql://app:Hunter2-in-url@127.0.0.1:5432/shop</jdbcUrl>
                  </pool>
                  <pool name="port" driver="postgresql">
                    <jdbcUrl>jdbc:postgresql://127.0.0.1:99999/shop</jdbcUrl>
                  </pool>
                  <pool name="maria" driver="mariadb">
                    <jdbcUrl>jdbc:mariadb://app:Hunter2-in-url@127.0.0.1/shop</jdbcUrl>
                  </pool>
                </poold>
                """);
        PooldProcess p = PooldProcess.run(work, "--check-config", file.toString());
        assertEquals(Main.EXIT_CONFIG, p.exitCode(), p.stdout() + p.stderr());
        // pgjdbc is installed: the URL is what to fix, not the drivers folder.
        assertEquals(java.util.List.of(
                file + ":3:14: pool 'info': jdbcUrl holds a user and password (//user:password@host), which the"
                        + " postgresql driver does not read: put them in <user> and <password> (the password as"
                        + " ${credential:NAME}, ${file:/path} or ${env:NAME})",
                file + ":6:14: pool 'port': jdbcUrl is not a URL the installed postgresql driver can read: write it as"
                        + " jdbc:postgresql://HOST:PORT/DATABASE (the port a number from 1 to 65535), and the user and"
                        + " password in <user> and <password>",
                file + ":9:14: pool 'maria': jdbcUrl holds a user and password (//user:password@host), which the"
                        + " mariadb driver does not read: put them in <user> and <password> (the password as"
                        + " ${credential:NAME}, ${file:/path} or ${env:NAME})",
                "poold: " + file + ": configuration is invalid"), p.stderr().lines().toList());
        assertTrue(!(p.stdout() + p.stderr()).contains("Hunter2"), p.stdout() + p.stderr());
    }

    @Test
    void missingConfigurationFileExits78() throws Exception {
        PooldProcess p = PooldProcess.run(work, "--check-config", work.resolve("absent.xml").toString());
        assertEquals(Main.EXIT_CONFIG, p.exitCode());
        assertTrue(p.stderr().contains("absent.xml: configuration file not found or not readable"), p.stderr());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--frobnicate", "--config", "--check-config a.xml b.xml", "--version extra",
            "--help --config"})
    void usageErrorsExit64(String args) throws Exception {
        PooldProcess p = PooldProcess.run(work, args.isEmpty() ? new String[0] : args.split(" "));
        assertEquals(Main.EXIT_USAGE, p.exitCode(), p.stderr());
        assertTrue(p.stderr().contains("usage: poold"), p.stderr());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--hash-password", "hash-password"})
    void hashPasswordReadsStdinAndPrintsAVerifiableHash(String command) throws Exception {
        try (PooldProcess p = PooldProcess.start(work, Map.of(), command)) {
            p.input("s3cret\n");
            assertEquals(Main.EXIT_OK, p.awaitExit(), p.stderr());
            String stored = p.stdout().strip();
            assertTrue(PasswordHash.parse(stored).matches("s3cret".toCharArray()), stored);
        }
    }

    @Test
    void helpExits0() throws Exception {
        PooldProcess p = PooldProcess.run(work, "--help");
        assertEquals(Main.EXIT_OK, p.exitCode());
        assertTrue(p.stdout().contains("--check-config FILE"), p.stdout());
    }

    @Test
    void versionNamesTheReleaseTheProtocolAndTheJavaAndExits0() throws Exception {
        PooldProcess p = PooldProcess.run(work, "--version");
        assertEquals(Main.EXIT_OK, p.exitCode(), p.stderr());
        assertTrue(p.stdout().matches("poold \\d+\\.\\d+\\.\\d+\\S* \\(remote protocol "
                + pool.protocol.Protocol.VERSION + ", Java 25[^)]*\\)\n"), p.stdout());
        assertEquals("", p.stderr());
    }
    // ---- need the engine (pool.engine.Pools) ----

    private final int registryPort = FreePorts.loopback();
    private final int jmxPort = FreePorts.loopback();

    private Path config(String pools) throws IOException {
        return java.nio.file.Files.writeString(work.resolve("pools.xml"),
                "<poold xmlns=\"urn:poold:config:1\">\n<daemon><drainTimeout>5s</drainTimeout><rmiRegistryPort>"
                        + registryPort + "</rmiRegistryPort><jmxPort>" + jmxPort + "</jmxPort></daemon>\n"
                        + pools + "\n</poold>\n");
    }

    @Test
    void defaultConfigurationStartsPublishesItsDemoPoolAndSigtermExitsZero() throws Exception {
        // The shipped file as it is, on free ports: a poold already running here must not matter.
        String shipped = java.nio.file.Files.readString(TestFiles.projectRoot().resolve("config/pools.xml"));
        assertTrue(shipped.contains("<rmiRegistryPort>1099</rmiRegistryPort>"), "the default registry port");
        int shippedJmxPort = FreePorts.loopback();
        Path file = java.nio.file.Files.writeString(work.resolve("default-pools.xml"), shipped
                .replace("<rmiRegistryPort>1099<", "<rmiRegistryPort>" + registryPort + "<")
                .replace("<jmxPort>9010<", "<jmxPort>" + shippedJmxPort + "<"));
        try (PooldProcess p = PooldProcess.start(work, Map.of(), "--config", file.toString())) {
            assertTrue(p.awaitOutput("poold ready", 60), p.stdout() + p.stderr());
            assertTrue(p.stdout().contains("pool 'demo' started: h2 jdbc:h2:mem:demo"), p.stdout());
            assertTrue(p.stdout().contains("published pool demo as pools/demo"), p.stdout());

            // What the file's comment promises: user demo, password demo, through JNDI.
            java.util.Hashtable<String, Object> env = new java.util.Hashtable<>();
            env.put(javax.naming.Context.INITIAL_CONTEXT_FACTORY, "pool.client.jndi.PooldContextFactory");
            env.put(javax.naming.Context.PROVIDER_URL, "poold://127.0.0.1:" + registryPort);
            env.put(javax.naming.Context.SECURITY_PRINCIPAL, "demo");
            env.put(javax.naming.Context.SECURITY_CREDENTIALS, "demo");
            javax.naming.Context ctx = new javax.naming.InitialContext(env);
            try {
                javax.sql.DataSource ds = (javax.sql.DataSource) ctx.lookup("demo");
                try (java.sql.Connection c = ds.getConnection(); java.sql.Statement s = c.createStatement();
                     java.sql.ResultSet rs = s.executeQuery("select 6 * 7")) {
                    assertTrue(rs.next());
                    assertEquals(42, rs.getInt(1));
                }
            } finally {
                ctx.close();
            }
            // And the demo JMX user: "ops", password "ops", who may change the pool; the
            // demo client user has no JMX access.
            var url = new javax.management.remote.JMXServiceURL(
                    "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + shippedJmxPort + "/jmxrmi");
            try (var c = javax.management.remote.JMXConnectorFactory.connect(url,
                    Map.of(javax.management.remote.JMXConnector.CREDENTIALS, new String[] {"ops", "ops"}))) {
                var demo = new javax.management.ObjectName("poold:type=Pool,name=demo");
                c.getMBeanServerConnection().invoke(demo, "resize", new Object[] {2, 11}, new String[] {"int", "int"});
                assertEquals(11, c.getMBeanServerConnection().getAttribute(demo, "MaxSize"));
                c.getMBeanServerConnection().addNotificationListener(demo, (n, h) -> { }, null, null);
                // What the README promises: with a pool client and a JMX session open, the
                // daemon listens on the registry port and the JMX port, on 127.0.0.1, and on
                // nothing else (no port of an object RMI exported on its own).
                assertEquals(java.util.Set.of("127.0.0.1:" + registryPort, "127.0.0.1:" + shippedJmxPort),
                        listening(p.pid()));
            }
            org.junit.jupiter.api.Assertions.assertThrows(SecurityException.class,
                    () -> javax.management.remote.JMXConnectorFactory.connect(url, Map.of(
                            javax.management.remote.JMXConnector.CREDENTIALS, new String[] {"demo", "demo"})));

            p.signal("TERM");

            assertEquals(Main.EXIT_OK, p.awaitExit(), p.stdout() + p.stderr());
            assertTrue(p.stdout().contains("poold stopped"), p.stdout());
            assertTrue(p.stdout().lines().allMatch(l -> l.matches("\\S+Z (INFO|WARNING|ERROR|DEBUG) poold[.\\w]*: .*")),
                    "one line per event, no stack traces: " + p.stdout());
        }
    }

    /**
     * @return every address:port the process {@code pid} listens on (TCP), from its socket
     *         descriptors and /proc/net/tcp and tcp6; an IPv4-mapped IPv6 address as IPv4
     */
    static java.util.Set<String> listening(long pid) throws IOException {
        java.util.Set<String> inodes = new java.util.HashSet<>();
        try (var fds = java.nio.file.Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = java.nio.file.Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor closed while listed
                }
            }
        }
        java.util.Set<String> listening = new java.util.TreeSet<>();
        for (String table : java.util.List.of("tcp", "tcp6")) {
            Path f = Path.of("/proc", Long.toString(pid), "net", table);
            if (!java.nio.file.Files.exists(f)) {
                continue;
            }
            List<String> lines = java.nio.file.Files.readAllLines(f);
            for (String line : lines.subList(1, lines.size())) {
                String[] c = line.trim().split("\\s+");
                if (c[3].equals("0A") && inodes.contains(c[9])) {
                    listening.add(address(c[1]));
                }
            }
        }
        return listening;
    }

    /** @return "a.b.c.d:port" or "[ipv6]:port" of a /proc/net/tcp* local address (hex, host byte order per word) */
    private static String address(String hex) throws IOException {
        String[] parts = hex.split(":");
        java.nio.ByteBuffer words = java.nio.ByteBuffer.wrap(java.util.HexFormat.of().parseHex(parts[0]))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        java.nio.ByteBuffer raw = java.nio.ByteBuffer.allocate(words.capacity());
        while (words.hasRemaining()) {
            raw.putInt(words.getInt()); // each 32-bit word little-endian in, network order out
        }
        java.net.InetAddress a = java.net.InetAddress.getByAddress(raw.array()); // an IPv4-mapped one comes back as IPv4
        int port = Integer.parseInt(parts[1], 16);
        return (a instanceof java.net.Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress()) + ":" + port;
    }

    @Test
    void failFastPoolWhoseDatabaseIsDownStopsTheDaemonWithExit78() throws Exception {
        Path file = config("""
                <pool name="h2" driver="h2"><jdbcUrl>jdbc:h2:mem:ok</jdbcUrl></pool>
                <pool name="orders" driver="postgresql" initialization="fail-fast">
                  <jdbcUrl>jdbc:postgresql://127.0.0.1:1/app</jdbcUrl>
                  <minIdle>1</minIdle>
                  <connectTimeout>2s</connectTimeout>
                </pool>""");
        PooldProcess p = PooldProcess.start(work, Map.of(), "--config", file.toString());
        assertEquals(Main.EXIT_CONFIG, p.awaitExit(), p.stdout() + p.stderr());
        assertTrue(p.stderr().startsWith(file + ":4:"), p.stderr());
        assertTrue(p.stderr().contains("pool 'orders': cannot connect and initialization=\"fail-fast\""), p.stderr());
    }

    @Test
    void aTakenPortStopsTheStartWithExit78NamingTheFileThePortAndTheSettingInOneLine() throws Exception {
        Path file = config("<pool name=\"a\" driver=\"h2\"><jdbcUrl>jdbc:h2:mem:a</jdbcUrl></pool>");
        try (var taken = new java.net.ServerSocket(registryPort, 1, java.net.InetAddress.getLoopbackAddress())) {
            PooldProcess p = PooldProcess.start(work, Map.of(), "--config", file.toString());
            assertEquals(Main.EXIT_CONFIG, p.awaitExit(), p.stdout() + p.stderr());
            String first = p.stderr().lines().findFirst().orElse("");
            assertTrue(first.startsWith(file + ": cannot start the RMI registry on 127.0.0.1:" + registryPort + ": ")
                    && first.contains("<rmiRegistryPort>"), p.stderr());
        }
        try (var taken = new java.net.ServerSocket(jmxPort, 1, java.net.InetAddress.getLoopbackAddress())) {
            PooldProcess p = PooldProcess.start(work, Map.of(), "--config", file.toString());
            assertEquals(Main.EXIT_CONFIG, p.awaitExit(), p.stdout() + p.stderr());
            String first = p.stderr().lines().findFirst().orElse("");
            assertTrue(first.startsWith(file + ": cannot start the JMX connector on 127.0.0.1:" + jmxPort + ": ")
                    && first.contains("<jmxPort>"), p.stderr());
        }
    }

    @Test
    void aListenAddressThatIsNoHostIsRefusedByCheckConfigAsByTheStart() throws Exception {
        Path file = config("<pool name=\"a\" driver=\"h2\"><jdbcUrl>jdbc:h2:mem:a</jdbcUrl></pool>");
        java.nio.file.Files.writeString(file, java.nio.file.Files.readString(file)
                .replace("<daemon>", "<daemon><listenAddress>300.1.1.1</listenAddress>"));
        List<String> firstLines = new java.util.ArrayList<>();
        for (String command : new String[] {"--check-config", "--config"}) {
            PooldProcess p = PooldProcess.start(work, Map.of(), command, file.toString());
            assertEquals(Main.EXIT_CONFIG, p.awaitExit(), command + ": " + p.stdout() + p.stderr());
            String first = p.stderr().lines().findFirst().orElse("");
            assertTrue(first.startsWith(file + ": cannot start the RMI registry on 300.1.1.1:" + registryPort + ": ")
                    && first.endsWith("(<listenAddress> must be an address of this host, or a name that resolves to"
                            + " one, such as 127.0.0.1, ::1 or 0.0.0.0 for every interface)"), command + ": " + p.stderr());
            firstLines.add(first);
        }
        assertEquals(firstLines.get(0), firstLines.get(1), "the same verdict in the same words");
    }

    @Test
    void backgroundPoolWhoseDatabaseIsDownLetsTheDaemonStart() throws Exception {
        Path file = config("""
                <pool name="orders" driver="postgresql">
                  <jdbcUrl>jdbc:postgresql://127.0.0.1:1/app</jdbcUrl>
                  <minIdle>1</minIdle>
                  <connectTimeout>2s</connectTimeout>
                </pool>""");
        try (PooldProcess p = PooldProcess.start(work, Map.of(), "--config", file.toString())) {
            assertTrue(p.awaitOutput("poold ready", 60), p.stdout() + p.stderr());
            assertTrue(p.awaitOutput("pool 'orders': cannot open a connection", 30), p.stdout());
            p.signal("TERM");
            assertEquals(Main.EXIT_OK, p.awaitExit(), p.stdout() + p.stderr());
        }
    }

    @Test
    void jmxConnectorLetsJmxUsersInAndShowsEveryPool() throws Exception {
        String hash = PasswordHash.create("ops-pw".toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();
        Path file = config("<jmx><user name=\"ops\" hash=\"" + hash + "\" role=\"operate\"/></jmx>\n"
                + "<pool name=\"a\" driver=\"h2\"><jdbcUrl>jdbc:h2:mem:a</jdbcUrl><maxSize>3</maxSize></pool>");
        try (PooldProcess p = PooldProcess.start(work, Map.of(), "--config", file.toString())) {
            assertTrue(p.awaitOutput("poold ready", 60), p.stdout() + p.stderr());
            var url = new javax.management.remote.JMXServiceURL(
                    "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
            try (var c = javax.management.remote.JMXConnectorFactory.connect(url,
                    Map.of(javax.management.remote.JMXConnector.CREDENTIALS, new String[] {"ops", "ops-pw"}))) {
                var jmx = c.getMBeanServerConnection();
                var pool = new javax.management.ObjectName("poold:type=Pool,name=a");
                assertEquals(3, jmx.getAttribute(pool, "MaxSize"));
                jmx.invoke(pool, "resize", new Object[] {1, 4}, new String[] {"int", "int"});
                assertEquals(4, jmx.getAttribute(pool, "MaxSize"));
                var daemon = new javax.management.ObjectName("poold:type=Daemon");
                assertEquals(java.util.List.of("a"), java.util.List.of((String[]) jmx.getAttribute(daemon, "Pools")));
            }
            // The packaged poolctl, on the same connector.
            Path pw = java.nio.file.Files.writeString(work.resolve("ops-password"), "ops-pw\n");
            Path poolctl = PooldProcess.launcher().resolveSibling("poolctl");
            Process ctl = new ProcessBuilder(poolctl.toString(), "--jmx", "127.0.0.1:" + jmxPort, "--user", "ops",
                    "--password-file", pw.toString(), "status").redirectErrorStream(true).start();
            String status = new String(ctl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, ctl.waitFor(), status);
            assertTrue(status.contains("POOL") && status.lines().anyMatch(l -> l.startsWith("a ") && l.contains("RUNNING")),
                    status);
            SecurityException wrong = org.junit.jupiter.api.Assertions.assertThrows(SecurityException.class,
                    () -> javax.management.remote.JMXConnectorFactory.connect(url,
                            Map.of(javax.management.remote.JMXConnector.CREDENTIALS, new String[] {"ops", "nope"})));
            assertTrue(wrong.getMessage().contains("wrong user name or password"), wrong.getMessage());
            assertTrue(p.awaitOutput("failed JMX login as user ops from 127.0.0.1", 10), p.stdout());
            assertTrue(!p.stdout().contains("nope"), "no password in the log");
            p.signal("TERM");
            assertEquals(Main.EXIT_OK, p.awaitExit(), p.stdout() + p.stderr());
        }
    }

    @Test
    void prometheusAgentWithTheShippedRulesServesEveryPoolMetric() throws Exception {
        Path agent = Path.of(System.getProperty("poold.test.agent",
                "../../target/poold/lib/agent/jmx_prometheus_javaagent.jar"));
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(agent),
                "the Prometheus agent the image ships: " + agent);
        Path rules = TestFiles.projectRoot().resolve("config/jmx-exporter.yaml");
        int metricsPort = FreePorts.loopback();
        Path file = config("<pool name=\"a\" driver=\"h2\"><jdbcUrl>jdbc:h2:mem:a</jdbcUrl><minIdle>1</minIdle>"
                + "<maxSize>3</maxSize><borrowTimeout>2500ms</borrowTimeout></pool>");
        Map<String, String> env = Map.of("POOLD_JAVA_OPTS", "-javaagent:" + agent + "=127.0.0.1:" + metricsPort + ":"
                + rules);
        try (PooldProcess p = PooldProcess.start(work, env, "--config", file.toString())) {
            assertTrue(p.awaitOutput("poold ready", 60), p.stdout() + p.stderr());
            String body;
            try (var in = java.net.URI.create("http://127.0.0.1:" + metricsPort + "/metrics").toURL().openStream()) {
                body = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            for (String line : java.util.List.of("poold_connections_open{pool=\"a\"}", "poold_connections_active{pool=\"a\"} 0.0",
                    "poold_max_size{pool=\"a\"} 3.0", "poold_borrow_timeout_seconds{pool=\"a\"} 2.5",
                    "poold_borrows_total{pool=\"a\"}", "poold_connections_opened_total{pool=\"a\"}",
                    "poold_borrow_wait_seconds{pool=\"a\",quantile=\"0.99\"}", "poold_leak_suspects_total{pool=\"a\"}",
                    "# TYPE poold_borrows_total counter", "# TYPE poold_connections_idle gauge")) {
                assertTrue(body.contains(line), line + " in\n" + body);
            }
            // Every attribute has a rule: nothing leaks out under the exporter's default naming.
            assertTrue(body.lines().noneMatch(l -> l.startsWith("poold_pool_")), body);
            p.signal("TERM");
            assertEquals(Main.EXIT_OK, p.awaitExit(), p.stdout() + p.stderr());
        }
    }

    @Test
    void sighupWithABrokenFileKeepsTheRunningConfiguration() throws Exception {
        Path file = config("<pool name=\"a\" driver=\"h2\"><jdbcUrl>jdbc:h2:mem:a</jdbcUrl></pool>");
        try (PooldProcess p = PooldProcess.start(work, Map.of(), "--config", file.toString())) {
            assertTrue(p.awaitOutput("poold ready", 60), p.stdout() + p.stderr());
            config("<pool name=\"a\" driver=\"h2\"><jdbcUrl>jdbc:h2:mem:a</jdbcUrl><minIdel>1</minIdel></pool>");

            p.signal("HUP");

            assertTrue(p.awaitOutput("reload rejected", 30), p.stdout());
            assertTrue(p.stdout().contains(file + ":3:"), p.stdout());
            config("<pool name=\"a\" driver=\"h2\"><jdbcUrl>jdbc:h2:mem:a</jdbcUrl><maxSize>3</maxSize></pool>");
            p.signal("HUP");
            assertTrue(p.awaitOutput("reloaded: added [], removed [], retuned [a]", 30), p.stdout());
            p.signal("TERM");
            assertEquals(Main.EXIT_OK, p.awaitExit(), p.stdout() + p.stderr());
        }
    }
}
