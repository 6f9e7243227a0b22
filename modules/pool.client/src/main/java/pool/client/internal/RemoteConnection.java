package pool.client.internal;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executor;
import pool.protocol.Borrow;
import pool.protocol.Op;
import pool.protocol.Result;

/**
 * A JDBC connection whose physical connection lives in the daemon: makes the statements,
 * large objects and metadata, and hands the rest to its {@link RemoteSession} (the daemon's
 * side: calls, deferral, transactions, end of life) and its {@link SessionProperties}.
 *
 * <p>Round trips: the connection is borrowed by the first operation that needs the
 * database, in the same call, and what can wait for a call does; so borrow, prepared query,
 * first rows and return cost two calls (see {@link RemoteSession}).
 */
public final class RemoteConnection extends UnsupportedConnection {

    private final Link link;
    private final String url;
    private final RemoteSession session;
    private final SessionProperties properties;

    public RemoteConnection(Link link, Borrow borrow, String url, boolean releaseBetweenStatements) {
        this(link, borrow, url, releaseBetweenStatements, null);
    }

    /** @param origin what the connection is borrowed through: {@link Link#giveBack(Object)} of it aborts it */
    public RemoteConnection(Link link, Borrow borrow, String url, boolean releaseBetweenStatements, Object origin) {
        this.link = link;
        this.url = url;
        this.session = new RemoteSession(link, borrow, releaseBetweenStatements, this, origin);
        this.properties = session.properties();
    }

    String url() {
        return url;
    }

    /** @return the columns of {@code sql} as the daemon named them for this connection's link, or null */
    LinkCaches.KnownColumns knownColumns(String sql) {
        return link.caches().columns(sql);
    }

    /** Remembers the columns the daemon sent for {@code sql} under its id {@code id}. */
    void rememberColumns(String sql, long id, List<pool.protocol.Column> columns) {
        link.caches().rememberColumns(sql, id, columns);
    }

    /** @return the argument-less DatabaseMetaData properties of the daemon's backend, asked once per link */
    java.util.Map<String, Object> metaInfo() throws SQLException {
        LinkCaches caches = link.caches();
        if (caches.metaInfo() == null) {
            caches.metaInfo((Result.Meta) session.exchange(new Op.MetaInfo()));
        }
        return caches.metaInfo();
    }

    /** @return the client user the connection's link logs in as */
    String user() {
        return link.user();
    }

    /** @return whether the application aborted this connection ({@link #abort}) */
    boolean aborted() {
        return session.aborted();
    }

    /** @see RemoteSession#exchange(List) */
    List<Result> exchange(List<Op> ops) throws SQLException {
        return session.exchange(ops);
    }

    /** One operation, one round trip. */
    Result exchange(Op op) throws SQLException {
        return session.exchange(op);
    }

    /** @see RemoteSession#closeCursorNow */
    void closeCursorNow(long cursor) throws SQLException {
        session.closeCursorNow(cursor);
    }

    /** Queues an operation for the next call (closing an abandoned cursor costs no call of its own). */
    void defer(Op op) {
        session.defer(op);
    }

    void cursorOpened() {
        session.cursorOpened();
    }

    void cursorEnded() {
        session.cursorEnded();
    }

    /** @return a new number for a LOB spool on the daemon (see {@link pool.protocol.LobParam}) */
    long nextSpool() {
        return session.nextSpool();
    }

    /** @see RemoteSession#sendLobChunk */
    void sendLobChunk(Op.LobWrite chunk, boolean last) throws SQLException {
        session.sendLobChunk(chunk, last);
    }

    /** @return the errors the client raises itself, worded as the backend driver words them */
    DriverErrors errors() {
        return session.errors();
    }

    /** Whether the backend driver converts date-times without zone to offsets in the JVM's zone (see SessionInfo). */
    boolean offsetsInJvmZone() {
        return session.offsetsInJvmZone();
    }

    void cancelRunning() throws SQLException {
        session.cancel();
    }

    @Override
    public java.sql.Blob createBlob() throws SQLException {
        session.checkOpen();
        return new RemoteBlob(new LobData());
    }

    @Override
    public java.sql.Clob createClob() throws SQLException {
        session.checkOpen();
        return new RemoteClob(new LobData());
    }

    @Override
    public java.sql.NClob createNClob() throws SQLException {
        session.checkOpen();
        return new RemoteClob(new LobData());
    }

    // ---- statements

