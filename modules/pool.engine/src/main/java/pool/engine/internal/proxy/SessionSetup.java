package pool.engine.internal.proxy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import pool.api.PoolConfig;
import pool.engine.internal.dialect.Dialect;
import pool.engine.internal.dialect.SessionReset;
import pool.engine.internal.sql.SessionEffects;
import pool.engine.internal.sql.TextCache;

/**
 * How the pool sets up the session of each of its connections, and sets it up again
 * after resetting it: the init SQL, then the configured defaults (auto-commit, isolation,
 * read-only, catalog, schema). One per pool, shared by its connections; it also holds
 * the pool's dialect and what it knows of which statements change a session.
 */
public final class SessionSetup {

    /** The configured init SQL or test query failed: a configuration error, not a transient one. */
    public static final class InitSqlException extends SQLException {
        private static final long serialVersionUID = 1L;

        InitSqlException(String message, SQLException cause) {
            super(message, cause.getSQLState(), cause.getErrorCode(), cause);
        }
    }

    /** Setting up a new connection got no answer within connectTimeout: transient, retried with backoff. */
    public static final class SetupTimeoutException extends SQLException {
        private static final long serialVersionUID = 1L;

        SetupTimeoutException(String message, SQLException cause) {
            super(message, "08001", cause.getErrorCode(), cause);
        }
    }

    private final Dialect dialect;
    /** Bounds reads while a new connection is set up (connectTimeout); 0: unbounded. */
    private final int setupTimeoutMillis;
    private final String initSql;
    private final String testQuery;
    private final boolean autoCommit;
    private final Integer isolation;
    private final boolean readOnly;
    private final String catalog;
    private final String schema;
    private final TextCache<Integer> effects = new TextCache<>(SessionEffects::of);

