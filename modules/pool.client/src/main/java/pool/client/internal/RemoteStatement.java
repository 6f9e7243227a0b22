package pool.client.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import pool.protocol.Op;
import pool.protocol.Protocol;
import pool.protocol.Result;
import pool.protocol.Rows;

/** A JDBC statement run on the daemon. */
class RemoteStatement extends UnsupportedStatement {

    final RemoteConnection connection;
    private boolean closed;
    private int fetchSize;
    private long maxRows;
    private int queryTimeout;
    private boolean closeOnCompletion;
    private boolean poolable;
    /** TYPE_FORWARD_ONLY or TYPE_SCROLL_INSENSITIVE (see {@link ScrollBuffer}). */
    private int resultSetType = ResultSet.TYPE_FORWARD_ONLY;
    /** As given to createStatement/prepareStatement/prepareCall with a holdability, else null. */
    private Integer holdability;
    private RemoteResultSet current;
    private long updateCount = -1;
    private Rows generatedKeys;
    /** Whether the last execution asked for generated keys (MariaDB's driver refuses getGeneratedKeys otherwise). */
    private boolean keysRequested;
    /** Whether the statement has run anything: before, drivers answer getGeneratedKeys() with an empty result. */
    private boolean executed;
    /**
     * The results after the current one, for getMoreResults. The last may be a cursor on the daemon
     * (a result larger than a batch): counted open from when it arrives (see {@link #arrived}).
     */
    private final java.util.ArrayDeque<Result.Further> further = new java.util.ArrayDeque<>();
    /** Results of the execution the application kept open while it moved past them (KEEP_CURRENT_RESULT). */
    private final List<RemoteResultSet> kept = new ArrayList<>();
    private SQLWarning warnings;
    private final List<String> batch = new ArrayList<>();

    RemoteStatement(RemoteConnection connection) {
        this.connection = connection;
    }

    void checkOpen() throws SQLException {
        if (closed) {
            throw connection.errors().statementClosed();
        }
        if (connection.isClosed()) {
            throw connection.errors().connectionClosed();
        }
    }

    /** Runs one execution and keeps its outcome for getResultSet/getUpdateCount/getGeneratedKeys. */
    final Result.Executed run(Op.Execute op) throws SQLException {
        checkOpen();
        if (connection.errors().keepsResultsOnNextExecution()) {
            detachCurrent(); // Connector/J leaves the last result readable
        } else {
            closeCurrent(true);
            if (closed) { // closing the last result completed it (closeOnCompletion): pgjdbc fails the execution
                throw connection.errors().statementClosed();
            }
        }
        executed = true;
        // Taken now and kept: the reply may say "the columns you hold", whatever the cache holds by then.
        LinkCaches.KnownColumns known = connection.knownColumns(op.sql());
        Result.Executed e = (Result.Executed) connection.exchange(known == null ? op : op.withKnownColumns(known.id()));
        generatedKeys = e.keys();
        keysRequested = op.keys() != null;
        arrived(e.further());
        warnings = e.warnings() == null ? null : e.warnings().toWarning();
        if (e.rows() != null) {
            Rows rows = e.rows();
            if (rows.columns() == null) {
                if (known == null || known.id() != e.columnsId()) {
                    throw new SQLNonTransientConnectionException("poold sent rows without their columns, naming column set "
                            + e.columnsId() + " this client does not hold", Protocol.STATE_PROTOCOL_VIOLATION);
                }
                rows = new Rows(known.columns(), rows.data(), rows.last());
            } else if (e.columnsId() != 0 && (known == null || known.id() != e.columnsId())) {
                connection.rememberColumns(op.sql(), e.columnsId(), rows.columns());
            }
            current = new RemoteResultSet(this, rows, e.cursor(), fetchSize, e.holdsTransaction(),
                    op.mode() == Op.Mode.ANY);
            if (resultSetType == ResultSet.TYPE_SCROLL_INSENSITIVE) {
                current.scrollable();
            }
            updateCount = -1;
        } else {
            updateCount = e.updateCount();
        }
        return e;
    }

