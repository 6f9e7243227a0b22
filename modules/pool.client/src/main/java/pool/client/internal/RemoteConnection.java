package pool.client.internal;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLWarning;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executor;
import pool.protocol.Borrow;
import pool.protocol.Op;
import pool.protocol.Protocol;
import pool.protocol.Reply;
import pool.protocol.Result;
import pool.protocol.SessionInfo;

/**
 * A JDBC connection whose physical connection lives in the daemon.
 *
 * <p>Round trips: the connection is borrowed by the first operation that needs the
 * database, in the same call; setters of connection properties and closes of result
 * sets the application abandoned are deferred and ride along with the next call; so
 * borrow, prepared query, first rows and return cost two calls. The price of deferral:
 * a setter's error (say, an isolation level the database refuses) surfaces at the
 * next operation rather than at the setter. (A result set whose cursor holds a
 * transaction the daemon began for it in autocommit is closed at once instead: see
 * {@link #closeCursorNow}.)
 */
public final class RemoteConnection extends UnsupportedConnection {

    private final Link link;
    private final Borrow borrow;
    private final String url;
    /** Transaction-pooling mode: see RemoteDataSource.Builder.releaseBetweenStatements. */
    private final boolean releaseBetweenStatements;
    /**
     * Set once the application changed session state through JDBC (properties,
     * savepoints): from then on the connection keeps its physical connection, whatever
     * the mode, so the state is not lost with a release.
     */
    private boolean pinned;
    /** Random, so one client's handle never names another's connection by accident. */
    private final long handle = java.util.concurrent.ThreadLocalRandom.current().nextLong();

    /** 0 until borrowed; volatile so cancel() reads it while a call holds the lock. */
    private volatile long session;
    /** What the lease renewer sees of this connection; see {@link Link.Held}. */
    private final Link.Held held;
    // Guarded by this.
    /** Volatile: statements ask isClosed() from other threads (cancel) while a call holds the lock. */
    private volatile boolean closed;
    private String brokenReason;
    private final List<Op> deferred = new ArrayList<>();
    /** Result sets whose daemon cursor is open (not read to the end, not closed). */
    private int openCursors;
    private Boolean autoCommit;
    private Boolean readOnly;
    private Integer isolation;
    private Integer holdability;
    private String catalog;
    private String schema;
    private boolean catalogKnown;
    private boolean schemaKnown;

    public RemoteConnection(Link link, Borrow borrow, String url, boolean releaseBetweenStatements) {
        this.releaseBetweenStatements = releaseBetweenStatements;
        this.link = link;
        this.held = link.register(this);
        this.borrow = borrow;
        this.url = url;
    }

    String url() {
        return url;
    }

    Link link() {
        return link;
    }

    /**
     * Runs {@code ops} in one round trip after whatever was deferred, borrowing first if
     * needed.
     *
     * @return the results of {@code ops} (not of the deferred operations)
     */
    synchronized List<Result> exchange(List<Op> ops) throws SQLException {
        checkOpen();
        int skip = deferred.size();
        List<Op> all = ops;
        if (skip > 0) {
            all = new ArrayList<>(deferred);
            all.addAll(ops);
            deferred.clear();
            deferredLobBytes = 0;
        }
        boolean release = releaseBetweenStatements && !pinned && !Boolean.FALSE.equals(autoCommit)
                && !(ops.size() == 1 && ops.get(0) instanceof Op.Release);
        Reply reply;
        try {
            reply = link.call(session, handle, borrow, release, all);
        } catch (UnsentCallException e) {
            restore(all, skip); // nothing was sent: the connection is as it was
            throw e;
        } catch (SQLException e) {
            if (session != 0) {
                brokenReason = e.getMessage();
                session = 0; // the daemon's side of this connection is gone with the link
                held.session(0);
            } else {
                restore(all, skip); // the next call borrows afresh and must apply them again
            }
            throw e;
        }
        if (reply.opened() != null) {
            adopt(reply.opened());
        }
        boolean lost = session != 0 && reply.session() == 0 && !release && !(ops.get(ops.size() - 1) instanceof Op.Release);
        session = reply.session();
        held.session(session);
        if (reply.error() != null) {
            if (lost) {
                brokenReason = reply.error().message();
            } else if (reply.session() == 0 && reply.opened() == null) {
                restore(all, skip); // the borrow itself failed: nothing ran
            }
            throw reply.error().toException();
        }
        List<Result> results = reply.results();
        return skip == 0 ? results : results.subList(skip, results.size());
    }