    public SessionSetup(PoolConfig config, Dialect dialect) {
        this.dialect = dialect;
        this.setupTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis());
        this.initSql = config.initSql() == null || config.initSql().isBlank() ? null : config.initSql();
        this.testQuery = config.testQuery() == null || config.testQuery().isBlank() ? null : config.testQuery();
        this.autoCommit = config.defaultAutoCommit();
        this.isolation = config.defaultTransactionIsolation();
        this.readOnly = config.defaultReadOnly();
        this.catalog = config.defaultCatalog();
        this.schema = config.defaultSchema();
    }

    /**
     * Sets up a new connection (init SQL, the test query once, then the defaults) and records
     * the result.
     *
     * @throws InitSqlException      when the init SQL or the test query failed
     * @throws SetupTimeoutException when the database did not answer within connectTimeout
     * @throws SQLException          when the connection failed
     */
    public SessionBaseline establish(Connection c) throws SQLException {
        int configured;
        try {
            configured = c.getNetworkTimeout();
        } catch (SQLException | UnsupportedOperationException e) {
            configured = 0; // drivers without network timeouts: nothing to restore
        }
        // With no read timeout (socketTimeout 0, the default) a database that stalls while
        // the setup queries run would hold the creator thread for good, and the attempt, still
        // in flight, would cover minIdle's demand: nothing else would be tried. The setup reads
        // with connectTimeout instead, as the connect did, and the configured timeout comes back after.
        int bound = configured == 0 ? setupTimeoutMillis : Math.min(configured, setupTimeoutMillis);
        boolean bounded = bound > 0 && bound != configured && setTimeout(c, bound);
        try {
            SessionReset reset = dialect.sessionReset(c);
            if (bounded) {
                // MariaDB's first connection is probed with a driver reset, and Connector/J's
                // reset puts its socketTimeout option back (0: none): bound the rest again.
                c.setNetworkTimeout(Runnable::run, bound);
            }
            SessionBaseline b = setUp(c, reset, configured);
            if (bounded) {
                c.setNetworkTimeout(Runnable::run, configured);
            }
            return b;
        } catch (SQLException e) {
            if (bounded && Dialect.readTimedOut(e)) {
                throw new SetupTimeoutException("setting up the new connection (init SQL and the pool's session "
                        + "defaults) got no answer from the database within connectTimeout (" + bound + " ms): "
                        + e.getMessage(), e);
            }
            throw e;
        }
    }

    /** @return whether the driver took the timeout (some have none: their setup stays unbounded) */
    private static boolean setTimeout(Connection c, int millis) {
        try {
            c.setNetworkTimeout(Runnable::run, millis);
            return true;
        } catch (SQLException | UnsupportedOperationException | AbstractMethodError e) {
            return false;
        }
    }

    private SessionBaseline setUp(Connection c, SessionReset reset, int timeout) throws SQLException {
        runInitSql(c);
        runTestQuery(c);
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
        int holdability;
        try {
            holdability = c.getHoldability();
        } catch (SQLException | UnsupportedOperationException e) {
            holdability = 0; // unknown: never restored (see ConnectionState)
        }
        java.util.Map<String, String> clientInfo;
        try {
            java.util.Properties p = c.getClientInfo();
            clientInfo = new java.util.HashMap<>();
            for (String key : p.stringPropertyNames()) {
                clientInfo.put(key, p.getProperty(key));
            }
            clientInfo = java.util.Map.copyOf(clientInfo);
        } catch (SQLException | RuntimeException | AbstractMethodError e) {
            clientInfo = null; // unknown: a connection whose client info changes is closed on return
        }
        if (reset != null) {
            reset.capture(c);
        }
        return new SessionBaseline(autoCommit, c.getTransactionIsolation(), readOnly, cat, sch, timeout, holdability,
                clientInfo, reset);
    }

    private void runInitSql(Connection c) throws SQLException {
        if (initSql == null) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute(initSql);
        } catch (SQLException e) {
            throw pool.api.spi.FatalErrors.isFatal(e) ? e : new InitSqlException("initSql failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs the test query once on a new connection. One the database refuses (a typo, a
     * table that is not there, a missing grant) would fail every later check, and each
     * failed check would only replace a working connection with a new one, borrowers waiting
     * or timing out with no word on why. Failing here, it is a configuration error with the
     * database's reason, as a failing init SQL is.
     */
    private void runTestQuery(Connection c) throws SQLException {
        if (testQuery == null) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute(testQuery);
        } catch (SQLException e) {
            throw pool.api.spi.FatalErrors.isFatal(e) ? e : new InitSqlException("testQuery '" + testQuery
                    + "' failed on a new connection: " + e.getMessage() + "; fix testQuery, or leave it unset to "
                    + "check connections with Connection.isValid", e);
        }
    }

    /** @return what running {@code sql} may leave in the session ({@link pool.engine.internal.sql.SessionEffects}) */
    int effectsOf(String sql) {
        return effects.get(sql);
    }

    /** @return false when the dialect cannot end a transaction SQL began in autocommit */
    boolean endTransaction(Connection raw) throws SQLException {
        return dialect.endTransaction(raw);
    }

    /**
     * Resets the database session of {@code raw} and sets it up again as
     * {@link #establish} did: the init SQL, the configured defaults, and the JDBC-visible
     * state of the baseline (a driver's reset may change what its setters set).
     *
     * @param unwrapped whether the borrower held the driver's own connection, whose setters
     *                  the handle did not see
     * @return false when the database has no session reset: close the connection
     * @throws SQLException when resetting failed: close the connection
     */
    boolean resetSession(Connection raw, SessionBaseline b, boolean unwrapped) throws SQLException {
        SessionReset reset = b.sessionReset();
        if (reset == null) {
            return false;
        }
        reset.reset(raw);
        runInitSql(raw);
        if (raw.getAutoCommit() != b.autoCommit()) {
            raw.setAutoCommit(b.autoCommit());
        }
        if (isolation != null) {
            raw.setTransactionIsolation(b.isolation()); // the server's value went back to its default
        } else if (unwrapped && raw.getTransactionIsolation() != b.isolation()) {
            // Set on the unwrapped driver connection: Connector/J keeps its own copy, which a
            // COM_RESET_CONNECTION leaves as it was while the server's goes back to the default.
            // (Asked only then: pgjdbc asks the server, a round trip.)
            raw.setTransactionIsolation(b.isolation());
        }
        if (b.readOnly()) {
            // Drivers skip a set to the value they believe current, while the reset changed
            // the server's: go through false so that true reaches the server where it must.
            raw.setReadOnly(false);
            raw.setReadOnly(true);
        } else if (raw.isReadOnly()) {
            raw.setReadOnly(false);
        }
        if (b.catalog() != null) {
            raw.setCatalog(b.catalog()); // MariaDB keeps the database a USE chose across a reset
        }
        if (schema != null) {
            raw.setSchema(b.schema());
        }
        if (raw.getNetworkTimeout() != b.networkTimeoutMillis()) {
            raw.setNetworkTimeout(Runnable::run, b.networkTimeoutMillis());
        }
        return true;
    }
}