    final Op.Execute op(Op.StatementKind kind, Op.Mode mode, String sql, Object[] params, Op.Keys keys) {
        return new Op.Execute(kind, mode, sql, params, fetchSize, (int) Math.min(Integer.MAX_VALUE, maxRows),
                queryTimeout, keys);
    }

    final ResultSet requireRows() throws SQLException {
        if (current == null) {
            throw new SQLException("the statement returned no result set", "02000");
        }
        return current;
    }

    /** @param callFollows a call to the daemon follows at once (see {@link RemoteResultSet#close(boolean)}) */
    private void closeCurrent(boolean callFollows) throws SQLException {
        try {
            RemoteResultSet was = current;
            if (was != null) {
                try {
                    was.close(callFollows, false); // with closeOnCompletion, may close this statement too
                } finally {
                    dropLate(was);
                    current = null;
                }
            }
            closeKept(callFollows);
        } finally {
            updateCount = -1;
            generatedKeys = null;
            dropFurther();
        }
    }

    /** Results after the current one, appended to those still to come; a cursor among them is open from now. */
    private void arrived(List<Result.Further> results) {
        further.addAll(results);
        if (!results.isEmpty() && results.get(results.size() - 1).cursor() != 0) {
            connection.cursorOpened();
        }
    }

    /**
     * Lets go the results {@code rs} brought with its end (or its close) that the application did
     * not move on to: the daemon's cursor of the last, if it has one, closes with the next call.
     */
    private void dropLate(RemoteResultSet rs) {
        List<Result.Further> late = rs.takeFurther();
        if (!late.isEmpty() && late.get(late.size() - 1).cursor() != 0) {
            connection.defer(new Op.CloseCursor(late.get(late.size() - 1).cursor()));
        }
    }

    /** Lets the results still to come go: the daemon's cursor of the last, if it has one, closes with the next call. */
    private void dropFurther() {
        Result.Further last = further.peekLast();
        further.clear();
        if (last != null && last.cursor() != 0) {
            connection.cursorEnded();
            connection.defer(new Op.CloseCursor(last.cursor()));
        }
    }

    private void closeKept(boolean callFollows) throws SQLException {
        List<RemoteResultSet> open = List.copyOf(kept);
        kept.clear();
        for (RemoteResultSet rs : open) {
            rs.close(callFollows, false);
        }
    }

    /**
     * Lets the current result go without closing it: the application may still read it, also
     * after the statement's close, as Connector/J's (which holds it whole). Its cursor on the
     * daemon, if it was not read to its end, stays open until it is closed or read to its end, or
     * the connection ends.
     */
    private void detachCurrent() {
        if (current != null) {
            current.orphan();
        }
        current = null;
        kept.clear();
        updateCount = -1;
        generatedKeys = null;
        dropFurther();
    }

    /**
     * Called by a result set of this statement when it closes. With closeOnCompletion, closing
     * the current result closes the statement; on pgjdbc closing any of its result sets does
     * (its generated keys too) once no current result is open.
     */
    void resultSetClosed(RemoteResultSet rs) throws SQLException {
        if (!closeOnCompletion || closed) {
            return;
        }
        if (rs == current || (connection.errors().anyResultCompletes() && (current == null || current.isClosed()))) {
            close();
        }
    }

