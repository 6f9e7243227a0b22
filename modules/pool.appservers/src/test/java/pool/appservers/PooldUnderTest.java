package pool.appservers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import pool.remote.PasswordHash;
import pool.testsupport.await.Await;
import pool.testsupport.db.DatabaseServer;

/**
 * The packaged daemon ({@code target/poold/bin/poold}) in its own process, with two pools,
 * {@code orders} and {@code invoices} (a second application's), on a real PostgreSQL, listening where the servers' configurations expect it
 * (the ports the build reserved). Its client users are the test's own, not the shipped demo
 * ones, all with the password the servers read from {@code POOLD_PASSWORD}. A JMX user reads
 * the daemon's count of password checks, over one connection opened at the start, so that
 * the test's own JMX login is counted before any reading.
 */
final class PooldUnderTest implements AutoCloseable {

    private static final String MONITOR_PASSWORD = "monitor-test-only";

    private final ProcessBuilder launch;
    private final Path work;
    private final int jmxPort;
    private Process process;
    private Path log;
    private JMXConnector jmx;
    private int starts;

    private PooldUnderTest(ProcessBuilder launch, Path work, int jmxPort) {
        this.launch = launch;
        this.work = work;
        this.jmxPort = jmxPort;
    }

    /** Starts the daemon for {@code clientUsers} and waits (60 s at most) until it is ready. */
    static PooldUnderTest start(DatabaseServer pg, List<String> clientUsers) throws Exception {
        String password = System.getenv("POOLD_PASSWORD");
        if (password == null) {
            throw new IllegalStateException("POOLD_PASSWORD is not set: run through Maven (pool.appservers' pom sets it)");
        }
        int registryPort = Integer.getInteger("poold.test.registry.port");
        int jmxPort = Integer.getInteger("poold.test.jmx.port");
        Path work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "poold-");
        StringBuilder users = new StringBuilder();
        for (String user : clientUsers) {
            users.append("    <user name=\"").append(user).append("\" hash=\"").append(hash(password)).append("\"/>\n");
        }
        Path config = Files.writeString(work.resolve("pools.xml"), """
                <poold xmlns="urn:poold:config:1">
                  <daemon><drainTimeout>5s</drainTimeout><rmiRegistryPort>%d</rmiRegistryPort><jmxPort>%d</jmxPort></daemon>
                  <clients>
                %s  </clients>
                  <jmx><user name="monitor" hash="%s" role="monitor"/></jmx>
                  <pool name="orders" driver="postgresql">
                    <jdbcUrl>%s</jdbcUrl>
                    <user>%s</user>
                    <password>${env:POOLD_TEST_DB_PASSWORD}</password>
                    <minIdle>1</minIdle>
                    <maxSize>8</maxSize>
                  </pool>
                  <pool name="invoices" driver="postgresql">
                    <jdbcUrl>%s</jdbcUrl>
                    <user>%s</user>
                    <password>${env:POOLD_TEST_DB_PASSWORD}</password>
                    <minIdle>0</minIdle>
                    <maxSize>4</maxSize>
                  </pool>
                </poold>
                """.formatted(registryPort, jmxPort, users, hash(MONITOR_PASSWORD), pg.jdbcUrl(), pg.user(),
                pg.jdbcUrl(), pg.user()));
        ProcessBuilder pb = new ProcessBuilder(launcher().toString(), "--config", config.toString()).redirectErrorStream(true);
        pb.environment().put("POOLD_TEST_DB_PASSWORD", pg.password());
        PooldUnderTest poold = new PooldUnderTest(pb, work, jmxPort);
        poold.startAgain();
        return poold;
    }

    /**
     * Starts the daemon (again, after {@link #stop()}) on the same ports and configuration,
     * logging to a file of its own, and waits (60 s at most) until it is ready.
     */
    void startAgain() throws Exception {
        log = work.resolve("poold-" + ++starts + ".log");
        Process p = launch.redirectOutput(log.toFile()).start();
        try {
            awaitReady(p, log);
            jmx = JMXConnectorFactory.connect(
                    new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"),
                    Map.of(JMXConnector.CREDENTIALS, new String[] {"monitor", MONITOR_PASSWORD}));
            process = p;
        } catch (Exception | Error e) {
            p.destroyForcibly();
            throw e;
        }
    }

    private static String hash(String password) {
        return PasswordHash.create(password.toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();
    }

    private static Path launcher() {
        Path launcher = Path.of(System.getProperty("poold.dist", "../../target/poold"), "bin", "poold");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException(launcher + " does not exist: build the runtime image first (./mvnw package)");
        }
        return launcher;
    }

    private static void awaitReady(Process p, Path log) throws Exception {
        String out = Await.value("poold ready", Duration.ofSeconds(60), () -> Files.readString(log, StandardCharsets.UTF_8),
                o -> o.contains("poold ready") || !p.isAlive());
        if (!out.contains("poold ready")) {
            throw new IllegalStateException("poold exited with " + p.exitValue() + ":\n" + out);
        }
    }

    /** @return the daemon's count of password checks since it started (JMX {@code poold:type=Daemon}) */
    long passwordChecks() throws Exception {
        MBeanServerConnection beans = jmx.getMBeanServerConnection();
        return (Long) beans.getAttribute(new ObjectName("poold:type=Daemon"), "PasswordChecks");
    }

    /** @return what the daemon logged so far, for failure messages */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<unreadable: " + e + ">";
        }
    }

    /** Stops the daemon as systemd does (SIGTERM) and waits for it (30 s at most, then SIGKILL). */
    void stop() throws IOException {
        if (process == null) {
            return;
        }
        try {
            jmx.close();
        } finally {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