    private void restore(List<Op> all, int skip) {
        deferred.addAll(0, all.subList(0, skip));
    }

    /** One operation, one round trip. */
    Result exchange(Op op) throws SQLException {
        return exchange(List.of(op)).get(0);
    }

    /**
     * Closes a cursor that holds a transaction in the daemon now, with a call of its own, so
     * that the transaction does not stay open until the connection's next call. Quiet when
     * the daemon's side is gone already (then nothing is left open there).
     *
     * @throws SQLException when ending the cursor's transaction failed (its statement did not take effect)
     */
    synchronized void closeCursorNow(long cursor) throws SQLException {
        if (closed || session == 0 || brokenReason != null) {
            return;
        }
        try {
            exchange(new Op.CloseCursor(cursor));
        } catch (SQLException e) {
            if (!Protocol.STATE_NO_CONNECTION.equals(e.getSQLState())
                    && !Protocol.STATE_LINK_FAILURE.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    /** The last spool number {@link #nextSpool()} gave. */
    private long spools;
    /** Bytes of LOB chunks among {@link #deferred}. */
    private long deferredLobBytes;

    /** @return a new number for a LOB spool on the daemon (see {@link pool.protocol.LobParam}) */
    synchronized long nextSpool() {
        return ++spools;
    }

    /**
     * Sends a chunk of a LOB parameter: in a call of its own, unless it is the LOB's
     * {@code last} and the chunks already waiting for the next call stay within one chunk's
     * size; then it rides along with the execution that binds it.
     */
    synchronized void sendLobChunk(Op.LobWrite chunk, boolean last) throws SQLException {
        if (last && session != 0 && deferredLobBytes + chunk.chunk().length <= pool.protocol.LobParam.CHUNK_BYTES) {
            deferred.add(chunk);
            deferredLobBytes += chunk.chunk().length;
        } else {
            exchange(chunk);
        }
    }

    @Override
    public java.sql.Blob createBlob() throws SQLException {
        checkOpenSync();
        return new RemoteBlob(new LobData());
    }

    @Override
    public java.sql.Clob createClob() throws SQLException {
        checkOpenSync();
        return new RemoteClob(new LobData());
    }

    @Override
    public java.sql.NClob createNClob() throws SQLException {
        checkOpenSync();
        return new RemoteClob(new LobData());
    }

    synchronized void cursorOpened() {
        openCursors++;
    }

    synchronized void cursorEnded() {
        openCursors--;
    }

    /** Queues an operation for the next call (closing an abandoned cursor costs no call of its own). */
    synchronized void defer(Op op) {
        if (!closed && session != 0) {
            deferred.add(op);
        }
    }

    /** Whether the backend driver converts date-times without zone to offsets in the JVM's zone (see SessionInfo). */
    volatile boolean offsetsInJvmZone;

    private void adopt(SessionInfo info) {
        offsetsInJvmZone = info.offsetsInJvmZone();
        // What the application set before the borrow is already queued; keep its view.
        if (autoCommit == null) autoCommit = info.autoCommit();
        if (readOnly == null) readOnly = info.readOnly();
        if (holdability == null) holdability = info.holdability();
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLNonTransientConnectionException("connection is closed", Protocol.STATE_NO_CONNECTION);
        }
        if (brokenReason != null) {
            throw new SQLNonTransientConnectionException("connection is broken: " + brokenReason,
                    Protocol.STATE_LINK_FAILURE);
        }
    }

    void cancelRunning() throws SQLException {
        // Without the lock: the call to cancel holds it. By handle, not session: the
        // statement may be running in the very call that borrows.
        link.cancel(handle);
    }

    // ---- statements

    @Override
    public Statement createStatement() throws SQLException {
        checkOpenSync();
        return new RemoteStatement(this);
    }

    @Override
    public Statement createStatement(int type, int concurrency) throws SQLException {
        checkResultSetType(type, concurrency);
        return ((RemoteStatement) createStatement()).withResultSetType(type);
    }

    @Override
    public Statement createStatement(int type, int concurrency, int holdability) throws SQLException {
        checkResultSetType(type, concurrency);
        return ((RemoteStatement) createStatement()).withResultSetType(type);
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        checkOpenSync();
        return new RemotePreparedStatement(this, sql, Op.StatementKind.PREPARED, null);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        checkOpenSync();
        return new RemotePreparedStatement(this, sql, Op.StatementKind.PREPARED,
                autoGeneratedKeys == Statement.RETURN_GENERATED_KEYS ? Op.Keys.ALL : null);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        checkOpenSync();
        return new RemotePreparedStatement(this, sql, Op.StatementKind.PREPARED,
                new Op.Keys(false, columnIndexes.clone(), null));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        checkOpenSync();
        return new RemotePreparedStatement(this, sql, Op.StatementKind.PREPARED,
                new Op.Keys(false, null, columnNames.clone()));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency) throws SQLException {
        checkResultSetType(type, concurrency);
        return (PreparedStatement) ((RemoteStatement) prepareStatement(sql)).withResultSetType(type);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability)
            throws SQLException {
        checkResultSetType(type, concurrency);
        return (PreparedStatement) ((RemoteStatement) prepareStatement(sql)).withResultSetType(type);
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        checkOpenSync();
        return new RemoteCallableStatement(this, sql);
    }

    @Override
    public CallableStatement prepareCall(String sql, int type, int concurrency) throws SQLException {
        checkResultSetType(type, concurrency);
        return (CallableStatement) ((RemoteStatement) prepareCall(sql)).withResultSetType(type);
    }

    @Override
    public CallableStatement prepareCall(String sql, int type, int concurrency, int holdability) throws SQLException {
        checkResultSetType(type, concurrency);
        return (CallableStatement) ((RemoteStatement) prepareCall(sql)).withResultSetType(type);
    }

    /**
     * Result sets are read-only, forward-only or scroll-insensitive (kept in the client, see
     * {@link ScrollBuffer}); the rest is refused, saying what to use instead.
     */
    private static void checkResultSetType(int type, int concurrency) throws SQLException {
        if (type == ResultSet.TYPE_SCROLL_SENSITIVE) {
            throw new SQLFeatureNotSupportedException("poold's remote JDBC has no TYPE_SCROLL_SENSITIVE result sets: use"
                    + " TYPE_SCROLL_INSENSITIVE (rows as they were when read) or run the query again", "0A000");
        }
        if (type != ResultSet.TYPE_FORWARD_ONLY && type != ResultSet.TYPE_SCROLL_INSENSITIVE) {
            throw new SQLException("unknown result set type " + type, "HY024");
        }
        if (concurrency == ResultSet.CONCUR_UPDATABLE) {
            throw new SQLFeatureNotSupportedException("poold's remote JDBC has no updatable result sets"
                    + " (CONCUR_UPDATABLE): use CONCUR_READ_ONLY and change rows with UPDATE, INSERT and DELETE"
                    + " statements", "0A000");
        }
        if (concurrency != ResultSet.CONCUR_READ_ONLY) {
            throw new SQLException("unknown result set concurrency " + concurrency, "HY024");
        }
    }

    private synchronized void checkOpenSync() throws SQLException {
        checkOpen();
    }

    /** The backend driver's translation of JDBC escapes ({@code {fn ...}}, {@code {d ...}}, {@code {call ...}}): one call. */
    @Override
    public synchronized String nativeSQL(String sql) throws SQLException {
        checkOpen();
        if (sql == null) {
            throw new SQLException("sql must not be null", "HY009");
        }
        if (sql.indexOf('{') < 0) {
            return sql; // no escape to translate: the driver would answer the text as it is
        }
        return (String) ((Result.Value) exchange(new Op.NativeSql(sql))).value();
    }

    /** An array of the elements, made here: the daemon makes the driver's array when a statement binds it. */
    @Override
    public java.sql.Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        checkOpenSync();
        return RemoteArray.of(this, typeName, elements);
    }

    /** An empty SQLXML to write, made here: no call. */
    @Override
    public java.sql.SQLXML createSQLXML() throws SQLException {
        checkOpenSync();
        return new RemoteSQLXML();
    }

    /** 0: no network timeout is set (calls are bounded by the query timeout and the daemon's lease). */
    @Override
    public int getNetworkTimeout() throws SQLException {
        checkOpenSync();
        return 0;
    }

    /** Empty: no user-defined type is mapped (SQLData is not supported over poold). */
    @Override
    public java.util.Map<String, Class<?>> getTypeMap() throws SQLException {
        checkOpenSync();
        return new java.util.HashMap<>();
    }

    /** Takes an empty map (what frameworks pass to reset it); a mapping is refused, SQLData is not supported. */
    @Override
    public void setTypeMap(java.util.Map<String, Class<?>> map) throws SQLException {
        checkOpenSync();
        if (map != null && !map.isEmpty()) {
            throw new SQLFeatureNotSupportedException("user-defined type mappings (SQLData) are not supported by poold's"
                    + " remote JDBC: read the attributes of a structured type as columns", "0A000");
        }
    }

    // ---- transactions

    @Override
    public synchronized void setAutoCommit(boolean value) throws SQLException {
        checkOpen();
        if (autoCommit != null && autoCommit == value) {
            return;
        }
        deferProperty(Op.Property.AUTO_COMMIT, value);
        autoCommit = value;
    }

    @Override
    public synchronized boolean getAutoCommit() throws SQLException {
        checkOpen();
        if (autoCommit == null) {
            autoCommit = (Boolean) value(Op.Property.AUTO_COMMIT);
        }
        return autoCommit;
    }

    @Override
    public void commit() throws SQLException {
        endTransaction(new Op.Commit(), "commit");
    }

    @Override
    public void rollback() throws SQLException {
        endTransaction(new Op.Rollback(0), "rollback");
    }

    private synchronized void endTransaction(Op op, String what) throws SQLException {
        checkOpen();
        if (Boolean.TRUE.equals(autoCommit)) {
            throw new SQLException("cannot " + what + " in autocommit mode", "25000");
        }
        if (session == 0 && deferred.isEmpty()) {
            return; // nothing borrowed, nothing done: no transaction to end, no call
        }
        exchange(List.of(op));
    }

    @Override
    public synchronized Savepoint setSavepoint() throws SQLException {
        return savepoint(null);
    }

    @Override
    public synchronized Savepoint setSavepoint(String name) throws SQLException {
        if (name == null) {
            throw new SQLException("savepoint name must not be null", "3B000");
        }
        return savepoint(name);
    }

    private Savepoint savepoint(String name) throws SQLException {
        pinned = true;
        if (Boolean.TRUE.equals(autoCommit)) {
            throw new SQLException("cannot set a savepoint in autocommit mode", "25000");
        }
        Result.SavepointSet r = (Result.SavepointSet) exchange(new Op.SetSavepoint(name));
        return new RemoteSavepoint(this, r.id(), r.savepointId(), name);
    }

    @Override
    public synchronized void rollback(Savepoint savepoint) throws SQLException {
        exchange(new Op.Rollback(own(savepoint).id()));
    }

    @Override
    public synchronized void releaseSavepoint(Savepoint savepoint) throws SQLException {
        exchange(new Op.ReleaseSavepoint(own(savepoint).id()));
    }

    private RemoteSavepoint own(Savepoint savepoint) throws SQLException {
        if (savepoint instanceof RemoteSavepoint r && r.owner() == this) {
            return r;
        }
        throw new SQLException("savepoint does not belong to this connection", "3B001");
    }

    // ---- properties

    @Override
    public synchronized void setReadOnly(boolean value) throws SQLException {
        checkOpen();
        deferProperty(Op.Property.READ_ONLY, value);
        readOnly = value;
    }

    @Override
    public synchronized boolean isReadOnly() throws SQLException {
        checkOpen();
        if (readOnly == null) {
            readOnly = (Boolean) value(Op.Property.READ_ONLY);
        }
        return readOnly;
    }

    @Override
    public synchronized void setTransactionIsolation(int level) throws SQLException {
        checkOpen();
        deferProperty(Op.Property.ISOLATION, level);
        isolation = level;
    }

    @Override
    public synchronized int getTransactionIsolation() throws SQLException {
        checkOpen();
        if (isolation == null) {
            isolation = (Integer) value(Op.Property.ISOLATION);
        }
        return isolation;
    }

    @Override
    public synchronized void setHoldability(int value) throws SQLException {
        checkOpen();
        deferProperty(Op.Property.HOLDABILITY, value);
        holdability = value;
    }

    @Override
    public synchronized int getHoldability() throws SQLException {
        checkOpen();
        if (holdability == null) {
            holdability = (Integer) value(Op.Property.HOLDABILITY);
        }
        return holdability;
    }

    @Override
    public synchronized void setCatalog(String value) throws SQLException {
        checkOpen();
        deferProperty(Op.Property.CATALOG, value);
        catalog = value;
        catalogKnown = true;
    }

    @Override
    public synchronized String getCatalog() throws SQLException {
        checkOpen();
        if (!catalogKnown) {
            catalog = (String) value(Op.Property.CATALOG);
            catalogKnown = true;
        }
        return catalog;
    }

    @Override
    public synchronized void setSchema(String value) throws SQLException {
        checkOpen();
        deferProperty(Op.Property.SCHEMA, value);
        schema = value;
        schemaKnown = true;
    }

    @Override
    public synchronized String getSchema() throws SQLException {
        checkOpen();
        if (!schemaKnown) {
            schema = (String) value(Op.Property.SCHEMA);
            schemaKnown = true;
        }
        return schema;
    }

    private void deferProperty(Op.Property property, Object value) {
        pinned = true;
        deferred.add(new Op.Set(property, value)); // sent with the next call, borrowing or not
    }

    private Object value(Op.Property property) throws SQLException {
        return ((Result.Value) exchange(new Op.Get(property))).value();
    }

    @Override
    public synchronized boolean isValid(int timeout) throws SQLException {
        if (timeout < 0) {
            throw new SQLException("timeout must not be negative: " + timeout, "HY000");
        }
        if (closed || brokenReason != null) {
            return false;
        }
        try {
            return (Boolean) ((Result.Value) exchange(new Op.Validate(timeout))).value();
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public synchronized SQLWarning getWarnings() throws SQLException {
        checkOpen();
        if (session == 0) {
            return null;
        }
        Result.Warnings w = (Result.Warnings) exchange(new Op.Warnings(false));
        return w.chain() == null ? null : w.chain().toWarning();
    }

    @Override
    public synchronized void clearWarnings() throws SQLException {
        checkOpen();
        if (session != 0) {
            deferred.add(new Op.Warnings(true));
        }
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        checkOpenSync();
        return MetaDataHandler.proxy(this);
    }

    /** The backend driver's client info of the daemon's connection (one call; what was set here included). */
    @Override
    public synchronized Properties getClientInfo() throws SQLException {
        checkOpen();
        String[] pairs = (String[]) value(Op.Property.CLIENT_INFO);
        Properties p = new Properties();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i] != null && pairs[i + 1] != null) {
                p.setProperty(pairs[i], pairs[i + 1]);
            }
        }
        return p;
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        return name == null ? null : getClientInfo().getProperty(name);
    }