    private static Op.Keys keys(int autoGeneratedKeys) {
        return autoGeneratedKeys == Statement.RETURN_GENERATED_KEYS ? Op.Keys.ALL : null;
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        run(op(Op.StatementKind.PLAIN, Op.Mode.QUERY, sql, null, null));
        return requireRows();
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        return (int) executeLargeUpdate(sql);
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return (int) run(op(Op.StatementKind.PLAIN, Op.Mode.UPDATE, sql, null, keys(autoGeneratedKeys))).updateCount();
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return (int) run(op(Op.StatementKind.PLAIN, Op.Mode.UPDATE, sql, null,
                new Op.Keys(false, columnIndexes.clone(), null))).updateCount();
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        return (int) run(op(Op.StatementKind.PLAIN, Op.Mode.UPDATE, sql, null,
                new Op.Keys(false, null, columnNames.clone()))).updateCount();
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        return run(op(Op.StatementKind.PLAIN, Op.Mode.UPDATE, sql, null, null)).updateCount();
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return run(op(Op.StatementKind.PLAIN, Op.Mode.UPDATE, sql, null, keys(autoGeneratedKeys))).updateCount();
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return run(op(Op.StatementKind.PLAIN, Op.Mode.UPDATE, sql, null,
                new Op.Keys(false, columnIndexes.clone(), null))).updateCount();
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        return run(op(Op.StatementKind.PLAIN, Op.Mode.UPDATE, sql, null,
                new Op.Keys(false, null, columnNames.clone()))).updateCount();
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        return run(op(Op.StatementKind.PLAIN, Op.Mode.ANY, sql, null, null)).rows() != null;
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        return run(op(Op.StatementKind.PLAIN, Op.Mode.ANY, sql, null, keys(autoGeneratedKeys))).rows() != null;
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        return run(op(Op.StatementKind.PLAIN, Op.Mode.ANY, sql, null,
                new Op.Keys(false, columnIndexes.clone(), null))).rows() != null;
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        return run(op(Op.StatementKind.PLAIN, Op.Mode.ANY, sql, null,
                new Op.Keys(false, null, columnNames.clone()))).rows() != null;
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        checkOpen();
        return current;
    }

    @Override
    public int getUpdateCount() throws SQLException {
        checkOpen();
        return (int) Math.min(Integer.MAX_VALUE, updateCount);
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        checkOpen();
        return updateCount;
    }

    /**
     * The next of the statement's results, as the backend driver's no-argument form moves on
     * (pgjdbc closes every result before it, Connector/J the current one).
     */
    @Override
    public boolean getMoreResults() throws SQLException {
        return getMoreResults(connection.errors().moreResultsDefault());
    }

    /**
     * The next of the results the daemon sent with the first (see StatementRunner.further), or
     * with the end of the one before; one larger than a batch streams from a cursor of its own.
     * What is closed on the way follows the backend driver ({@link DriverErrors#moreResultsClosesCurrent}).
     */
    @Override
    public boolean getMoreResults(int how) throws SQLException {
        checkOpen();
        List<Result.Further> late = List.of();
        if (current != null) {
            RemoteResultSet was = current;
            if (connection.errors().moreResultsClosesCurrent(how) || was.isClosed()) {
                was.close(false, true); // a cursor not read to its end brings the results after it now
            } else {
                was.keep(); // the daemon sets the rest of it aside and moves the statement on
                kept.add(was);
            }
            late = was.takeFurther();
            current = null;
        }
        if (connection.errors().moreResultsClosesKept(how)) {
            closeKept(false);
        }
        updateCount = -1;
        generatedKeys = null;
        if (!late.isEmpty()) {
            List<Result.Further> after = List.copyOf(further);
            further.clear();
            further.addAll(late); // the results of a cursor come before those after it: the daemon sent none yet
            further.addAll(after);
            if (late.get(late.size() - 1).cursor() != 0) {
                connection.cursorOpened();
            }
        }
        Result.Further next = further.poll();
        if (next == null) {
            return false;
        }
        if (next.rows() == null) {
            updateCount = next.updateCount();
            return false;
        }
        if (next.cursor() != 0) {
            connection.cursorEnded(); // counted from its arrival; the result set counts it from here
        }
        current = new RemoteResultSet(this, next.rows(), next.cursor(), fetchSize, false, true);
        if (resultSetType == ResultSet.TYPE_SCROLL_INSENSITIVE) {
            current.scrollable();
        }
        return true;
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        checkOpen();
        if (generatedKeys == null && !keysRequested && executed && connection.errors().keysNotRequested() != null) {
            throw connection.errors().keysNotRequested();
        }
        Rows keys = generatedKeys != null ? generatedKeys : new Rows(List.of(), new Object[0][], true);
        return new RemoteResultSet(this, keys, 0, 0);
    }

    // ---- batches

