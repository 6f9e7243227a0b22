package pool.engine.internal.proxy;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The session state a connection has when handed out: the pool's configured defaults,
 * and for what the configuration leaves open, whatever the driver gave the connection
 * when it was opened. Reset-on-return restores exactly these values.
 */
public record SessionBaseline(boolean autoCommit, int isolation, boolean readOnly, String catalog, String schema,
                              int networkTimeoutMillis) {

    /**
     * Applies the configured defaults to a new connection and records the result.
     *
     * @param isolation null to keep the driver's; catalog, schema likewise
     */
    public static SessionBaseline establish(Connection c, boolean autoCommit, Integer isolation, boolean readOnly,
                                            String catalog, String schema) throws SQLException {
        if (c.getAutoCommit() != autoCommit) {
            c.setAutoCommit(autoCommit);
        }
        if (isolation != null && c.getTransactionIsolation() != isolation) {
            c.setTransactionIsolation(isolation);
        }
        if (readOnly) {
            c.setReadOnly(true);
        }
        if (catalog != null) {
            c.setCatalog(catalog);
        }
        if (schema != null) {
            c.setSchema(schema);
        }
        int timeout;
        try {
            timeout = c.getNetworkTimeout();
        } catch (SQLException | UnsupportedOperationException e) {
            timeout = 0; // drivers without network timeouts: nothing to restore
        }
        String cat;
        try {
            cat = c.getCatalog();
        } catch (SQLException e) {
            cat = null;
        }
        String sch;
        try {
            sch = c.getSchema();
        } catch (SQLException | AbstractMethodError e) {
            sch = null;
        }
        return new SessionBaseline(autoCommit, c.getTransactionIsolation(), readOnly, cat, sch, timeout);
    }
}
