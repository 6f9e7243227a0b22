package pool.engine.internal.proxy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.Executor;
import pool.engine.internal.sql.SessionEffects;

/**
 * The application's handle on a pooled connection: one per borrow.
 *
 * <p><b>Why a fresh handle per borrow, not one reused per connection.</b> The
 * application may keep a reference after {@code close()}. A reused handle would, on the
 * next borrow, be live again, and the stale reference could run statements on someone
 * else's connection; no flag or generation check can tell the two holders apart when
 * they hold the same object. A fresh handle makes staleness structural: the old handle
 * switched to {@link ClosedConnection} for good. The cost is this one small object
 * (header, 6 references and a long: 48 bytes, a TLAB bump); everything that would otherwise be allocated
 * per borrow (statement tracking, dirty flags, borrow record) lives in the reused
 * {@link ConnectionState} and pool entry. HikariCP and Agroal allocate a wrapper per
 * borrow as well (HikariCP also a statement list).
 *
 * <p><b>Ownership.</b> The delegate field is the single point of decision between
 * the application's close, leak reclaim and pool shutdown: each swaps it from the
 * physical connection to a {@link ClosedConnection} by CAS, and only the winner deals
 * with the physical connection. Closing twice, or closing a reclaimed handle, does
 * nothing.
 */
public final class ProxyConnection extends DelegatingConnection {

    private static final VarHandle DELEGATE;

