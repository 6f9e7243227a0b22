package pool.benchmarks.macro;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import pool.testsupport.db.DatabaseServer;

/**
 * The packaged daemon ({@code target/poold/bin/poold}) in its own process, as systemd runs
 * it, with one pool {@value #POOL} on the test PostgreSQL and one client user. Like the
 * daemon's own process tests (PooldProcess, RemoteJdbcScenarios): a config in a temp dir,
 * the database password in a {@code ${file:...}} secret, the client's password hashed by
 * {@code poold hash-password}, free loopback ports.
 */
public final class PooldDaemon implements AutoCloseable {

    public static final String POOL = "bench";
    public static final String CLIENT_USER = "bench";

    private final Process process;
    private final int registryPort;
    private final Path dir;
    private final Path out;

    private PooldDaemon(Process process, int registryPort, Path dir, Path out) {
        this.process = process;
        this.registryPort = registryPort;
        this.dir = dir;
        this.out = out;
    }

    /**
     * @param dist      the daemon's distribution directory (holding {@code bin/poold})
     * @param poolSize  minIdle and maxSize of the pool: filled at start, fixed
     * @param javaOpts  extra JVM options for the daemon ({@code POOLD_JAVA_OPTS}), may be empty
     */
    public static PooldDaemon start(Path dist, DatabaseServer db, int poolSize, String clientPassword, String javaOpts)
            throws IOException, InterruptedException {
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
                  <pool name="%s" driver="postgresql" initialization="fail-fast">
                    <jdbcUrl>%s</jdbcUrl>
                    <user>%s</user>
                    <password>${file:%s}</password>
                    <minIdle>%d</minIdle>
                    <maxSize>%d</maxSize>
                    <borrowTimeout>30s</borrowTimeout>
                    <clientUsers>%s</clientUsers>
                  </pool>
                </poold>
                """.formatted(registryPort, jmxPort, CLIENT_USER, hash, POOL, db.jdbcUrl(), db.user(), dbPassword,
                poolSize, poolSize, CLIENT_USER));
        Path out = dir.resolve("poold.out");
        Process process = Children.start(List.of(launcher.toString(), "--config", config.toString()), false, pb -> {
            pb.environment().remove("JOURNAL_STREAM");
            pb.environment().put("POOLD_JAVA_OPTS", javaOpts == null ? "" : javaOpts);
            pb.redirectErrorStream(true).redirectOutput(out.toFile());
        });
        PooldDaemon daemon = new PooldDaemon(process, registryPort, dir, out);
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

    /** URL of the pool for {@code RemoteDataSource.builder(url)}. */
    public String poolUrl() {
        return "rmi://127.0.0.1:" + registryPort + "/pools/" + POOL;
    }

    public long pid() {
        return process.pid(); // setpriv and the launcher exec: this is the daemon's JVM
    }

    /** SIGTERM (the daemon drains for up to 5 s), SIGKILL after 20 s; the temp dir goes. Idempotent. */
    @Override
    public void close() {
        Children.stop(process, Duration.ofSeconds(20));
        Children.deleteTree(dir);
    }
}
