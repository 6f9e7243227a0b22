package pool.stubdriver;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.Set;

/**
 * A physical connection of the stub driver. It keeps the session state a pool resets
 * (auto-commit, isolation, read-only, catalog, schema, network timeout, warnings, open
 * transaction, open statements) and counts the calls that change it, so a test can
 * see exactly what reset-on-return touched.
 *
 * <p>Like a real connection it is meant for one thread at a time; the call counters
 * are volatile so that a test thread reads them after the pool has handed the
 * connection back.
 */
public final class StubConnection extends BaseConnection {

    private final StubDatabase db;
    private final long id;
    private volatile boolean closed;
    private volatile boolean broken;
    private volatile boolean autoCommit = true;
    private volatile int isolation = TRANSACTION_READ_COMMITTED;
    private volatile boolean readOnly;
    private volatile String catalog = "stub";
    private volatile String schema = "public";
    private volatile int networkTimeout;
    private volatile boolean inTransaction;
    private volatile SQLWarning warnings;
    private final Set<StubStatement> openStatements = ConcurrentHashMap.newKeySet();

    private volatile int setAutoCommitCalls;
    private volatile int setTransactionIsolationCalls;
    private volatile int setReadOnlyCalls;
    private volatile int setCatalogCalls;
    private volatile int setSchemaCalls;
    private volatile int setNetworkTimeoutCalls;
    private volatile int clearWarningsCalls;
    private volatile int rollbackCalls;
    private volatile int commitCalls;
    private volatile int closeCalls;

    StubConnection(StubDatabase db, long id) {
        this.db = db;
        this.id = id;
    }

    @Override
    void check() throws SQLException {
        if (closed) {
            throw new SQLException("stub: connection " + id + " is closed", "08003");
        }
        if (broken) {
            throw new SQLException("stub: connection " + id + " is broken (I/O error: connection reset)", "08006");
        }
    }

    // ---- test knobs and observations ----------------------------------------------

    /** @return the database this connection belongs to */
    public StubDatabase database() {
        return db;
    }

    /** @return the driver-side id (1, 2, ... per database) */
    public long id() {
        return id;
    }

    /** From now on every use throws SQLState 08006 and {@code isValid} answers false. */
    public void breakConnection() {
        broken = true;
    }

    /** @return whether {@link #breakConnection()} was called */
    public boolean isBroken() {
        return broken;
    }

    /** Adds a warning to the chain {@code getWarnings} returns. */
    public void addWarning(String message) {
        SQLWarning w = new SQLWarning(message);
        SQLWarning head = warnings;
        if (head == null) {
            warnings = w;
        } else {
            head.setNextWarning(w);
        }
    }

    /** @return whether a transaction is open (auto-commit off and work done since the last commit/rollback) */
    public boolean inTransaction() {
        return inTransaction;
    }

    /** @return statements created and not closed */
    public int openStatementCount() {
        return openStatements.size();
    }

    public int setAutoCommitCalls() {
        return setAutoCommitCalls;
    }

    public int setTransactionIsolationCalls() {
        return setTransactionIsolationCalls;
    }

    public int setReadOnlyCalls() {
        return setReadOnlyCalls;
    }

    public int setCatalogCalls() {
        return setCatalogCalls;
    }

    public int setSchemaCalls() {
        return setSchemaCalls;
    }

    public int setNetworkTimeoutCalls() {
        return setNetworkTimeoutCalls;
    }

    public int clearWarningsCalls() {
        return clearWarningsCalls;
    }

    public int rollbackCalls() {
        return rollbackCalls;
    }

    public int commitCalls() {
        return commitCalls;
    }

    /** @return how many times {@code close()} was called (a pool should call it once) */
    public int closeCalls() {
        return closeCalls;
    }

    /** @return the sum of all state-changing calls: 0 means reset touched nothing */
    public int stateChangingCalls() {
        return setAutoCommitCalls + setTransactionIsolationCalls + setReadOnlyCalls + setCatalogCalls
                + setSchemaCalls + setNetworkTimeoutCalls + clearWarningsCalls + rollbackCalls + commitCalls;
    }

    // ---- statement bookkeeping ------------------------------------------------------

    void executed() throws SQLException {
        check();
        db.executed();
        if (!autoCommit) {
            inTransaction = true;
        }
    }

    void statementClosed(StubStatement s) {
        openStatements.remove(s);
    }

    private <S extends StubStatement> S track(S s) {
        openStatements.add(s);
        return s;
    }

    // ---- java.sql.Connection ---------------------------------------------------------

    @Override
    public Statement createStatement() throws SQLException {
        check();
        return track(new StubStatement(this));
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
        return createStatement();
    }

    @Override
    public Statement createStatement(int type, int concurrency, int holdability) throws SQLException {
        return createStatement();
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        check();
        return track(new StubPreparedStatement(this, sql));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability)
            throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        check();
        return track(new StubCallableStatement(this, sql));
    }

    @Override
    public CallableStatement prepareCall(String sql, int type, int concurrency) throws SQLException {
        return prepareCall(sql);
    }

    @Override
    public CallableStatement prepareCall(String sql, int type, int concurrency, int holdability)
            throws SQLException {
        return prepareCall(sql);
    }

    @Override
    public String nativeSQL(String sql) throws SQLException {
        check();
        return sql;
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        check();
        setAutoCommitCalls++;
        if (autoCommit && !this.autoCommit) {
            inTransaction = false; // JDBC: switching auto-commit on commits
        }
        this.autoCommit = autoCommit;
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        check();
        return autoCommit;
    }

    @Override
    public void commit() throws SQLException {
        check();
        commitCalls++;
        inTransaction = false;
    }

    @Override
    public void rollback() throws SQLException {
        check();
        rollbackCalls++;
        inTransaction = false;
    }

    @Override
    public void rollback(java.sql.Savepoint savepoint) throws SQLException {
        check();
    }

    @Override
    public void close() {
        closeCalls++;
        if (closed) {
            return;
        }
        closed = true;
        for (StubStatement s : openStatements) {
            s.closeQuietly();
        }
        db.closed(this);
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean isValid(int timeoutSeconds) throws SQLException {
        if (timeoutSeconds < 0) {
            throw new SQLException("stub: negative timeout", "22023");
        }
        if (closed || broken) {
            return false;
        }
        return db.validate() && !broken;
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        check();
        return new StubDatabaseMetaData(this);
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        check();
        setReadOnlyCalls++;
        this.readOnly = readOnly;
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        check();
        return readOnly;
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        check();
        setCatalogCalls++;
        this.catalog = catalog;
    }

    @Override
    public String getCatalog() throws SQLException {
        check();
        return catalog;
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        check();
        setSchemaCalls++;
        this.schema = schema;
    }

    @Override
    public String getSchema() throws SQLException {
        check();
        return schema;
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        check();
        setTransactionIsolationCalls++;
        this.isolation = level;
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        check();
        return isolation;
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        check();
        setNetworkTimeoutCalls++;
        this.networkTimeout = milliseconds;
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        check();
        return networkTimeout;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        check();
        return warnings;
    }

    @Override
    public void clearWarnings() throws SQLException {
        check();
        clearWarningsCalls++;
        warnings = null;
    }

    @Override
    public int getHoldability() throws SQLException {
        check();
        return java.sql.ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public String toString() {
        return "StubConnection[" + db.name() + "#" + id + (closed ? ", closed" : "") + (broken ? ", broken" : "") + "]";
    }
}
