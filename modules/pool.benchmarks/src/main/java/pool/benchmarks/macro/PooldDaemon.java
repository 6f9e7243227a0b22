package pool.benchmarks.macro;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import pool.testsupport.db.DatabaseServer;

/**
 * The packaged daemon ({@code target/poold/bin/poold}) in its own process, as systemd runs
 * it, with one pool {@value #POOL} on the test PostgreSQL and one client user (also a JMX
 * monitor, for the replica's read count); given a replica, a second pool {@value #REPLICA_POOL}
 * on the same primary that routes reads to it. Like the
 * daemon's own process tests (PooldProcess, RemoteJdbcScenarios): a config in a temp dir,
 * the database password in a {@code ${file:...}} secret, the client's password hashed by
 * {@code poold hash-password}, free loopback ports.
 */
public final class PooldDaemon implements AutoCloseable {

    public static final String POOL = "bench";
    public static final String CLIENT_USER = "bench";
    /** The pool with a replica; its replica is named {@value #REPLICA}. */
    public static final String REPLICA_POOL = "bench-replica";
    public static final String REPLICA = "r1";

    private final Process process;
    private final int registryPort;
    private final int jmxPort;
    private final String clientPassword;
    private final Path dir;
    private final Path out;
    private JMXConnector jmx;

    private PooldDaemon(Process process, int registryPort, int jmxPort, String clientPassword, Path dir, Path out) {
        this.process = process;
        this.registryPort = registryPort;
        this.jmxPort = jmxPort;
        this.clientPassword = clientPassword;
        this.dir = dir;
        this.out = out;
    }

    /**
     * @param replica   a streaming replica of {@code db}, or null for no {@value #REPLICA_POOL} pool
     * @param poolSize  minIdle and maxSize of the pool (per server): filled at start, fixed
     * @param javaOpts  extra JVM options for the daemon ({@code POOLD_JAVA_OPTS}), may be empty
     */
    public static PooldDaemon start(Path dist, DatabaseServer db, DatabaseServer replica, int poolSize,
                                    String clientPassword, String javaOpts) throws IOException, InterruptedException {
        Path launcher = dist.resolve("bin/poold");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException(launcher + " does not exist: build the daemon first "
                    + "(./mvnw -pl modules/pool.daemon -am package -DskipTests, or scripts/bench-remote)");
        }
        Path dir = Files.createTempDirectory("bench-poold-");
        String hash = hashPassword(launcher, dir, clientPassword);
        Path dbPassword = dir.resolve("db-password");
        Files.writeString(dbPassword, db.password() + "\n");
        Files.setPosixFilePermissions(dbPassword, PosixFilePermissions.fromString("rw-------"));
        int registryPort = Ports.freeLoopback();
        int jmxPort = Ports.freeLoopback();
        String pool = """
                  <pool name="%s" driver="postgresql" initialization="fail-fast">
                    <jdbcUrl>%s</jdbcUrl>
                    <user>%s</user>
                    <password>${file:%s}</password>
                    <minIdle>%d</minIdle>
                    <maxSize>%d</maxSize>
                    <borrowTimeout>30s</borrowTimeout>
                    <clientUsers>%s</clientUsers>%s
                  </pool>
                """;
        String pools = pool.formatted(POOL, db.jdbcUrl(), db.user(), dbPassword, poolSize, poolSize, CLIENT_USER, "");
        if (replica != null) {
            pools += pool.formatted(REPLICA_POOL, db.jdbcUrl(), db.user(), dbPassword, poolSize, poolSize, CLIENT_USER,
                    """

                        <replicas maxLag="5s" checkInterval="1s">
                          <replica name="%s"><jdbcUrl>%s</jdbcUrl></replica>
                        </replicas>""".formatted(REPLICA, replica.jdbcUrl()));
        }
        Path config = Files.writeString(dir.resolve("pools.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <poold xmlns="urn:poold:config:1">
                  <daemon>
                    <listenAddress>127.0.0.1</listenAddress>
                    <rmiRegistryPort>%d</rmiRegistryPort>
                    <jmxPort>%d</jmxPort>
                    <drainTimeout>5s</drainTimeout>
                  </daemon>
                  <clients><user name="%s" hash="%s"/></clients>
                  <jmx><user name="%s" hash="%s" role="monitor"/></jmx>
                %s</poold>
                """.formatted(registryPort, jmxPort, CLIENT_USER, hash, CLIENT_USER, hash, pools));
        Path out = dir.resolve("poold.out");
        Process process = Children.start(List.of(launcher.toString(), "--config", config.toString()), false, pb -> {
            pb.environment().remove("JOURNAL_STREAM");
            pb.environment().put("POOLD_JAVA_OPTS", javaOpts == null ? "" : javaOpts);
            pb.redirectErrorStream(true).redirectOutput(out.toFile());
        });
        PooldDaemon daemon = new PooldDaemon(process, registryPort, jmxPort, clientPassword, dir, out);
        if (!daemon.awaitOutput("poold ready", Duration.ofSeconds(60))) {
            String log = daemon.output();
            daemon.close();
            throw new IllegalStateException("poold did not start:\n" + log);
        }
        return daemon;
    }

    private static String hashPassword(Path launcher, Path dir, String password) throws IOException, InterruptedException {
        Path hashOut = dir.resolve("hash.out");
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "hash-password")
                .redirectErrorStream(true).redirectOutput(hashOut.toFile());
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write((password + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("poold hash-password failed: " + Files.readString(hashOut));
        }
        return Files.readAllLines(hashOut).stream().filter(l -> l.startsWith("pbkdf2-")).findFirst()
                .orElseThrow(() -> new IllegalStateException("poold hash-password printed no hash: "
                        + readQuietly(hashOut)));
    }

    private boolean awaitOutput(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (output().contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                return output().contains(text);
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** What the daemon has logged so far. */
    public String output() {
        return readQuietly(out);
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "<unreadable: " + e + ">";
        }
    }

    /** URL of {@code pool} for {@code RemoteDataSource.builder(url)}. */
    public String poolUrl(String pool) {
        return "rmi://127.0.0.1:" + registryPort + "/pools/" + pool;
    }

    /**
     * Reads the daemon has served from the replica of {@value #REPLICA_POOL} so far
     * ({@code ReadsServed} of its Replica MBean, over the JMX connector).
     */
    public synchronized long replicaReadsServed() {
        try {
            if (jmx == null) {
                jmx = JMXConnectorFactory.connect(new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort
                        + "/jmxrmi"), Map.of(JMXConnector.CREDENTIALS, new String[] {CLIENT_USER, clientPassword}));
            }
            ObjectName bean = new ObjectName("poold:type=Replica,pool=" + REPLICA_POOL + ",name=" + REPLICA);
            return (Long) jmx.getMBeanServerConnection().getAttribute(bean, "ReadsServed");
        } catch (Exception e) {
            throw new IllegalStateException("reading the replica's ReadsServed over JMX: " + e, e);
        }
    }

    public long pid() {
        return process.pid(); // setpriv and the launcher exec: this is the daemon's JVM
    }

    /** SIGTERM (the daemon drains for up to 5 s), SIGKILL after 20 s; the temp dir goes. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (jmx != null) {
                try {
                    jmx.close();
                } catch (IOException e) {
                    // the daemon is stopped next anyway
                }
                jmx = null;
            }
        }
        Children.stop(process, Duration.ofSeconds(20));
        Children.deleteTree(dir);
    }
}