    /**
     * Set on the daemon's connection with the next call (the pool resets it when the connection
     * goes back); a name the driver refuses is reported by that call.
     */
    @Override
    public synchronized void setClientInfo(String name, String value) throws java.sql.SQLClientInfoException {
        if (closed) {
            throw new java.sql.SQLClientInfoException("connection is closed", Protocol.STATE_NO_CONNECTION, 0, null);
        }
        deferProperty(Op.Property.CLIENT_INFO, new String[] {name, value});
    }

    @Override
    public synchronized void setClientInfo(Properties properties) throws java.sql.SQLClientInfoException {
        if (closed) {
            throw new java.sql.SQLClientInfoException("connection is closed", Protocol.STATE_NO_CONNECTION, 0, null);
        }
        Properties p = properties == null ? new Properties() : properties;
        String[] pairs = new String[p.size() * 2];
        int i = 0;
        for (String name : p.stringPropertyNames()) {
            pairs[i++] = name;
            pairs[i++] = p.getProperty(name);
        }
        deferProperty(Op.Property.CLIENT_INFO_ALL, java.util.Arrays.copyOf(pairs, i));
    }

    // ---- end of life

    @Override
    public synchronized void close() throws SQLException {
        if (closed) {
            return;
        }
        try {
            if (session != 0 && brokenReason == null) {
                if (link.defersReleases() && Boolean.TRUE.equals(autoCommit) && deferred.isEmpty()
                        && openCursors == 0) {
                    // Nothing open on the daemon's connection (no transaction, no statement still
                    // streaming, no setter to apply) and so nothing to wait for or to report:
                    // the next call of the link carries the release.
                    link.release(session);
                } else {
                    exchange(new Op.Release());
                }
            }
        } catch (SQLException e) {
            // The session is gone already (lease, daemon restart): nothing is left to give back.
            if (!Protocol.STATE_NO_CONNECTION.equals(e.getSQLState())
                    && !Protocol.STATE_LINK_FAILURE.equals(e.getSQLState())) {
                throw e;
            }
        } finally {
            link.forget(held);
            session = 0;
            closed = true;
            deferred.clear();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        if (executor == null) {
            throw new SQLException("abort needs an executor", "HY000");
        }
        try {
            cancelRunning();
        } catch (SQLException ignored) {
            // best effort: the release below ends the session anyway
        }
        executor.execute(() -> {
            try {
                close();
            } catch (SQLException ignored) {
                // the lease ends the session on the daemon if this fails
            }
        });
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return Wrappers.unwrap(this, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public String toString() {
        return "RemoteConnection[" + link.locator() + ", session " + session + "]";
    }
}
