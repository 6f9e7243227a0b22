package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime image target/poold as an operator runs it, with nothing of the machine's:
 * an environment as empty as {@code env -i PATH=/usr/bin:/bin} leaves, whatever Java that
 * PATH finds (on a build machine: one that is not 25).
 */
class RuntimeImageProcessTest {

    private static final Map<String, String> BARE = Map.of("PATH", "/usr/bin:/bin");

    @TempDir
    Path work;

    private static Path image() throws IOException {
        return PooldProcess.launcher().getParent().getParent().toRealPath();
    }

    /** The image's own default configuration, on free ports so that a poold running here does not matter. */
    private Path defaultConfiguration(int registryPort, int jmxPort) throws IOException {
        String shipped = Files.readString(image().resolve("config/pools.xml"));
        assertTrue(shipped.contains("<rmiRegistryPort>1099<") && shipped.contains("<jmxPort>9010<"), shipped);
        return Files.writeString(work.resolve("pools.xml"), shipped
                .replace("<rmiRegistryPort>1099<", "<rmiRegistryPort>" + registryPort + "<")
                .replace("<jmxPort>9010<", "<jmxPort>" + jmxPort + "<"));
    }

    @Test
    void inAnEmptyEnvironmentTheDaemonRunsOnTheImagesJavaAndPoolctlSteersIt() throws Exception {
        Path image = image();
        int jmxPort = FreePorts.loopback();
        Path config = defaultConfiguration(FreePorts.loopback(), jmxPort);
        try (PooldProcess p = PooldProcess.startInEmptyEnvironment(work, BARE, "--config", config.toString())) {
            assertTrue(p.awaitOutput("poold ready", 60), p.stdout() + p.stderr());
            Path executable = Path.of("/proc", Long.toString(p.pid()), "exe").toRealPath();
            assertEquals(image.resolve("bin/java"), executable);

            // The default file's demo JMX user; poolctl too runs on the image's own Java.
            Path password = Files.writeString(work.resolve("ops.pw"), "ops\n");
            List<String> login = List.of("--jmx", "127.0.0.1:" + jmxPort, "--user", "ops", "--password-file",
                    password.toString());
            Result status = poolctl(Map.of("POOLCTL_JAVA_OPTS", "-XshowSettings:properties"), login, "status");
            assertEquals(0, status.exit, status.output);
            assertTrue(status.output.contains("java.home = " + image), status.output);
            assertTrue(status.output.contains("WAIT P99 µs"), "UTF-8 without a locale: " + status.output);
            assertTrue(status.output.lines().anyMatch(l -> l.matches("demo +RUNNING +0 +\\d+ +\\d+ +10 .*")),
                    status.output);

            readmesPoolctlExampleIsWhatPoolctlPrints(login);

            Result resize = poolctl(Map.of(), login, "resize", "demo", "1", "5");
            assertEquals(0, resize.exit, resize.output);
            Result resized = poolctl(Map.of(), login, "status");
            assertTrue(resized.output.lines().anyMatch(l -> l.matches("demo +RUNNING +0 +\\d+ +\\d+ +5 .*")),
                    resized.output);

            Result set = poolctl(Map.of(), login, "set", "demo", "borrowTimeout", "12s");
            assertEquals(0, set.exit, set.output);
            assertEquals("demo: borrowTimeout 5s -> 12s\n", set.output);
            Result marked = poolctl(Map.of(), login, "status");
            assertTrue(marked.output.contains("minIdle=1* (file 2), maxSize=5* (file 10), borrowTimeout=12s* (file 5s)"),
                    marked.output);

            p.signal("HUP");
            assertTrue(p.awaitOutput("reloaded: no pool changed", 30), p.stdout() + p.stderr());
            // The file did not change: the live changes stay, still marked.
            Result kept = poolctl(Map.of(), login, "status");
            assertTrue(kept.output.lines().anyMatch(l -> l.matches("demo +RUNNING +0 +\\d+ +\\d+ +5 .*"
                    + "borrowTimeout=12s\\* \\(file 5s\\)")), kept.output);

            p.signal("TERM");
            assertEquals(Main.EXIT_OK, p.awaitExit(), p.stdout() + p.stderr());
            assertTrue(p.stdout().contains("poold stopped"), p.stdout());
            assertEquals("", p.stderr(), "the JVM has nothing to warn about");
        }
    }

    @Test
    void theClassDataArchiveMatchesTheLaunchersOwnOptions() throws Exception {
        // -Xshare:on makes a JVM that cannot map the archive refuse to start.
        try (PooldProcess p = PooldProcess.startInEmptyEnvironment(work,
                Map.of("PATH", "/usr/bin:/bin", "POOLD_JAVA_OPTS", "-Xshare:on"), "--help")) {
            assertEquals(Main.EXIT_OK, p.awaitExit(), p.stdout() + p.stderr());
        }
        assertTrue(Files.size(image().resolve("lib/poold.jsa")) > 0);
    }

