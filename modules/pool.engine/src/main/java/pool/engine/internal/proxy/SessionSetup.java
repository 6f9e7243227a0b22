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

    /** The configured init SQL failed: a configuration error, not a transient one. */
    public static final class InitSqlException extends SQLException {
        private static final long serialVersionUID = 1L;

        InitSqlException(String message, SQLException cause) {
            super(message, cause.getSQLState(), cause.getErrorCode(), cause);
        }
    }

    private final Dialect dialect;
    private final String initSql;
    private final boolean autoCommit;
    private final Integer isolation;
    private final boolean readOnly;
    private final String catalog;
    private final String schema;
    private final TextCache<Integer> effects = new TextCache<>(SessionEffects::of);

    public SessionSetup(PoolConfig config, Dialect dialect) {
        this.dialect = dialect;
        this.initSql = config.initSql() == null || config.initSql().isBlank() ? null : config.initSql();
        this.autoCommit = config.defaultAutoCommit();
        this.isolation = config.defaultTransactionIsolation();
        this.readOnly = config.defaultReadOnly();
        this.catalog = config.defaultCatalog();
        this.schema = config.defaultSchema();
    }

    /**
     * Sets up a new connection (init SQL, then the defaults) and records the result.
     *
     * @throws InitSqlException when the init SQL failed
     * @throws SQLException     when the connection failed
     */
    public SessionBaseline establish(Connection c) throws SQLException {
        SessionReset reset = dialect.sessionReset(c);
        runInitSql(c);
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
        int holdability;
        try {
            holdability = c.getHoldability();
        } catch (SQLException | UnsupportedOperationException e) {
            holdability = 0; // unknown: never restored (see ConnectionState)
        }
        if (reset != null) {
            reset.capture(c);
        }
        return new SessionBaseline(autoCommit, c.getTransactionIsolation(), readOnly, cat, sch, timeout, holdability,
                reset);
    }

    private void runInitSql(Connection c) throws SQLException {
        if (initSql == null) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute(initSql);
        } catch (SQLException e) {
            throw new InitSqlException("initSql failed: " + e.getMessage(), e);
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
     * @return false when the database has no session reset: close the connection
     * @throws SQLException when resetting failed: close the connection
     */
    boolean resetSession(Connection raw, SessionBaseline b) throws SQLException {
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