    @Override
    public void addBatch(String sql) throws SQLException {
        checkOpen();
        batch.add(sql);
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    @Override
    public int[] executeBatch() throws SQLException {
        long[] counts = executeLargeBatch();
        int[] narrow = new int[counts.length];
        for (int i = 0; i < counts.length; i++) {
            narrow[i] = (int) Math.min(Integer.MAX_VALUE, counts[i]);
        }
        return narrow;
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        closeCurrent(true);
        keysRequested = false;
        try {
            return runBatch();
        } finally {
            clearBatchEntries();
        }
    }

    long[] runBatch() throws SQLException {
        if (batch.isEmpty()) {
            return new long[0];
        }
        return ((Result.Batched) connection.exchange(new Op.Batch(Op.StatementKind.PLAIN, null, batch, null,
                queryTimeout))).counts();
    }

    /** Keeps the generated keys of a batch for getGeneratedKeys (null: none). */
    final void generatedKeys(Rows keys) {
        generatedKeys = keys;
        keysRequested = keys != null;
    }

    void clearBatchEntries() {
        batch.clear();
    }

    // ---- settings

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) {
            throw connection.errors().negativeFetchSize(rows);
        }
        fetchSize = rows;
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
    }

    int fetchSize() {
        return fetchSize;
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        setLargeMaxRows(max);
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        checkOpen();
        if (max < 0) {
            throw connection.errors().negativeMaxRows(max);
        }
        maxRows = max;
    }

    @Override
    public int getMaxRows() throws SQLException {
        checkOpen();
        return (int) Math.min(Integer.MAX_VALUE, maxRows);
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        checkOpen();
        return maxRows;
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        checkOpen();
        if (seconds < 0) {
            throw connection.errors().negativeQueryTimeout(seconds);
        }
        queryTimeout = seconds;
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        checkOpen();
        return queryTimeout;
    }

    int queryTimeout() {
        return queryTimeout;
    }

    @Override
    public void cancel() throws SQLException {
        checkOpen();
        connection.cancelRunning();
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        checkOpen();
        return 0;
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        checkOpen();
        if (max != 0) {
            throw Unsupported.method("Statement.setMaxFieldSize(int) with a limit");
        }
    }

    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        checkOpen(); // escapes are processed by the driver in the daemon, as it is configured
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != ResultSet.FETCH_FORWARD && resultSetType == ResultSet.TYPE_FORWARD_ONLY) {
            throw Unsupported.method("Statement.setFetchDirection(int) other than FETCH_FORWARD on a forward-only"
                    + " statement (use TYPE_SCROLL_INSENSITIVE)");
        }
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return ResultSet.FETCH_FORWARD;
    }

    @Override
    public int getResultSetType() throws SQLException {
        checkOpen();
        return resultSetType;
    }

    /** @return this statement, its results of {@code type} (checked by the connection) */
    final RemoteStatement withResultSetType(int type) {
        resultSetType = type;
        return this;
    }

    /** The holdability the statement was created with, which pgjdbc's statements answer. */
    final RemoteStatement withHoldability(int value) {
        holdability = value;
        return this;
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        checkOpen();
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        checkOpen();
        return holdability != null && connection.errors().statementKeepsHoldability() ? holdability
                : connection.getHoldability();
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return takeWarnings();
    }

    /**
     * @return the last execution's warnings; once only where the backend driver answers them
     *         once (Connector/J reads them with SHOW WARNINGS, which leaves none for the next ask)
     */
    SQLWarning takeWarnings() {
        SQLWarning w = warnings;
        if (connection.errors().warningsReadOnce()) {
            warnings = null;
        }
        return w;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
        warnings = null;
    }

    /** {@link #clearWarnings()} for a result set of this statement, which Connector/J lets do it even once closed. */
    void dropWarnings() {
        warnings = null;
    }

    @Override
    public Connection getConnection() throws SQLException {
        checkOpen();
        return connection;
    }

    @Override
    public void setPoolable(boolean poolable) throws SQLException {
        checkOpen();
        this.poolable = poolable;
    }

    @Override
    public boolean isPoolable() throws SQLException {
        checkOpen();
        return poolable;
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        checkOpen();
        closeOnCompletion = true;
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        checkOpen();
        return closeOnCompletion;
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            RemoteResultSet was = current;
            if (was != null) {
                try {
                    was.close(false, false); // see RemoteResultSet.close: usually rides along with the next call
                } finally {
                    dropLate(was);
                    current = null;
                }
            }
            closeKept(false);
        } finally {
            dropFurther();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }
}
