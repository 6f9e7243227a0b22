package pool.api.spi;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Which SQL errors mean a connection is broken, for PostgreSQL and MariaDB/MySQL.
 * Shared by the engine's default factory and custom ones.
 */
public final class FatalErrors {

    private FatalErrors() {
    }

    /**
     * @return whether {@code e} (or an exception in its chain) means the connection it
     *         came from can no longer be used: SQLState class 08 (connection
     *         exception), PostgreSQL's 57P01-57P03 (admin/crash shutdown, cannot
     *         connect now), XX000 on a closed socket, MariaDB's 70100 (killed) and the
     *         driver's own "connection broken" exception types. MariaDB's 70100 for a
     *         statement interrupted alone (error 1317: {@code KILL QUERY}, a cancel; 1969:
     *         {@code max_statement_time}, a query timeout) is not fatal: the session goes on.
     */
    public static boolean isFatal(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException
                    || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                if (state != null) {
                    if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                            || state.equals("57P03") || state.equals("70100") && !statementOnly(s.getErrorCode())) {
                        return true;
                    }
                }
                // MariaDB/MySQL: ER_SERVER_SHUTDOWN, ER_CONNECTION_KILLED / lost connection codes.
                int code = s.getErrorCode();
                if (code == 1053 || code == 1927 || code == 2006 || code == 2013 || code == 4031) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * MariaDB's errors of SQLState 70100 that end one statement and leave its session open:
     * a connection that reports them is as good as before, and closing it for a query
     * timeout would make every timeout cost a reconnect.
     */
    private static boolean statementOnly(int code) {
        return code == 1317 || code == 1969; // ER_QUERY_INTERRUPTED, ER_STATEMENT_TIMEOUT
    }

    /**
     * @return whether {@code e} from opening a connection is a configuration error:
     *         bad credentials (28xxx, 1045), unknown database (3D000, 1049), or an
     *         unknown host ({@link java.net.UnknownHostException} in the chain)
     */
    public static boolean isConfigurationError(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.UnknownHostException) {
                return true;
            }
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                if (state != null && (state.startsWith("28") || state.equals("3D000"))) {
                    return true;
                }
                int code = s.getErrorCode();
                if (code == 1045 || code == 1049 || code == 1044) {
                    return true;
                }
            }
        }
        return false;
    }
}
