package pool.api.spi;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Opens, checks and closes physical connections for a pool. The engine's default
 * works over a JDBC driver with the pool's URL, credentials and driver properties;
 * supply your own to {@code Pools.create(config, factory)} for anything else.
 *
 * <p>Implementations must be thread-safe: the pool calls them from several threads,
 * but never from a borrower while it holds a pool lock.
 */
public interface ConnectionFactory {

    /**
     * Opens one physical connection, in the session the database gives a new connection.
     * The pool then runs its init SQL and applies its defaults (auto-commit, isolation,
     * read-only, catalog, schema), and does so again each time it resets the connection's
     * database session after a borrow that may have changed it (PostgreSQL
     * {@code DISCARD ALL}, MariaDB's connection reset). Session state this method sets by
     * other means does not survive such a reset: set it up through the init SQL instead.
     *
     * @throws SQLException with the driver's reason; {@link #isConfigurationError}
     *                      tells whether retrying can help
     */
    Connection create() throws SQLException;

    /**
     * @return whether the connection still works, found within {@code timeout}
     * @see #validate(Connection, String, Duration)
     */
    boolean validate(Connection connection, Duration timeout);

    /**
     * Closes a physical connection, quietly: a failure to close is not the caller's problem.
     * The default calls {@link Connection#close()} and ignores what it throws.
     */
    default void destroy(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException ignored) {
            // Quietly, per the contract: the connection is gone either way.
        }
    }

    /**
     * The check a pool's settings ask for, for implementations of
     * {@link #validate(Connection, Duration)}: {@link Connection#isValid} when
     * {@code testQuery} is null or blank, else that query, either bounded by {@code timeout}
     * (rounded up to whole seconds, at least 1, as JDBC counts it; the query's reads also by
     * {@code timeout} itself, as the connection's network timeout while it runs).
     *
     * @return whether the connection answered in time; false on any error
     */
    static boolean validate(Connection connection, String testQuery, Duration timeout) {
        int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000));
        try {
            if (testQuery == null || testQuery.isBlank()) {
                return connection.isValid(seconds) && endCheckTransaction(connection);
            }
            try (Statement s = connection.createStatement()) {
                s.setQueryTimeout(seconds);
                // A query timeout is carried out by the server (MariaDB's max_statement_time) or
                // by a cancel sent over a new connection (PostgreSQL): a database that stopped
                // answering gets neither, and the check would wait for good. The socket bounds it.
                int before = boundReads(connection, timeout);
                try {
                    s.execute(testQuery);
                    return endCheckTransaction(connection);
                } finally {
                    if (before >= 0) {
                        connection.setNetworkTimeout(Runnable::run, before);
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Ends the transaction a check may have begun on a connection out of auto-commit (a test
     * query does on PostgreSQL): left open it would be the next borrower's, who could then not
     * change its isolation or read-only flag (pgjdbc refuses both inside a transaction). Both
     * drivers skip the rollback when no transaction is open.
     *
     * @return true
     */
    private static boolean endCheckTransaction(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
        }
        return true;
    }

    /** @return the connection's network timeout before it was set to {@code timeout}, or -1 when the driver has none */
    private static int boundReads(Connection connection, Duration timeout) {
        try {
            int before = connection.getNetworkTimeout();
            connection.setNetworkTimeout(Runnable::run, (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            return before;
        } catch (SQLException | RuntimeException | AbstractMethodError unsupported) {
            return -1;
        }
    }

    /**
     * @return whether {@code e} from {@link #create()} is a configuration error (bad
     *         credentials, unknown database or host) that retrying will not cure
     */
    default boolean isConfigurationError(SQLException e) {
        return FatalErrors.isConfigurationError(e);
    }

    /** @return whether {@code e}, seen on a connection, means that connection is broken */
    default boolean isFatal(SQLException e) {
        return FatalErrors.isFatal(e);
    }
}
