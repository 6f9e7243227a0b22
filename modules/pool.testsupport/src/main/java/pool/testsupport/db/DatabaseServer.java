package pool.testsupport.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A real database server started for tests, listening on {@code 127.0.0.1}.
 *
 * <p>Every server has a database {@value #DATABASE} and a login {@link #user()} that owns it
 * (all privileges on it), authenticated by password ({@code scram-sha-256} on PostgreSQL,
 * {@code mysql_native_password} on MariaDB), so a wrong password really fails. An
 * administrator account is reachable through {@link #adminConnection()}.
 *
 * <p>Servers are shared by all tests of a JVM: use your own table names, and leave a server
 * running (or {@link #start()} it again) when a test stops or kills it. A server a test left
 * stopped is restarted before it is handed to the next test.
 *
 * <p>Fault tests use {@link #stop()}, {@link #kill()}, {@link #start()} and {@link #restart()};
 * the server keeps its port, data and credentials across them.
 */
public interface DatabaseServer {
    /** The database every server has, owned by {@link #user()}. */
    String DATABASE = "app";

    /** PostgreSQL or MariaDB. */
    DatabaseKind kind();

    /** A short name such as {@code postgres-primary}, used for directories and messages. */
    String name();

    /** Always {@code 127.0.0.1}: test servers never listen anywhere else. */
    String host();

    /** The TCP port on {@link #host()}, chosen free at first start and kept across restarts. */
    int port();

    /** JDBC URL of database {@value #DATABASE} ({@code jdbc:postgresql://...} or {@code jdbc:mariadb://...}). */
    default String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    /** JDBC URL of {@code database} on this server. */
    String jdbcUrl(String database);

    /** The password-authenticated application login that owns {@value #DATABASE}. */
    String user();

    /** The password of {@link #user()}, random per test run. */
    String password();

    /**
     * A new connection to {@value #DATABASE} as {@link #user()}. Needs the kind's JDBC driver on
     * the test path ({@code org.postgresql:postgresql}, {@code org.mariadb.jdbc:mariadb-java-client}).
     */
    Connection openConnection() throws SQLException;

    /** A new connection to {@value #DATABASE} as the server's superuser. */
    Connection adminConnection() throws SQLException;

    /** Whether this server is a replica (read-only, fed by its primary). */
    boolean isReplica();

    /** The operating-system pid of the server (the postmaster for PostgreSQL); -1 when not running. */
    long pid();

    /** Whether the server process is alive. */
    boolean isRunning();

    /** Starts the server when it is not running and waits until it accepts connections. */
    void start();

    /** Shuts the server down cleanly (PostgreSQL fast shutdown, MariaDB normal shutdown) and waits. */
    void stop();

    /**
     * Kills the server process with SIGKILL and waits for it to be gone, like a crash. A
     * following {@link #start()} performs crash recovery.
     */
    void kill();

    /** {@link #stop()} then {@link #start()}. */
    default void restart() {
        stop();
        start();
    }

    /** The server's log file (its stdout and stderr), for post-mortems. */
    Path logFile();

    /** The server's data directory. */
    Path dataDirectory();
}
