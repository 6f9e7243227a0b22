package pool.benchmarks.macro;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import pool.testsupport.db.DatabaseServer;

/**
 * A throwaway pgbouncer in front of a test PostgreSQL: transaction pooling, its own ini
 * and userlist in a temp dir, a free port of 127.0.0.1 only, no unix socket, run as the
 * harness's unprivileged user when this JVM is root (pgbouncer refuses root), tied to
 * this JVM's life like every {@link Children} process.
 *
 * <p>Needs the Debian package {@code pgbouncer} (1.18 on Debian 12); scripts/bench-remote
 * installs it when it runs as root.
 */
public final class Pgbouncer implements AutoCloseable {

    private static final List<String> BINARIES = List.of("/usr/sbin/pgbouncer", "/usr/bin/pgbouncer");

    private final Process process;
    private final int port;
    private final Path dir;
    private final Path log;

    private Pgbouncer(Process process, int port, Path dir, Path log) {
        this.process = process;
        this.port = port;
        this.dir = dir;
        this.log = log;
    }

    /**
     * @param serverPoolSize server connections pgbouncer keeps to PostgreSQL (opened at
     *                       start, never more): the same size as the other paths' pools
     * @param maxClients     client connections it accepts
     */
    public static Pgbouncer start(DatabaseServer db, int serverPoolSize, int maxClients) throws IOException, InterruptedException {
        String binary = BINARIES.stream().filter(b -> Files.isExecutable(Path.of(b))).findFirst()
                .orElseThrow(() -> new IllegalStateException("pgbouncer is not installed (Debian: apt-get install "
                        + "pgbouncer; scripts/bench-remote does that when run as root)"));
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "bench-pgbouncer-");
        int port = Ports.freeLoopback();
        Path userlist = dir.resolve("userlist.txt");
        // A plain-text password: pgbouncer needs it to answer PostgreSQL's SCRAM challenge
        // for its server connections, and checks clients against it with SCRAM too.
        Files.writeString(userlist, "\"" + db.user() + "\" \"" + db.password() + "\"\n");
        Files.setPosixFilePermissions(userlist, PosixFilePermissions.fromString("rw-------"));
        Path ini = dir.resolve("pgbouncer.ini");
        Files.writeString(ini, """
                [databases]
                %s = host=%s port=%d dbname=%s

                [pgbouncer]
                listen_addr = 127.0.0.1
                listen_port = %d
                unix_socket_dir =
                auth_type = scram-sha-256
                auth_file = %s
                pool_mode = transaction
                default_pool_size = %d
                min_pool_size = %d
                max_db_connections = %d
                reserve_pool_size = 0
                max_client_conn = %d
                server_tls_sslmode = disable
                ; pgjdbc sends it at start-up; pgbouncer 1.18 refuses unknown start-up parameters
                ignore_startup_parameters = extra_float_digits
                log_connections = 0
                log_disconnections = 0
                """.formatted(DatabaseServer.DATABASE, db.host(), db.port(), DatabaseServer.DATABASE, port,
                userlist, serverPoolSize, serverPoolSize, serverPoolSize, maxClients));
        for (Path p : List.of(dir, userlist, ini)) {
            Children.own(p);
        }
        Path log = dir.resolve("pgbouncer.log");
        Process process = Children.start(List.of(binary, ini.toString()), true,
                pb -> pb.redirectErrorStream(true).redirectOutput(log.toFile()));
        Pgbouncer bouncer = new Pgbouncer(process, port, dir, log);
        if (!Ports.awaitListening(port, process, Duration.ofSeconds(15))) {
            String tail = bouncer.logTail();
            bouncer.close();
            throw new IllegalStateException("pgbouncer did not start on 127.0.0.1:" + port + ":\n" + tail);
        }
        return bouncer;
    }

    /** JDBC URL of the test database through pgbouncer, with the options transaction pooling needs. */
    public String jdbcUrl() {
        // prepareThreshold=0: pgbouncer 1.18 in transaction mode cannot keep named server-side
        // prepared statements (the next transaction may run on another server connection), so
        // pgjdbc must use only unnamed statements (parse/bind/execute in one message flight).
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DatabaseServer.DATABASE + "?prepareThreshold=0";
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid(); // setpriv execs pgbouncer: the same process
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "<no log: " + e + ">";
        }
    }

    /** SIGTERM (pgbouncer's immediate shutdown), then the temp dir goes. Idempotent. */
    @Override
    public void close() {
        Children.stop(process, Duration.ofSeconds(5));
        Children.deleteTree(dir);
    }
}
