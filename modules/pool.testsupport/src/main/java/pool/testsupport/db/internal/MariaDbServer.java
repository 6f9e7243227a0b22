package pool.testsupport.db.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import pool.testsupport.db.DatabaseKind;

/** A MariaDB server run as {@code mariadbd --no-defaults} with everything on its command line. */
public final class MariaDbServer extends ManagedServer {
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(120);
    /** Database and table for {@link MarkerPair}, outside {@code app}. */
    static final String MARKER_DATABASE = "poold_harness";

    /**
     * Speed over durability (no doublewrite, no fsync at commit or binlog write), small
     * buffers, room for pool tests with many connections. Shared by mariadb-install-db so
     * that the first start does not resize the redo log.
     */
    private static final List<String> STORAGE_OPTIONS = List.of(
            "--innodb-buffer-pool-size=32M",
            "--innodb-log-file-size=16M",
            "--innodb-log-buffer-size=4M",
            "--innodb-flush-log-at-trx-commit=2", // write() at commit survives kill -9; fsync skipped
            "--innodb-doublewrite=0",
            "--innodb-temp-data-file-path=ibtmp1:4M:autoextend",
            "--skip-innodb-buffer-pool-load-at-startup",
            "--skip-innodb-buffer-pool-dump-at-shutdown",
            "--performance-schema=OFF",
            "--character-set-server=utf8mb4",
            "--collation-server=utf8mb4_unicode_ci");

    private final int serverId;
    private final Path socketDir;

    private MariaDbServer(String name, int serverId, DataRoot root, Credentials credentials, boolean replica) {
        super(DatabaseKind.MARIADB, name, root.serverDir(name), credentials, replica);
        this.serverId = serverId;
        this.socketDir = root.socketDir();
    }

    /** Creates and starts a primary with binlog and GTIDs on. */
    public static MariaDbServer primary(String name, int serverId, DataRoot root, Credentials credentials,
                                        DataDirTemplate template) {
        return create(name, serverId, root, credentials, template, false);
    }

    /**
     * Creates and starts an empty read-only server with the same logins, for
     * {@link MariaDbPair} to attach to a primary.
     */
    static MariaDbServer replica(String name, int serverId, DataRoot root, Credentials credentials,
                                 DataDirTemplate template) {
        return create(name, serverId, root, credentials, template, true);
    }

    private static MariaDbServer create(String name, int serverId, DataRoot root, Credentials credentials,
                                        DataDirTemplate template, boolean replica) {
        MariaDbServer server = new MariaDbServer(name, serverId, root, credentials, replica);
        long t0 = System.nanoTime();
        template.copyTo(server.dataDirectory(), server.logFile());
        try {
            Files.writeString(server.initFile(), server.initSql());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long t1 = System.nanoTime();
        server.provision(server::start);
        LOG.log(System.Logger.Level.INFO, () -> String.format("MariaDB %s ready in %.2f s (data directory %.2f s)",
                name, (System.nanoTime() - t0) / 1e9, (t1 - t0) / 1e9));
        return server;
    }

    /** A template for {@link DataDirTemplate}: system tables only; logins come from the init file. */
    public static DataDirTemplate template(Path dir) {
        return new DataDirTemplate(dir, (dataDir, workDir, logFile) -> {
            List<String> command = new ArrayList<>(List.of(
                    Binaries.mariadbInstallDb().toString(),
                    "--no-defaults",
                    "--datadir=" + dataDir,
                    "--auth-root-authentication-method=normal",
                    "--skip-test-db",
                    "--skip-name-resolve",
                    // bootstrap temporary tables in a shared /tmp clash between concurrent installs
                    "--tmpdir=" + workDir));
            command.addAll(STORAGE_OPTIONS);
            ServerProcess.run("mariadb-install-db", command, java.util.Map.of(), workDir, logFile, TOOL_TIMEOUT);
        });
    }

    private Path initFile() {
        return serverDir().resolve("init.sql");
    }

    /**
     * Logins and databases, created by the server itself at every start (hence IF NOT EXISTS).
     * Kept out of the binlog so a replica, which runs the same file, does not receive them
     * twice. One statement per line: that is how --init-file reads them.
     */
    private String initSql() {
        Credentials c = credentials();
        String app = "'" + c.user() + "'@'127.0.0.1'";
        String admin = "'" + c.adminUser() + "'@'127.0.0.1'";
        String repl = "'" + c.replicationUser() + "'@'127.0.0.1'";
        return String.join("\n",
                "SET sql_log_bin = 0;",
                // install-db leaves password-less root logins for 127.0.0.1 and ::1; tests
                // must not find a way in without a password.
                "DROP USER IF EXISTS 'root'@'127.0.0.1';",
                "DROP USER IF EXISTS 'root'@'::1';",
                "CREATE USER IF NOT EXISTS " + admin + " IDENTIFIED BY '" + c.adminPassword() + "';",
                "GRANT ALL PRIVILEGES ON *.* TO " + admin + " WITH GRANT OPTION;",
                "CREATE DATABASE IF NOT EXISTS " + DATABASE + ";",
                "CREATE USER IF NOT EXISTS " + app + " IDENTIFIED BY '" + c.password() + "';",
                "GRANT ALL PRIVILEGES ON " + DATABASE + ".* TO " + app + ";",
                "CREATE USER IF NOT EXISTS " + repl + " IDENTIFIED BY '" + c.replicationPassword() + "';",
                "GRANT REPLICATION SLAVE ON *.* TO " + repl + ";",
                "CREATE DATABASE IF NOT EXISTS " + MARKER_DATABASE + ";",
                "CREATE TABLE IF NOT EXISTS " + MARKER_DATABASE + ".marker (id INT PRIMARY KEY, n BIGINT NOT NULL) ENGINE=InnoDB;",
                "INSERT IGNORE INTO " + MARKER_DATABASE + ".marker VALUES (1, 0);",
                "");
    }

    @Override
    protected List<String> serverCommand(int port) {
        List<String> command = new ArrayList<>(List.of(
                Binaries.mariadbd().toString(),
                "--no-defaults", // must come first: no /etc/mysql option files
                "--datadir=" + dataDirectory(),
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--socket=" + socketDir.resolve(name() + ".sock"),
                "--pid-file=" + serverDir().resolve("mariadbd.pid"),
                "--tmpdir=" + serverDir(),
                "--skip-name-resolve",
                "--max-connections=300",
                "--init-file=" + initFile(),
                "--server-id=" + serverId,
                "--log-bin=binlog",
                "--binlog-format=ROW",
                "--sync-binlog=0",
                "--relay-log=relay-bin",
                // after a kill -9 the replica refetches its relay log from the GTID position
                "--relay-log-recovery=ON"));
        command.addAll(STORAGE_OPTIONS);
        if (isReplica()) {
            command.add("--read-only=ON");
        }
        return command;
    }

    @Override
    protected String urlScheme() {
        return "jdbc:mariadb://";
    }

    @Override
    protected Properties driverProperties() {
        Properties props = new Properties();
        props.setProperty("connectTimeout", "5000");
        return props;
    }

    @Override
    protected String probeDatabase() {
        return DATABASE;
    }
}