    @Override
    public Statement createStatement() throws SQLException {
        session.checkOpen();
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
        return ((RemoteStatement) createStatement()).withResultSetType(type).withHoldability(holdability);
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        session.checkOpen();
        return new RemotePreparedStatement(this, sql, Op.StatementKind.PREPARED, null);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        session.checkOpen();
        return new RemotePreparedStatement(this, sql, Op.StatementKind.PREPARED,
                autoGeneratedKeys == Statement.RETURN_GENERATED_KEYS ? Op.Keys.ALL : null);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        session.checkOpen();
        return new RemotePreparedStatement(this, sql, Op.StatementKind.PREPARED,
                new Op.Keys(false, columnIndexes.clone(), null));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        session.checkOpen();
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
        return (PreparedStatement) ((RemoteStatement) prepareStatement(sql)).withResultSetType(type)
                .withHoldability(holdability);
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        session.checkOpen();
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
        return (CallableStatement) ((RemoteStatement) prepareCall(sql)).withResultSetType(type)
                .withHoldability(holdability);
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

    /** The backend driver's translation of JDBC escapes ({@code {fn ...}}, {@code {d ...}}, {@code {call ...}}): one call. */
    @Override
    public String nativeSQL(String sql) throws SQLException {
        session.checkOpen();
        if (sql == null) {
            throw new SQLException("sql must not be null", "HY009");
        }
        if (sql.indexOf('{') < 0) {
            return sql; // no escape to translate: the driver would answer the text as it is
        }
        return (String) ((Result.Value) session.exchange(new Op.NativeSql(sql))).value();
    }

    /** An array of the elements, made here: the daemon makes the driver's array when a statement binds it. */
    @Override
    public java.sql.Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        session.checkOpen();
        return RemoteArray.of(this, typeName, elements);
    }

    /** An empty SQLXML to write, made here: no call. */
    @Override
    public java.sql.SQLXML createSQLXML() throws SQLException {
        session.checkOpen();
        return new RemoteSQLXML();
    }

    /** The network timeout set, 0 for none (then calls are bounded by the query timeout and the daemon's lease). */
    @Override
    public int getNetworkTimeout() throws SQLException {
        session.checkOpen();
        return session.networkTimeout();
    }

    /**
     * As drivers apply it to their socket: a call whose answer takes longer than
     * {@code milliseconds} fails with the driver's error of a broken link (08xxx) and the
     * connection is closed; its statement is cancelled on the daemon and its session given
     * back. The executor is not used: the client's call waits on its own socket, as pgjdbc's does.
     */
    @Override
    public void setNetworkTimeout(java.util.concurrent.Executor executor, int milliseconds) throws SQLException {
        session.checkOpen();
        if (milliseconds < 0) {
            throw session.errors().negativeNetworkTimeout(milliseconds);
        }
        session.networkTimeout(milliseconds);
    }

    /** Empty: no user-defined type is mapped (SQLData is not supported over poold). */
    @Override
    public java.util.Map<String, Class<?>> getTypeMap() throws SQLException {
        session.checkOpen();
        return new java.util.HashMap<>();
    }

    /** Takes an empty map (what frameworks pass to reset it); a mapping is refused, SQLData is not supported. */
    @Override
    public void setTypeMap(java.util.Map<String, Class<?>> map) throws SQLException {
        session.checkOpen();
        if (map != null && !map.isEmpty()) {
            throw new SQLFeatureNotSupportedException("user-defined type mappings (SQLData) are not supported by poold's"
                    + " remote JDBC: read the attributes of a structured type as columns", "0A000");
        }
    }

    // ---- transactions

    @Override
    public void setAutoCommit(boolean value) throws SQLException {
        properties.setAutoCommit(value);
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        return (Boolean) properties.get(Op.Property.AUTO_COMMIT);
    }

    @Override
    public void commit() throws SQLException {
        session.endTransaction(new Op.Commit());
    }

    @Override
    public void rollback() throws SQLException {
        session.endTransaction(new Op.Rollback(0));
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        return savepoint(null);
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        if (name == null) {
            throw new SQLException("savepoint name must not be null", "3B000");
        }
        return savepoint(name);
    }

    private Savepoint savepoint(String name) throws SQLException {
        Result.SavepointSet r = session.savepoint(name);
        return new RemoteSavepoint(this, r.id(), r.savepointId(), name);
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        session.exchange(new Op.Rollback(own(savepoint).id()));
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        session.exchange(new Op.ReleaseSavepoint(own(savepoint).id()));
    }