    static {
        try {
            DELEGATE = MethodHandles.lookup().findVarHandle(ProxyConnection.class, "delegate", Connection.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ConnectionState state;
    private final ProxyOwner owner;
    private final Object entry;
    /*
     * The borrow record (for leak reports) lives here, not on the pool entry: these are
     * stores into a newly allocated object, which G1's post-write barrier filters out,
     * while a reference stored into the long-lived entry costs a StoreLoad fence in that
     * barrier on every borrow. Final: one record per handle, so a reader that holds the
     * handle reads that borrow's record and no other.
     */
    private final long borrowedAtNanos;
    private final Thread borrower;
    private final Throwable borrowStack;
    @SuppressWarnings("unused") // accessed through DELEGATE and delegate()
    private volatile Connection delegate;

    /**
     * @param entry       the pool's entry for the physical connection, handed back to the
     *                    owner on close (opaque here)
     * @param borrowedAt  the pool clock's time of the borrow (nanoseconds)
     * @param borrower    the thread charged with the borrow
     * @param borrowStack where it was borrowed, or null when not captured
     */
    public ProxyConnection(ConnectionState state, ProxyOwner owner, Object entry, long borrowedAt, Thread borrower,
                           Throwable borrowStack) {
        this.state = state;
        this.owner = owner;
        this.entry = entry;
        this.borrowedAtNanos = borrowedAt;
        this.borrower = borrower;
        this.borrowStack = borrowStack;
        // Plain store: the handle reaches other threads only through the entry's release
        // store (PoolEntry.borrowed), which publishes this write with it; a volatile store
        // here would cost a full fence on every borrow.
        DELEGATE.set(this, state.raw());
    }

    @Override
    Connection delegate() {
        return delegate;
    }

    /** @return the pool entry this handle was borrowed from */
    public Object entry() {
        return entry;
    }

    /** @return the pool clock's time of this borrow (nanoseconds) */
    public long borrowedAtNanos() {
        return borrowedAtNanos;
    }

    /** @return the thread charged with this borrow */
    public Thread borrower() {
        return borrower;
    }

    /** @return where this borrow was made, or null when its stack was not captured */
    public Throwable borrowStack() {
        return borrowStack;
    }

    /** @return the tracked session state of the physical connection */
    public ConnectionState state() {
        return state;
    }

    @Override
    SQLException onError(SQLException e) {
        Connection d = delegate;
        if (d instanceof ClosedConnection c) {
            if (c != ClosedConnection.CLOSED && !c.message().equals(e.getMessage())) {
                // Taken away (reclaimed, shut down) while the call ran: the pool cancelled or
                // closed it, and the caller learns why rather than the driver's "cancelled".
                SQLException why = c.unusable();
                why.initCause(e);
                return why;
            }
            return e;
        }
        if (owner.isFatal(e)) {
            state.markBroken();
        }
        return e;
    }

    /**
     * Takes the handle away from the application (leak reclaim, pool shutdown).
     *
     * @return true when this call did it; false when the application closed it first
     *         or it was already taken away
     */
    public boolean revoke(ClosedConnection replacement) {
        Connection d = delegate;
        return !(d instanceof ClosedConnection) && DELEGATE.compareAndSet(this, d, replacement);
    }

    /** @return whether the application can still use this handle */
    public boolean isLive() {
        return !(delegate instanceof ClosedConnection);
    }

    // ---- return ---------------------------------------------------------------------

    @Override
    public void close() {
        Connection d = delegate;
        if (d instanceof ClosedConnection) {
            return; // double close, or reclaimed/shut down already: harmless
        }
        if (DELEGATE.compareAndSet(this, d, ClosedConnection.CLOSED)) {
            owner.returned(this);
        }
    }

    @Override
    public boolean isClosed() throws SQLException {
        Connection d = delegate;
        if (d instanceof ClosedConnection) {
            return true;
        }
        try {
            return d.isClosed();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        Connection d = delegate;
        if (d instanceof ClosedConnection) {
            return;
        }
        state.markBroken(); // aborted connections are never reused
        try {
            d.abort(executor);
        } finally {
            close();
        }
    }

    // ---- state tracking ---------------------------------------------------------------

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        super.setAutoCommit(autoCommit);
        if (autoCommit && !state.autoCommit) {
            state.executed = false; // JDBC: switching auto-commit on commits
        }
        state.autoCommit = autoCommit;
        state.dirty |= ConnectionState.AUTO_COMMIT;
    }

    @Override
    public void commit() throws SQLException {
        super.commit();
        state.executed = false;
    }

    @Override
    public void rollback() throws SQLException {
        super.rollback();
        state.executed = false;
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        super.setTransactionIsolation(level);
        state.dirty |= ConnectionState.ISOLATION;
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        super.setReadOnly(readOnly);
        state.dirty |= ConnectionState.READ_ONLY;
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        super.setCatalog(catalog);
        state.dirty |= ConnectionState.CATALOG;
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        super.setSchema(schema);
        state.dirty |= ConnectionState.SCHEMA;
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        super.setNetworkTimeout(executor, milliseconds);
        state.dirty |= ConnectionState.NETWORK_TIMEOUT;
    }

    @Override
    public void setHoldability(int holdability) throws SQLException {
        super.setHoldability(holdability);
        state.dirty |= ConnectionState.HOLDABILITY;
    }

    @Override
    public void setTypeMap(java.util.Map<String, Class<?>> map) throws SQLException {
        super.setTypeMap(map);
        state.dirty |= ConnectionState.TYPE_MAP;
    }

    /**
     * PostgreSQL's driver sets application_name on the server: the session changes. Drivers also
     * keep client info themselves (MariaDB's only there), which a session reset does not touch.
     */
    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        sessionMayChange(SessionEffects.SESSION);
        try {
            super.setClientInfo(name, value);
        } finally {
            clientInfoMayChange(); // a failure may have set some of it
        }
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        sessionMayChange(SessionEffects.SESSION);
        try {
            super.setClientInfo(properties);
        } finally {
            clientInfoMayChange();
        }
    }

    private void clientInfoMayChange() {
        if (isLive()) {
            state.dirty |= ConnectionState.CLIENT_INFO;
        }
    }

    // ---- statements: wrapped so close() and getConnection() stay in the pool ---------------

    /*
     * The one statement most borrows open is tracked here, in the handle, and only further
     * ones in the connection's reused array: storing a new statement into the long-lived
     * array costs a G1 post-barrier fence per statement, storing it into this young
     * handle does not. Plain: the handle belongs to its borrower, and the return that
     * reads it is ordered after the borrower's close by the close CAS.
     */
    private ProxyStatement statement;

    private <S extends ProxyStatement> S track(S s) {
        if (statement == null) {
            statement = s;
        } else {
            state.track(s);
        }
        return s;
    }

    void untrack(ProxyStatement s) {
        if (statement == s) {
            statement = null;
        } else {
            state.untrack(s);
        }
    }

    /**
     * Cancels what the statements of this borrow run now, once the handle was taken away (leak
     * reclaim, pool shutdown), on the thread that then closes the connection: the borrower
     * may be blocked in one for good. Both drivers cancel from another thread by design
     * (PostgreSQL a cancel request, MariaDB KILL QUERY, each on a connection of its own) and
     * only what is running. The statements are the borrower's, read here without its
     * ordering: one opened at this very moment may be missed, and then the abort after the
     * rollback timeout ends it.
     */
    public void cancelStatements() {
        if (isLive()) {
            return; // only ever for a handle taken away: its statements can no longer start anew
        }
        ProxyStatement s = statement;
        if (s != null) {
            s.cancelByPool();
        }
        state.cancelStatements();
    }

    /**
     * On return, before {@link ConnectionState#reset()}: closes (or, for a broken
     * connection, forgets) the statement tracked in the handle; reset takes care of the rest.
     */
    public void releaseStatement(boolean close) {
        ProxyStatement s = statement;
        statement = null;
        if (s != null && close) {
            s.closeByPool();
        }
    }

    /**
     * A statement of this handle executes SQL with these {@link SessionEffects}.
     *
     * @throws SQLException why the handle can no longer be used, when leak reclaim or the
     *                      pool's shutdown took it away: a statement the application kept
     *                      must not run on the physical connection being rolled back and
     *                      closed (in auto-commit it would commit)
     */
    void executing(int effects) throws SQLException {
        if (delegate instanceof ClosedConnection c) {
            throw c.unusable();
        }
        state.executed = true;
        if (effects != 0) {
            state.sqlEffects |= effects;
        }
    }

    /**
     * Records that the session may change (SQL added to a batch, a JDBC call with effects
     * on the server, a driver object handed out), unless this handle is closed: then its
     * connection may be someone else's by now.
     */
    void sessionMayChange(int effects) {
        if (effects != 0 && isLive()) {
            state.sqlEffects |= effects;
        }
    }

    /** @return the {@link SessionEffects} of {@code sql} */
    int effectsOf(String sql) {
        return sql == null ? 0 : state.effectsOf(sql);
    }

    @Override
    public Statement createStatement() throws SQLException {
        return track(new ProxyStatement(this, super.createStatement(), 0));
    }

    @Override
    public Statement createStatement(int type, int concurrency) throws SQLException {
        return track(new ProxyStatement(this, super.createStatement(type, concurrency), 0));
    }

    @Override
    public Statement createStatement(int type, int concurrency, int holdability) throws SQLException {
        return track(new ProxyStatement(this, super.createStatement(type, concurrency, holdability), 0));
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        return track(new ProxyPreparedStatement(this, super.prepareStatement(sql), effectsOf(sql)));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        return track(new ProxyPreparedStatement(this, super.prepareStatement(sql, autoGeneratedKeys), effectsOf(sql)));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        return track(new ProxyPreparedStatement(this, super.prepareStatement(sql, columnIndexes), effectsOf(sql)));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        return track(new ProxyPreparedStatement(this, super.prepareStatement(sql, columnNames), effectsOf(sql)));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency) throws SQLException {
        return track(new ProxyPreparedStatement(this, super.prepareStatement(sql, type, concurrency), effectsOf(sql)));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability)
            throws SQLException {
        return track(new ProxyPreparedStatement(this, super.prepareStatement(sql, type, concurrency, holdability),
                effectsOf(sql)));
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        return track(new ProxyCallableStatement(this, super.prepareCall(sql), effectsOf(sql)));
    }

    @Override
    public CallableStatement prepareCall(String sql, int type, int concurrency) throws SQLException {
        return track(new ProxyCallableStatement(this, super.prepareCall(sql, type, concurrency), effectsOf(sql)));
    }

    @Override
    public CallableStatement prepareCall(String sql, int type, int concurrency, int holdability)
            throws SQLException {
        return track(new ProxyCallableStatement(this, super.prepareCall(sql, type, concurrency, holdability),
                effectsOf(sql)));
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        DatabaseMetaData m = super.getMetaData();
        reachedTheServer(); // its answers come from catalog queries (also those ProxyDatabaseMetaData wraps)
        return new ProxyDatabaseMetaData(this, m);
    }

    // ---- calls that reach the server without a statement of the application's -------------

    @Override
    public java.sql.Savepoint setSavepoint() throws SQLException {
        return reached(super.setSavepoint());
    }

    @Override
    public java.sql.Savepoint setSavepoint(String name) throws SQLException {
        return reached(super.setSavepoint(name));
    }

    @Override
    public java.sql.Blob createBlob() throws SQLException {
        return reached(super.createBlob()); // pgjdbc creates a large object on the server
    }

    @Override
    public java.sql.Clob createClob() throws SQLException {
        return reached(super.createClob());
    }

    @Override
    public java.sql.NClob createNClob() throws SQLException {
        return reached(super.createNClob());
    }

    @Override
    public java.sql.SQLXML createSQLXML() throws SQLException {
        return reached(super.createSQLXML());
    }

    @Override
    public java.sql.Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        return reached(super.createArrayOf(typeName, elements)); // pgjdbc may look the type up in pg_type
    }

    @Override
    public java.sql.Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        return reached(super.createStruct(typeName, attributes));
    }

    /**
     * Something ran on the server that no statement of the application's executed: a catalog
     * query, a savepoint, a large object, a row changed through an updatable result set (which
     * the driver runs on a statement of its own). Out of auto-commit that begins a transaction
     * as any statement does, and the return must roll it back: left open, the next borrower
     * would be handed it (PostgreSQL then refuses its setTransactionIsolation), and a reset to
     * auto-commit would commit what the application never committed. Costs nothing when no
     * transaction is open: both drivers' rollback() sends nothing when their last word from the
     * server says none is.
     */
    void reachedTheServer() {
        if (isLive()) {
            state.executed = true;
        }
    }

    /** @return {@code value}, what a call that reached the server made ({@link #reachedTheServer}) */
    private <T> T reached(T value) {
        reachedTheServer();
        return value;
    }

    // ---- wrapper ---------------------------------------------------------------------

    /** Whatever the application runs through the driver's own object may change the session. */
    @Override
    <T> T handedOut(T driverObject) {
        sessionMayChange(SessionEffects.SESSION);
        if (isLive()) {
            state.driverObjectHandedOut();
        }
        return driverObject;
    }

    @Override
    public String toString() {
        return "ProxyConnection[" + entry + (isLive() ? "" : ", closed") + "]";
    }
}
