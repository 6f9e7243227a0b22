package pool.testsupport.db.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import pool.testsupport.db.DatabaseKind;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.DatabaseServerException;

/**
 * What PostgreSQL and MariaDB servers share: the process life cycle (start with retries,
 * wait until connections are accepted, clean stop, kill), the port and the logins.
 * Subclasses say how to run their server and how to talk to it.
 */
public abstract class ManagedServer implements DatabaseServer {
    static final System.Logger LOG = System.getLogger("pool.testsupport.db");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration READY_POLL = Duration.ofMillis(50);
    /** How often a first start may move to another port because the chosen one was taken meanwhile. */
    private static final int PORT_CLASH_RETRIES = 3;

    private final DatabaseKind kind;
    private final String name;
    private final Path serverDir;
    private final Path dataDir;
    private final Credentials credentials;
    private final boolean replica;
    private volatile int port;
    private volatile ServerProcess process;
    /** Once a server was up, its port is published (a replica follows it) and must not change. */
    private boolean everReady;

    protected ManagedServer(DatabaseKind kind, String name, Path serverDir, Credentials credentials, boolean replica) {
        this.kind = kind;
        this.name = name;
        this.serverDir = serverDir;
        this.dataDir = serverDir.resolve("data");
        this.credentials = credentials;
        this.replica = replica;
        this.port = FreePort.onLoopback();
    }

    /** The command line that runs the server in the foreground on {@code port}. */
    protected abstract List<String> serverCommand(int port);

    /**
     * Asks the server to shut down without waiting for clients to disconnect. SIGTERM by
     * default; it is sent from Java, so no kill(1) (procps, absent from minimal images) is needed.
     */
    protected void requestCleanStop(ServerProcess running) {
        running.terminate();
    }

    /** {@code jdbc:postgresql://} or {@code jdbc:mariadb://}. */
    protected abstract String urlScheme();

    /** Driver properties beside user and password, e.g. short connect timeouts. */
    protected abstract Properties driverProperties();

    /** A database that exists from the first start on, for the readiness probe. */
    protected abstract String probeDatabase();

    protected Map<String, String> environment() {
        return Map.of();
    }

    @Override
    public DatabaseKind kind() {
        return kind;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String jdbcUrl(String database) {
        return urlScheme() + host() + ":" + port + "/" + database;
    }

    @Override
    public String user() {
        return credentials.user();
    }

    @Override
    public String password() {
        return credentials.password();
    }

    public Credentials credentials() {
        return credentials;
    }

    @Override
    public Connection openConnection() throws SQLException {
        return connect(DATABASE, credentials.user(), credentials.password());
    }

    @Override
    public Connection adminConnection() throws SQLException {
        return connect(DATABASE, credentials.adminUser(), credentials.adminPassword());
    }

    /** A connection to {@code database} as the administrator. */
    public Connection adminConnection(String database) throws SQLException {
        return connect(database, credentials.adminUser(), credentials.adminPassword());
    }

    private Connection connect(String database, String user, String password) throws SQLException {
        Properties props = driverProperties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    @Override
    public boolean isReplica() {
        return replica;
    }

    @Override
    public long pid() {
        ServerProcess p = process;
        return p != null && p.isAlive() ? p.pid() : -1;
    }

    @Override
    public boolean isRunning() {
        ServerProcess p = process;
        return p != null && p.isAlive();
    }

    @Override
    public Path logFile() {
        return serverDir.resolve("server.log");
    }

    @Override
    public Path dataDirectory() {
        return dataDir;
    }

    protected Path serverDir() {
        return serverDir;
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        requireDriver();
        long started = System.nanoTime();
        int portClashesLeft = PORT_CLASH_RETRIES;
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            ServerProcess attempt = ServerProcess.start(serverCommand(port), environment(), serverDir, logFile(),
                    serverDir.resolve(DataRoot.PID_FILE));
            process = attempt;
            if (awaitReady(attempt, deadline)) {
                everReady = true;
                LOG.log(System.Logger.Level.INFO, () -> String.format("%s on port %d accepts connections after %.2f s",
                        name, port, (System.nanoTime() - started) / 1e9));
                return;
            }
            String log = attempt.logSinceStart();
            if (attempt.isAlive()) {
                attempt.kill();
                throw new DatabaseServerException(name + " did not accept connections within "
                        + START_TIMEOUT.toSeconds() + " s; log " + logFile() + " ends:\n" + log);
            }
            boolean portClash = log.contains("already in use");
            if (!everReady && portClash && portClashesLeft-- > 0) {
                port = FreePort.onLoopback();
                continue;
            }
            // After a kill -9 the old incarnation's leftovers (PostgreSQL's orphaned backends
            // holding shared memory, a port in TIME_WAIT) go away by themselves within seconds.
            if (everReady && System.nanoTime() < deadline) {
                sleep(Duration.ofMillis(200));
                continue;
            }
            throw new DatabaseServerException(name + " exited while starting; log " + logFile() + " ends:\n" + log);
        }
    }

    private boolean awaitReady(ServerProcess attempt, long deadline) {
        while (System.nanoTime() < deadline) {
            if (!attempt.isAlive()) {
                return false;
            }
            try (Connection probe = adminConnection(probeDatabase())) {
                if (probe.isValid(5)) {
                    return true;
                }
            } catch (SQLException notYet) {
                // not listening yet, or still recovering: poll again
            }
            sleep(READY_POLL);
        }
        return false;
    }

    private void requireDriver() {
        try {
            DriverManager.getDriver(jdbcUrl(probeDatabase()));
        } catch (SQLException e) {
            throw new DatabaseServerException("no JDBC driver for " + urlScheme() + " on the test path: add "
                    + (kind == DatabaseKind.POSTGRES ? "org.postgresql:postgresql" : "org.mariadb.jdbc:mariadb-java-client")
                    + " as a test dependency", e);
        }
    }

    @Override
    public synchronized void stop() {
        ServerProcess p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        requestCleanStop(p);
        if (!p.awaitExit(STOP_TIMEOUT)) {
            LOG.log(System.Logger.Level.WARNING, name + " did not stop within " + STOP_TIMEOUT.toSeconds()
                    + " s; killing it");
            p.kill();
        }
    }

    @Override
    public synchronized void kill() {
        ServerProcess p = process;
        if (p != null) {
            p.kill();
        }
    }

    /**
     * Runs the steps that create this server. When one fails the half-made server is killed:
     * nothing else knows about it, so nothing else would stop it.
     */
    protected void provision(Runnable steps) {
        try {
            steps.run();
        } catch (RuntimeException | Error e) {
            kill();
            throw e;
        }
    }

    /** Runs {@code sql} statements in order as the administrator on {@code database}. */
    public void execute(String database, String... sql) {
        try (Connection c = adminConnection(database); var statement = c.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        } catch (SQLException e) {
            throw new DatabaseServerException(name + ": " + e.getMessage(), e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseServerException("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return kind.displayName() + " " + name + " at " + jdbcUrl();
    }
}