    private RemoteSavepoint own(Savepoint savepoint) throws SQLException {
        if (savepoint instanceof RemoteSavepoint r && r.owner() == this) {
            return r;
        }
        throw new SQLException("savepoint does not belong to this connection", "3B001");
    }

    // ---- properties

    @Override
    public void setReadOnly(boolean value) throws SQLException {
        if (properties.mayBeInTransaction()) {
            properties.setNow(Op.Property.READ_ONLY, value, true);
        } else {
            properties.set(Op.Property.READ_ONLY, value);
        }
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        return (Boolean) properties.get(Op.Property.READ_ONLY);
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        // A level drivers do not know (TRANSACTION_NONE, say) is refused by the driver's setter, as directly.
        boolean standard = level == TRANSACTION_READ_UNCOMMITTED || level == TRANSACTION_READ_COMMITTED
                || level == TRANSACTION_REPEATABLE_READ || level == TRANSACTION_SERIALIZABLE;
        if (!standard || properties.mayBeInTransaction()) {
            properties.setNow(Op.Property.ISOLATION, level, true);
        } else {
            properties.set(Op.Property.ISOLATION, level);
        }
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        return (Integer) properties.get(Op.Property.ISOLATION);
    }

    @Override
    public void setHoldability(int value) throws SQLException {
        // Now, and the getter asks: pgjdbc refuses a value it does not know at the setter (22023),
        // Connector/J ignores every value and keeps answering HOLD_CURSORS_OVER_COMMIT.
        properties.setNow(Op.Property.HOLDABILITY, value, false);
    }

    @Override
    public int getHoldability() throws SQLException {
        return (Integer) properties.get(Op.Property.HOLDABILITY);
    }

    @Override
    public void setCatalog(String value) throws SQLException {
        // Now, not deferred: MariaDB's driver switches database in the setter and refuses one the user
        // may not use; pgjdbc ignores it, so getCatalog() asks rather than echo the value.
        properties.setNow(Op.Property.CATALOG, value, false);
    }

    @Override
    public String getCatalog() throws SQLException {
        return (String) properties.get(Op.Property.CATALOG);
    }

    @Override
    public void setSchema(String value) throws SQLException {
        properties.setAndAsk(Op.Property.SCHEMA, value);
    }

    @Override
    public String getSchema() throws SQLException {
        return (String) properties.get(Op.Property.SCHEMA);
    }

    @Override
    public boolean isValid(int timeout) throws SQLException {
        return session.isValid(timeout);
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        return session.warnings();
    }

    @Override
    public void clearWarnings() throws SQLException {
        session.clearWarnings();
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        session.checkOpen();
        return MetaDataHandler.proxy(this);
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        return properties.clientInfo();
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        return name == null ? null : getClientInfo().getProperty(name);
    }

    @Override
    public void setClientInfo(String name, String value) throws java.sql.SQLClientInfoException {
        properties.setClientInfo(name, value);
    }

    @Override
    public void setClientInfo(Properties properties) throws java.sql.SQLClientInfoException {
        this.properties.setClientInfo(properties);
    }

    // ---- end of life

    @Override
    public void close() throws SQLException {
        session.close();
    }

    @Override
    public boolean isClosed() {
        return session.isClosed();
    }

    /**
     * As JDBC asks: marks the connection closed before returning, and leaves everything that
     * talks to the daemon to {@code executor} (cancelling what runs, then giving the session
     * back), since a pool or server aborts a connection precisely when the daemon or the
     * network may hang, and RMI's cancel would then hold the caller for its one-minute
     * handshake timeout. A no-op on a closed connection.
     */
    @Override
    public void abort(Executor executor) throws SQLException {
        if (executor == null) {
            throw errors().abortWithoutExecutor();
        }
        if (session.closedByApplication()) {
            return;
        }
        session.markAborted();
        executor.execute(() -> {
            session.abortCall(); // a call waiting on a hung daemon or link fails now, not at its network timeout
            try {
                cancelRunning(); // a call in flight holds the session's lock: its statement ends first
            } catch (SQLException | RuntimeException ignored) {
                // best effort: the release below ends the session anyway
            }
            try {
                close();
            } catch (SQLException ignored) {
                // the lease ends the session on the daemon if this fails
            }
        });
    }

    @Override
    public String toString() {
        return "RemoteConnection[" + link.locator() + ", session " + session.id() + "]";
    }
}