    @Test
    void theImageUnpackedUnderADirectoryWithASpaceStartsWithItsArchiveAndItsAgent() throws Exception {
        Path copy = work.resolve("opt with space").resolve("poold");
        Files.createDirectories(copy.getParent());
        run("cp", "-a", image().toString(), copy.toString());
        Path config = copy.resolve("config/pools.xml");
        // -Xshare:on: a JVM that cannot map lib/poold.jsa refuses to start, so the archive's path arrived whole;
        // POOLD_PROMETHEUS: the agent's jar and rules are paths inside the image too.
        ProcessBuilder pb = new ProcessBuilder(copy.resolve("bin/poold").toString(), "--check-config",
                config.toString()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(Map.of("PATH", "/usr/bin:/bin", "POOLD_JAVA_OPTS", "-Xshare:on",
                "POOLD_PROMETHEUS", Integer.toString(FreePorts.loopback())));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(Main.EXIT_OK, p.waitFor(), output);
        assertEquals(config + ": configuration is valid (1 pool: demo)\n", output);
    }

    @Test
    void aPoolWhoseDriverIsNotInDriversIsAConfigurationErrorNamingTheJarAndTheFolder() throws Exception {
        Path copy = work.resolve("poold");
        run("cp", "-a", image().toString(), copy.toString());
        try (var jars = Files.newDirectoryStream(copy.resolve("drivers"), "postgresql-*.jar")) {
            for (Path jar : jars) {
                Files.delete(jar);
            }
        }
        Path config = Files.writeString(work.resolve("pg.xml"), """
                <poold xmlns="urn:poold:config:1">
                  <pool name="orders" driver="postgresql">
                    <jdbcUrl>jdbc:postgresql://127.0.0.1:5432/shop</jdbcUrl>
                  </pool>
                </poold>
                """);
        ProcessBuilder pb = new ProcessBuilder(copy.resolve("bin/poold").toString(), "--check-config", config.toString());
        pb.environment().clear();
        pb.environment().putAll(BARE);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(Main.EXIT_CONFIG, p.waitFor(), out + err);
        assertTrue(err.startsWith(config + ":3:14: pool 'orders': no JDBC driver for driver=\"postgresql\" is installed:"
                + " put pgjdbc (postgresql-VERSION.jar) into " + copy.toRealPath().resolve("drivers")), err);
    }

    @Test
    void flightRecorderCanRecordARunningDaemonThoughAStartDoesNotResolveIt() throws Exception {
        try (PooldProcess p = PooldProcess.startInEmptyEnvironment(work,
                Map.of("PATH", "/usr/bin:/bin", "POOLD_JAVA_OPTS", "--show-module-resolution"), "--help")) {
            assertEquals(Main.EXIT_OK, p.awaitExit(), p.stdout() + p.stderr());
            String resolution = p.stdout() + p.stderr();
            assertTrue(resolution.contains("root java.instrument "), resolution);
            assertFalse(resolution.contains("jdk.jfr "), "resolved only when a recording is asked for: " + resolution);
            assertFalse(resolution.contains("pool.ctl "), resolution);
        }
        // An operator records a daemon that is already running, without a restart.
        Path recording = work.resolve("poold.jfr");
        Path config = defaultConfiguration(FreePorts.loopback(), FreePorts.loopback());
        try (PooldProcess p = PooldProcess.startInEmptyEnvironment(work, Map.of("PATH", "/usr/bin:/bin"),
                "--config", config.toString())) {
            assertTrue(p.awaitOutput("poold ready", 60), p.stdout() + p.stderr());
            assertFalse(p.stderr().contains("[cds]"), "the archive serves the default start whole: " + p.stderr());
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            String pid = Long.toString(p.pid());
            run(jcmd, pid, "JFR.start", "name=ops");
            run(jcmd, pid, "JFR.dump", "name=ops", "filename=" + recording);
            p.signal("TERM");
            assertEquals(Main.EXIT_OK, p.awaitExit(), p.stdout() + p.stderr());
        }
        assertTrue(Files.size(recording) > 0, recording.toString());

        // Recording from the start resolves jdk.jfr, which the archive's module graph lacks:
        // the start goes on with the archive's classes, and stderr stays free of the JVM's
        // [error][cds] line about it.
        Path fromStart = work.resolve("from-start.jfr");
        try (PooldProcess p = PooldProcess.startInEmptyEnvironment(work, Map.of("PATH", "/usr/bin:/bin",
                "POOLD_JAVA_OPTS", "-XX:StartFlightRecording=filename=" + fromStart + ",dumponexit=true"),
                "--config", config.toString())) {
            assertTrue(p.awaitOutput("poold ready", 60), p.stdout() + p.stderr());
            p.signal("TERM");
            assertEquals(Main.EXIT_OK, p.awaitExit(), p.stdout() + p.stderr());
            assertFalse(p.stderr().contains("[cds]"), p.stderr());
        }
        assertTrue(Files.size(fromStart) > 0, fromStart.toString());
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
    }

    @Test
    void theJdksOwnJmxAgentAndDebuggerCannotBeSwitchedOn() throws Exception {
        // Not in the image: -D options cannot open an unauthenticated JMX port showing the
        // JVM's own beans, nor an -agentlib option a debugger port that runs any code.
        int port = FreePorts.loopback();
        for (String opts : List.of("-Dcom.sun.management.jmxremote.port=" + port
                        + " -Dcom.sun.management.jmxremote.authenticate=false -Dcom.sun.management.jmxremote.ssl=false",
                "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:" + port)) {
            try (PooldProcess p = PooldProcess.startInEmptyEnvironment(work,
                    Map.of("PATH", "/usr/bin:/bin", "POOLD_JAVA_OPTS", opts), "--help")) {
                assertNotEquals(Main.EXIT_OK, p.awaitExit(), opts);
                String said = p.stdout() + p.stderr(); // the JVM prints start-up failures on stdout
                assertTrue(said.contains("Module jdk.management.agent not found")
                        || said.contains("Could not find agent library jdwp"), said);
            }
        }
        Process modules = new ProcessBuilder(image().resolve("bin/java").toString(), "--list-modules")
                .redirectErrorStream(true).start();
        String list = new String(modules.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, modules.waitFor(), list);
        for (String absent : List.of("jdk.management.agent", "jdk.jdwp.agent", "jdk.attach", "jdk.compiler")) {
            assertFalse(list.contains(absent + "@"), absent + " in " + list);
        }
    }

    @Test
    void poolctlRunsFromItsOwnModuleWithoutTheEngineTheXmlBindingOrADriver() throws Exception {
        Result resolution = poolctl(Map.of("POOLCTL_JAVA_OPTS", "--show-module-resolution"), List.of(), "--help");
        assertEquals(0, resolution.exit, resolution.output);
        assertTrue(resolution.output.contains("root pool.ctl "), resolution.output);
        assertTrue(resolution.output.contains("usage: poolctl"), resolution.output);
        for (String absent : List.of("pool.engine", "pool.daemon", "pool.tenancy", "pool.routing", "pool.remote",
                "jakarta.xml.bind", "org.glassfish.jaxb.runtime", "org.h2", "org.postgresql")) {
            assertFalse(resolution.output.contains(absent + " "), absent + " resolved for poolctl:\n" + resolution.output);
        }
    }

    private record Result(int exit, String output) {
    }

    /**
     * README's tour shows poolctl's status and set on the default configuration: the same lines,
     * but for the file's path and the start time. Called on a daemon fresh from the default file.
     */
    private void readmesPoolctlExampleIsWhatPoolctlPrints(List<String> login) throws Exception {
        String prompt = "$ target/poold/bin/poolctl --user ops --password-file ops.pw ";
        List<String> readme = Files.readAllLines(pool.daemon.config.TestFiles.projectRoot().resolve("README.md"));
        int status = readme.indexOf(prompt + "status");
        int set = readme.indexOf(prompt + "set demo borrowTimeout 10s");
        assertTrue(status >= 0 && set > status, "README's poolctl example");
        List<String> shown = readme.subList(status + 1, set);
        assertTrue(shown.getFirst().matches("poold \\S+, up since \\d{4}-\\d\\d-\\d\\dT\\S+Z"), shown.getFirst());
        // The demo pool opens its minIdle (2) in the background: ask until it has.
        Result now = poolctl(Map.of(), login, "status");
        for (int i = 0; i < 60 && !now.output.contains(shown.get(2)); i++) {
            Thread.sleep(250);
            now = poolctl(Map.of(), login, "status");
        }
        List<String> printed = now.output.lines().toList();
        assertEquals(shown.size(), printed.size(), now.output);
        assertTrue(printed.getFirst().matches("poold \\S+, up since \\d{4}-\\d\\d-\\d\\dT\\S+Z"), now.output);
        assertEquals(shown.subList(1, shown.size()), printed.subList(1, printed.size()));
        Result changed = poolctl(Map.of(), login, "set", "demo", "borrowTimeout", "10s");
        assertEquals(readme.get(set + 1) + "\n", changed.output);
        Result back = poolctl(Map.of(), login, "set", "demo", "borrowTimeout", "5s");
        assertEquals(0, back.exit, back.output);
    }

    private Result poolctl(Map<String, String> env, List<String> login, String... command) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(image().resolve("bin/poolctl").toString());
        cmd.addAll(login);
        cmd.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(BARE);
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), output);
    }
}
