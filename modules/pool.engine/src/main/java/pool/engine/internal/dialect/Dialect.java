package pool.engine.internal.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/**
 * What differs between databases, chosen once per pool from its JDBC URL
 * ({@link #forUrl}); the rest of the engine asks this interface and never looks at the
 * URL or the driver itself.
 */
public interface Dialect {

    /**
     * @return whether {@code e} is a read that timed out (the network timeout): pgjdbc and
     *         Connector/J both keep the socket's {@link java.net.SocketTimeoutException} as a cause
     */
    static boolean readTimedOut(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the dialect of the database {@code jdbcUrl} names: PostgreSQL
     *         ({@code jdbc:postgresql:}), MariaDB ({@code jdbc:mariadb:}, {@code jdbc:mysql:}),
     *         or for anything else (H2, ...) one that closes a connection whose session may
     *         have changed instead of resetting it. A new instance per call: a dialect may
     *         learn about its pool's server (see {@link MariaDbDialect}).
     */
    static Dialect forUrl(String jdbcUrl) {
        String url = jdbcUrl == null ? "" : jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:postgresql:")) {
            return new PostgresDialect();
        }
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            return new MariaDbDialect();
        }
        return new RetiringDialect();
    }

    /**
     * Adds to {@code p} the driver's own properties for the pool's timeouts, in that
     * driver's units (a zero duration adds nothing), and whatever else the dialect needs
     * of the driver. The pool's explicit driver properties are applied after, and win.
     */
    void driverProperties(Properties p, Duration connectTimeout, Duration socketTimeout);

    /**
     * The socket read timeout to set on a connection once it is open, when
     * {@link #driverProperties} had to give the driver another one for the connect itself.
     *
     * @param explicit the driver properties the pool's configuration names (they win)
     * @return milliseconds for {@link Connection#setNetworkTimeout} (0: none), or -1 to leave
     *         the connection as the driver opened it
     */
    default int socketTimeoutAfterConnect(Duration connectTimeout, Duration socketTimeout,
                                          java.util.Set<String> explicit) {
        return -1;
    }

    /**
     * Looks at a new connection, as the factory opened it (before the pool's init SQL and
     * defaults), and says how its session can be reset.
     *
     * @return the reset for this connection, or null when the database offers none the
     *         pool trusts: then a connection whose session may have changed is closed on
     *         return instead of handed on
     * @throws SQLException when the connection failed: it is not used
     */
    SessionReset sessionReset(Connection raw) throws SQLException;

    /**
     * Ends a transaction that SQL (BEGIN, START TRANSACTION) may have begun while the
     * connection is in autocommit, which the driver's {@code rollback()} alone may refuse.
     *
     * @return false when this database offers no safe way: the connection is closed instead
     */
    boolean endTransaction(Connection raw) throws SQLException;
}
