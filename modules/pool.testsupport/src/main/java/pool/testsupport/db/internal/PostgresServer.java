package pool.testsupport.db.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import pool.testsupport.db.DatabaseKind;

/**
 * A PostgreSQL server run directly as {@code postgres -D data} (not through {@code pg_ctl},
 * which would detach it from the JVM and from the parent-death signal).
 */
public final class PostgresServer extends ManagedServer {
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(120);

    /**
     * Settings for a throwaway server: no fsync and no full-page writes, small memory, room
     * for pool tests that open many connections, and WAL for one streaming replica.
     * synchronous_commit stays on: with fsync off it costs only a write() to the page cache,
     * and turning it off would lose rows committed just before a kill -9, which fault tests
     * must not see (a crash of the server, not of the OS, keeps the page cache). No unix socket: everything goes over 127.0.0.1, and socket paths
     * under target/ could exceed the 107-byte limit.
     */
    private static final String CONFIG = """

            # --- poold test harness ---
            listen_addresses = '127.0.0.1'
            unix_socket_directories = ''
            max_connections = 200
            shared_buffers = 16MB
            fsync = off
            full_page_writes = off
            wal_writer_delay = 10ms
            wal_level = replica
            max_wal_senders = 5
            wal_keep_size = 128MB
            hot_standby = on
            hot_standby_feedback = on
            # a replica retries a lost primary after 5 s by default; fault tests restart it in 0.3 s
            wal_retrieve_retry_interval = 100ms
            password_encryption = scram-sha-256
            timezone = 'UTC'
            log_timezone = 'UTC'
            log_line_prefix = '%m [%p] %q%u@%d '
            """;

    private final Path bin;

    private PostgresServer(String name, Path serverDir, Credentials credentials, boolean replica) {
        super(DatabaseKind.POSTGRES, name, serverDir, credentials, replica);
        this.bin = Binaries.postgresBin();
    }

    /** Creates, starts and provisions a primary: database {@code app}, its owner, a replication login. */
    public static PostgresServer primary(String name, DataRoot root, Credentials credentials, DataDirTemplate template) {
        PostgresServer server = new PostgresServer(name, root.serverDir(name), credentials, false);
        long t0 = System.nanoTime();
        template.copyTo(server.dataDirectory(), server.logFile());
        long t1 = System.nanoTime();
        server.provision(() -> {
            server.start();
            server.execute("postgres",
                    "CREATE ROLE " + credentials.user() + " LOGIN PASSWORD '" + credentials.password() + "'",
                    "CREATE DATABASE " + DATABASE + " OWNER " + credentials.user(),
                    "CREATE ROLE " + credentials.replicationUser() + " REPLICATION LOGIN PASSWORD '"
                            + credentials.replicationPassword() + "'",
                    "CREATE TABLE poold_harness_marker (id int PRIMARY KEY, n bigint NOT NULL)",
                    "INSERT INTO poold_harness_marker VALUES (1, 0)");
        });
        LOG.log(System.Logger.Level.INFO, () -> String.format("PostgreSQL %s ready in %.2f s (data directory %.2f s)",
                name, (System.nanoTime() - t0) / 1e9, (t1 - t0) / 1e9));
        return server;
    }

    /** Clones {@code primary} with {@code pg_basebackup -R} and starts it as a hot standby. */
    public static PostgresServer replicaOf(PostgresServer primary, String name, DataRoot root) {
        Credentials credentials = primary.credentials();
        PostgresServer server = new PostgresServer(name, root.serverDir(name), credentials, true);
        long t0 = System.nanoTime();
        ServerProcess.run("pg_basebackup of " + primary.name(), List.of(
                        server.bin.resolve("pg_basebackup").toString(),
                        "--host=127.0.0.1", "--port=" + primary.port(),
                        "--username=" + credentials.replicationUser(), "--no-password",
                        "--pgdata=" + server.dataDirectory(),
                        "--wal-method=stream", "--checkpoint=fast", "--no-sync",
                        // -R: standby.signal plus primary_conninfo (with the password) in postgresql.auto.conf
                        "--write-recovery-conf"),
                Map.of("PGPASSWORD", credentials.replicationPassword(), "PGAPPNAME", name),
                server.serverDir(), server.logFile(), TOOL_TIMEOUT);
        server.provision(server::start);
        LOG.log(System.Logger.Level.INFO, () -> String.format("PostgreSQL %s ready in %.2f s (pg_basebackup included)",
                name, (System.nanoTime() - t0) / 1e9));
        return server;
    }

    /**
     * A template for {@link DataDirTemplate}: initdb with the superuser's password, the
     * settings above, and password-only loopback logins (tests need wrong-password failures
     * to be real).
     */
    public static DataDirTemplate template(Path dir, Credentials credentials) {
        return new DataDirTemplate(dir, (dataDir, workDir, logFile) -> {
            Path bin = Binaries.postgresBin();
            Path pwfile = workDir.resolve("initdb.pw");
            try {
                Files.writeString(pwfile, credentials.adminPassword() + "\n");
                ServerProcess.run("initdb", List.of(
                                bin.resolve("initdb").toString(),
                                "--pgdata=" + dataDir,
                                "--username=" + credentials.adminUser(),
                                "--pwfile=" + pwfile,
                                "--auth=scram-sha-256",
                                "--encoding=UTF8", "--locale=C",
                                "--no-sync", "--no-instructions"),
                        Map.of(), workDir, logFile, TOOL_TIMEOUT);
                Files.delete(pwfile);
                Files.writeString(dataDir.resolve("postgresql.conf"), CONFIG, StandardOpenOption.APPEND);
                Files.writeString(dataDir.resolve("pg_hba.conf"), """
                        # poold test harness: password logins over loopback only
                        host  all          all  127.0.0.1/32  scram-sha-256
                        host  replication  %s   127.0.0.1/32  scram-sha-256
                        """.formatted(credentials.replicationUser()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    protected List<String> serverCommand(int port) {
        // The port goes on the command line because a replica inherits postgresql.conf from
        // its primary; nothing else does, so ALTER SYSTEM on a replica takes effect.
        return List.of(bin.resolve("postgres").toString(), "-D", dataDirectory().toString(), "-p", Integer.toString(port));
    }

    /**
     * Fast shutdown (SIGINT): SIGTERM would wait for every client, pooled connections
     * included, to disconnect. Java can only send TERM and KILL, so {@code pg_ctl kill}
     * sends it, as the server's own user.
     */
    @Override
    protected void requestCleanStop(ServerProcess running) {
        ServerProcess.run("pg_ctl kill INT", List.of(bin.resolve("pg_ctl").toString(), "kill", "INT",
                Long.toString(running.pid())), Map.of(), serverDir(), logFile(), TOOL_TIMEOUT);
    }

    @Override
    protected String urlScheme() {
        return "jdbc:postgresql://";
    }

    @Override
    protected Properties driverProperties() {
        Properties props = new Properties();
        props.setProperty("connectTimeout", "5");
        props.setProperty("sslmode", "disable");
        return props;
    }

    @Override
    protected String probeDatabase() {
        return "postgres";
    }
}
