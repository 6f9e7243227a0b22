package pool.ormtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import pool.client.RemoteDataSource;
import pool.testsupport.await.Await;
import pool.testsupport.db.DatabaseKind;
import pool.testsupport.db.DatabaseServer;

/**
 * The packaged daemon ({@code target/poold/bin/poold}) in its own process, as systemd runs
 * it, with one pool per test database, in the time zone {@code orm.daemon.timezone} names
 * ({@code POOLD_JAVA_OPTS=-Duser.timezone=...}): another zone than this JVM's, so that a
 * value that crosses the wire as zone-dependent fields shows up shifted.
 *
 * <p>One daemon serves every test of the JVM ({@link #get()}); it is stopped at the JVM's
 * exit. Its pools are small: each ORM session borrows one connection, the locking steps two.
 */
public final class Daemon {

    private static final String CLIENT_USER = "orm";
    private static Daemon instance;

    private final Process process;
    private final int registryPort;
    private final String clientPassword;
    private final String zone;
    private final Path dir;
    private final Path out;

    private Daemon(Process process, int registryPort, String clientPassword, String zone, Path dir, Path out) {
        this.process = process;
        this.registryPort = registryPort;
        this.clientPassword = clientPassword;
        this.zone = zone;
        this.dir = dir;
        this.out = out;
    }

    /** The JVM's daemon, started on first use with a pool on each of the shared test servers. */
    public static synchronized Daemon get() {
        if (instance == null) {
            try {
                instance = start(System.getProperty("orm.daemon.timezone", "UTC"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting poold", e);
            } catch (Exception e) {
                throw new IllegalStateException("could not start poold", e);
            }
            Daemon started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "stop-poold"));
        }
        return instance;
    }

    /** The pool's name for a database kind. */
    public static String pool(DatabaseKind kind) {
        return kind == DatabaseKind.POSTGRES ? "pg" : "maria";
    }

    /** The time zone the daemon's JVM runs in. */
    public String zone() {
        return zone;
    }

    /** A data source as an application server would configure it: the pool's URL, a client user. */
    public RemoteDataSource dataSource(DatabaseKind kind) {
        return RemoteDataSource.builder("rmi://127.0.0.1:" + registryPort + "/pools/" + pool(kind))
                .user(CLIENT_USER).password(clientPassword).build();
    }

    private static Daemon start(String zone) throws Exception {
        Path launcher = launcher();
        DatabaseServer pg = pool.testsupport.db.TestDatabases.postgres();
        DatabaseServer maria = pool.testsupport.db.TestDatabases.mariaDb();
        Path dir = Files.createTempDirectory("orm-poold-");
        String clientPassword = UUID.randomUUID().toString();
        String hash = hashPassword(launcher, dir, clientPassword);
        int registryPort = freePort();
        String pools = poolXml(DatabaseKind.POSTGRES, pg, secret(dir, "pg-password", pg.password()))
                + poolXml(DatabaseKind.MARIADB, maria, secret(dir, "maria-password", maria.password()));
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
                %s</poold>
                """.formatted(registryPort, freePort(), CLIENT_USER, hash, pools));
        Path out = dir.resolve("poold.out");
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("JOURNAL_STREAM");
        // 256 MB: the LOB steps move some megabytes; the daemon's own default is the JVM's.
        pb.environment().put("POOLD_JAVA_OPTS", "-Xmx256m -Duser.timezone=" + zone);
        Daemon d = new Daemon(pb.start(), registryPort, clientPassword, zone, dir, out);
        String log;
        try {
            log = Await.value("poold ready", Duration.ofSeconds(60), d::output,
                    o -> o.contains("poold ready") || !d.process.isAlive());
        } catch (Exception | Error e) {
            d.stop();
            throw e;
        }
        if (!log.contains("poold ready")) {
            d.stop();
            throw new IllegalStateException("poold did not start:\n" + log);
        }
        return d;
    }

    private static String poolXml(DatabaseKind kind, DatabaseServer db, Path password) {
        return """
                  <pool name="%s" driver="%s" initialization="fail-fast">
                    <jdbcUrl>%s</jdbcUrl>
                    <user>%s</user>
                    <password>${file:%s}</password>
                    <minIdle>1</minIdle>
                    <maxSize>6</maxSize>
                    <borrowTimeout>20s</borrowTimeout>
                    <clientUsers>%s</clientUsers>
                  </pool>
                """.formatted(pool(kind), kind == DatabaseKind.POSTGRES ? "postgresql" : "mariadb", db.jdbcUrl(),
                db.user(), password, CLIENT_USER);
    }

    private static Path secret(Path dir, String name, String value) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, value + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** The launcher that pool.daemon's package phase built ({@code poold.dist}, set by the pom). */
    private static Path launcher() {
        String dist = System.getProperty("poold.dist");
        if (dist == null) {
            throw new IllegalStateException("system property poold.dist is not set: run through Maven");
        }
        Path launcher = Path.of(dist, "bin", "poold");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException(launcher + " does not exist: build it first "
                    + "(./mvnw -pl modules/pool.ormtests -am verify builds the daemon before these tests)");
        }
        return launcher;
    }

    private static String hashPassword(Path launcher, Path dir, String password) throws IOException, InterruptedException {
        Path hashOut = dir.resolve("hash.out");
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "hash-password")
                .redirectErrorStream(true).redirectOutput(hashOut.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write((password + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("poold hash-password failed: " + Files.readString(hashOut));
        }
        return Files.readAllLines(hashOut).stream().filter(l -> l.startsWith("pbkdf2-")).findFirst()
                .orElseThrow(() -> new IllegalStateException("poold hash-password printed no hash"));
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the daemon has logged so far. */
    String output() {
        try {
            return Files.readString(out);
        } catch (IOException e) {
            return "<unreadable: " + e + ">";
        }
    }

    /** SIGTERM (the daemon drains for up to 5 s), SIGKILL after 20 s; the temp dir goes. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (var paths = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(paths.toList());
            java.util.Collections.reverse(all);
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temp dir: cleaned with target/ at the next build
        }
    }
}
