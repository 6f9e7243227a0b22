package pool.remote.internal;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import pool.protocol.Column;
import pool.protocol.Op;
import pool.protocol.OutParam;
import pool.protocol.Protocol;
import pool.protocol.Result;
import pool.protocol.Rows;
import pool.protocol.SqlError;

/** Runs {@link Op.Execute}, {@link Op.Batch} and {@link Op.Fetch} on a session. */
final class StatementRunner {

    private StatementRunner() {
    }

    static int batchSize(int fetchSize) {
        if (fetchSize <= 0) {
            return Protocol.DEFAULT_FETCH_SIZE;
        }
        return Math.min(fetchSize, Protocol.MAX_FETCH_SIZE);
    }

    static Result.Executed execute(Session session, Op.Execute op) throws SQLException {
        try {
            return executeOnce(session, op);
        } finally {
            session.lobs.freeNamedBy(op.params()); // run (maybe twice, see below): their spools are done with
        }
    }

    private static Result.Executed executeOnce(Session session, Op.Execute op) throws SQLException {
        int batch = batchSize(op.fetchSize());
        // In autocommit, PostgreSQL's driver would read the whole result into the daemon's
        // memory: such a query runs in a transaction of its own (see ImplicitTransaction).
        // A plain read the application gave no fetch size first runs read-only, begun and
        // committed in one round trip, limited to one batch; most results fit. One that
        // does not, or that writes, runs again to stream: nothing of the first run remains.
        if (!ImplicitTransaction.needed(session, op, batch)) {
            return execute(session, op, batch, Mode.PLAIN, op.sql());
        }
        String readOnlyOnce = op.fetchSize() <= 0 ? session.shared.readOnlyFirst(op.sql()) : null;
        if (readOnlyOnce != null) {
            Result.Executed whole;
            try {
                whole = execute(session, op, batch, Mode.WITHIN_ONE_BATCH, readOnlyOnce);
            } catch (SQLException e) {
                endFailed(session, e); // the READ ONLY transaction: nothing of it to keep
                if (!ImplicitTransaction.READ_ONLY_VIOLATION.equals(e.getSQLState())) {
                    throw e; // it failed as it would have in autocommit
                }
                whole = null; // it writes: it runs as an autocommit statement would
            }
            if (whole != null) {
                return whole;
            }
            session.shared.streamFirst(op.sql()); // next time at once: this one is large, or writes
        }
        return inImplicitTransaction(session, op, batch);
    }

    /** Rolls back the transaction a failed {@link Mode#WITHIN_ONE_BATCH} statement left aborted. */
    private static void endFailed(Session session, SQLException cause) {
        try (Statement st = session.connection.createStatement()) {
            st.execute("ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);
            session.unfit(e);
        }
    }

    private static Result.Executed inImplicitTransaction(Session session, Op.Execute op, int batch)
            throws SQLException {
        ImplicitTransaction implicit = ImplicitTransaction.begin(session,
                ImplicitTransaction.readOnly(session, op.sql()));
        Result.Executed result;
        try {
            result = execute(session, op, batch, Mode.IMPLICIT_TRANSACTION, op.sql());
        } catch (SQLException | RuntimeException e) {
            implicit.finishAfter(e); // the database rolled back what failed; the commit ends the rest
            throw e;
        }
        if (result.cursor() != 0) {
            session.holdImplicit(implicit, result.cursor()); // ends with the cursor
        } else {
            SQLException failed = implicit.finish(); // the whole result is here: the statement is over
            if (failed != null) {
                throw failed;
            }
        }
        return result;
    }

    /** How a statement runs. */
    private enum Mode {
        /** As the client's connection stands. */
        PLAIN,
        /** In a transaction the daemon began for it: a result may stay open as a cursor. */
        IMPLICIT_TRANSACTION,
        /**
         * As {@link Dialect#readOnlyOnce}, with a row limit one past the batch:
         * the result fits in one batch, or its rows are dropped and the answer is null.
         */
        WITHIN_ONE_BATCH
    }

    /**
     * Executes with the statement closed afterwards, unless a cursor keeps it open.
     *
     * @param sql the text to run: the client's, or in {@link Mode#WITHIN_ONE_BATCH} its
     *            {@link Dialect#readOnlyOnce} form
     * @return the result; null only in {@link Mode#WITHIN_ONE_BATCH} when it did not fit
     */
    private static Result.Executed execute(Session session, Op.Execute op, int batch, Mode mode, String sql)
            throws SQLException {
        Connection c = session.connection;
        Statement st = prepare(c, op, sql);
        boolean keep = false;
        try {
            // The driver reads from the database in batches of the client's fetch size too (but
            // MariaDB's, see its dialect), so a large result is streamed end to end where the driver can.
            st.setFetchSize(session.dialect().driverFetchSize(batch, op.kind() == Op.StatementKind.CALLABLE));
            if (mode == Mode.WITHIN_ONE_BATCH) {
                st.setMaxRows(batch + 1); // the client's own limit, if any, is larger (else no transaction was needed)
            } else if (op.maxRows() > 0) {
                st.setMaxRows(op.maxRows());
            }
            if (op.queryTimeout() > 0) {
                st.setQueryTimeout(op.queryTimeout());
            }
            if (st instanceof PreparedStatement ps) {
                Binder.bind(ps, op.params(), session.values, session.lobs);
            }
            session.running(st);
            Outcome outcome;
            try {
                outcome = mode == Mode.WITHIN_ONE_BATCH ? secondResult(st, sql) : run(st, op);
            } finally {
                session.running(null);
            }
            ResultSet rs = outcome.rows();
            Rows keys = op.keys() != null && rs == null ? generatedKeys(st) : null;
            Object[] outs = st instanceof CallableStatement cs ? outValues(cs, op.params()) : null;
            if (rs == null) {
                Result.Executed e = new Result.Executed(outcome.count(), null, 0, keys, outs, warnings(st.getWarnings()));
                if (mode != Mode.PLAIN || op.mode() != Op.Mode.ANY) {
                    return e;
                }
                List<Result.Further> further = further(session, st, batch, new RowReader.Budget(batch));
                keep = handedOn(further);
                return e.withFurther(further);
            }
            List<Column> columns = RowReader.columns(rs.getMetaData());
            long columnsId = session.shared.columnSets.id(op.sql(), columns);
            // The client holds these very columns for this SQL: the rows go without them.
            boolean known = columnsId != 0 && columnsId == op.knownColumns();
            if (mode == Mode.WITHIN_ONE_BATCH) {
                Rows all = RowReader.read(rs, columns, batch + 1, !known);
                if (all.size() > batch || !all.last()) {
                    return null; // more than one batch (of rows or bytes): dropped, run again to stream
                }
                return new Result.Executed(-1, all, 0, keys, outs, warnings(st.getWarnings()), false, columnsId);
            }
            RowReader.Budget budget = new RowReader.Budget(batch);
            Rows first = RowReader.read(rs, columns, budget, !known, true);
            // After the rows: MariaDB's driver learns of a query's warnings from the packet that ends its rows.
            SqlError warnings = warnings(st.getWarnings());
            long cursor = 0;
            if (!first.last()) {
                cursor = session.addCursor(new Cursor.Streaming(st, rs, columns, batch,
                        mode == Mode.PLAIN && op.mode() == Op.Mode.ANY));
                keep = true;
            }
            Result.Executed e = new Result.Executed(-1, first, cursor, keys, outs, warnings,
                    mode == Mode.IMPLICIT_TRANSACTION && cursor != 0, columnsId);
            // Further results once the first is read: after its last batch when it streams (see fetch).
            if (cursor != 0 || mode != Mode.PLAIN || op.mode() != Op.Mode.ANY) {
                return e;
            }
            List<Result.Further> further = further(session, st, batch, budget);
            keep = handedOn(further);
            return e.withFurther(further);
        } finally {
            if (!keep) {
                st.close();
            }
        }
    }

    private static Statement prepare(Connection c, Op.Execute op, String sql) throws SQLException {
        Op.Keys k = op.keys();
        switch (op.kind()) {
            case PLAIN:
                return c.createStatement();
            case CALLABLE:
                return c.prepareCall(sql);
            default:
                if (k == null) {
                    return c.prepareStatement(sql);
                } else if (k.indexes() != null) {
                    return c.prepareStatement(sql, k.indexes());
                } else if (k.names() != null) {
                    return c.prepareStatement(sql, k.names());
                }
                return c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
        }
    }

    /** Runs a {@link Dialect#readOnlyOnce} statement: its rows are the second result, after BEGIN's. */
    private static Outcome secondResult(Statement st, String sql) throws SQLException {
        boolean rows = st instanceof PreparedStatement ps ? ps.execute() : st.execute(sql);
        while (!rows) {
            if (st.getUpdateCount() == -1) {
                throw new SQLException("poold's read-only run of a query returned no rows: " + sql, "XX000");
            }
            rows = st.getMoreResults();
        }
        return new Outcome(st.getResultSet(), -1);
    }

    /**
     * The results after the current one of a statement that returned several (statements
     * separated by semicolons, a MariaDB procedure's SELECTs), as {@code getMoreResults} reads
     * them, within one reply's {@code budget}: update counts, and results of rows read to their
     * end. A result that does not end within the budget stays open as a cursor of its own, with
     * its first rows: it is the last of the list, and the results after it are read when the
     * client moves past it. That cursor holds the statement from then on ({@link #handedOn}).
     *
     * @param fetchSize rows per batch of such a cursor
     */
    static List<Result.Further> further(Session session, Statement st, int fetchSize, RowReader.Budget budget)
            throws SQLException {
        List<Result.Further> further = new ArrayList<>();
        while (true) {
            if (st.getMoreResults()) {
                ResultSet rs = st.getResultSet();
                boolean open = false;
                try {
                    List<Column> columns = RowReader.columns(rs.getMetaData());
                    Rows rows = RowReader.read(rs, columns, budget, true, true);
                    if (rows.last()) {
                        further.add(new Result.Further(-1, rows));
                        continue;
                    }
                    open = true;
                    long cursor = session.addCursor(new Cursor.Streaming(st, rs, columns, fetchSize, true));
                    further.add(new Result.Further(-1, rows, cursor));
                    return further;
                } finally {
                    if (!open) {
                        rs.close();
                    }
                }
            }
            long count = st.getUpdateCount();
            if (count == -1) {
                return further;
            }
            further.add(new Result.Further(count, null));
        }
    }

    /** @return whether the last of {@code further} is a cursor, which holds their statement now */
    static boolean handedOn(List<Result.Further> further) {
        return !further.isEmpty() && further.get(further.size() - 1).cursor() != 0;
    }

    /** What an execution produced: rows, or an update count. */
    private record Outcome(ResultSet rows, long count) {
    }

    /**
     * Runs the execute variant the application called. The result set and count are the
     * ones the call returned, not re-read from the statement: drivers differ in what
     * {@code getUpdateCount()} says after {@code executeUpdate}.
     */
    private static Outcome run(Statement st, Op.Execute op) throws SQLException {
        if (st instanceof PreparedStatement ps) {
            switch (op.mode()) {
                case QUERY:
                    return new Outcome(ps.executeQuery(), -1);
                case UPDATE:
                    return new Outcome(null, ps.executeUpdate());
                default:
                    return ps.execute() ? new Outcome(ps.getResultSet(), -1) : new Outcome(null, ps.getUpdateCount());
            }
        }
        Op.Keys k = op.keys();
        String sql = op.sql();
        switch (op.mode()) {
            case QUERY:
                return new Outcome(st.executeQuery(sql), -1);
            case UPDATE:
                int count;
                if (k == null) {
                    count = st.executeUpdate(sql);
                } else if (k.indexes() != null) {
                    count = st.executeUpdate(sql, k.indexes());
                } else if (k.names() != null) {
                    count = st.executeUpdate(sql, k.names());
                } else {
                    count = st.executeUpdate(sql, Statement.RETURN_GENERATED_KEYS);
                }
                return new Outcome(null, count);
            default:
                boolean rows;
                if (k == null) {
                    rows = st.execute(sql);
                } else if (k.indexes() != null) {
                    rows = st.execute(sql, k.indexes());
                } else if (k.names() != null) {
                    rows = st.execute(sql, k.names());
                } else {
                    rows = st.execute(sql, Statement.RETURN_GENERATED_KEYS);
                }
                return rows ? new Outcome(st.getResultSet(), -1) : new Outcome(null, st.getUpdateCount());
        }
    }

    private static Rows generatedKeys(Statement st) throws SQLException {
        try (ResultSet keys = st.getGeneratedKeys()) {
            return RowReader.readAll(keys);
        }
    }

    private static Object[] outValues(CallableStatement cs, Object[] params) throws SQLException {
        Object[] out = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            if (params[i] instanceof OutParam p) {
                int index = i + 1;
                Object temporal = ClientValues.outTemporal(cs, index, p.sqlType());
                out[i] = temporal != null ? temporal : RowReader.normalize(cs.getObject(index), () -> cs.getString(index));
            }
        }
        return out;
    }

    static SqlError warnings(SQLWarning w) {
        return w == null ? null : SqlError.from(w);
    }

    static Result.Batched batch(Session session, Op.Batch op) throws SQLException {
        Connection c = session.connection;
        Op.Keys k = op.keys();
        Statement st = op.kind() == Op.StatementKind.PLAIN ? c.createStatement()
                : op.kind() == Op.StatementKind.CALLABLE ? c.prepareCall(op.sql())
                : k == null ? c.prepareStatement(op.sql())
                : k.indexes() != null ? c.prepareStatement(op.sql(), k.indexes())
                : k.names() != null ? c.prepareStatement(op.sql(), k.names())
                : c.prepareStatement(op.sql(), Statement.RETURN_GENERATED_KEYS);
        try {
            if (op.queryTimeout() > 0) {
                st.setQueryTimeout(op.queryTimeout());
            }
            if (st instanceof PreparedStatement ps) {
                for (Object[] params : op.paramSets()) {
                    Binder.bind(ps, params, session.values, session.lobs);
                    ps.addBatch();
                }
            } else {
                for (String sql : op.sqls()) {
                    st.addBatch(sql);
                }
            }
            session.running(st);
            int[] counts;
            try {
                counts = st.executeBatch();
            } finally {
                session.running(null);
            }
            long[] wide = new long[counts.length];
            for (int i = 0; i < counts.length; i++) {
                wide[i] = counts[i];
            }
            return new Result.Batched(wide, k != null && op.kind() == Op.StatementKind.PREPARED
                    ? RowReader.readAll(st.getGeneratedKeys()) : null);
        } finally {
            for (Object[] params : op.paramSets()) {
                session.lobs.freeNamedBy(params);
            }
            st.close();
        }
    }

    static Result.Fetched fetch(Session session, Op.Fetch op) throws SQLException {
        Cursor cursor = session.cursor(op.cursor());
        if (cursor == null) {
            throw new SQLException("result set " + op.cursor() + " is closed", "24000");
        }
        int n = op.rows() > 0 ? Math.min(op.rows(), Protocol.MAX_FETCH_SIZE) : cursor.fetchSize();
        RowReader.Budget budget = new RowReader.Budget(n);
        Rows rows;
        try {
            rows = cursor.read(budget);
        } catch (SQLException | RuntimeException e) {
            session.closeCursorAfter(op.cursor(), e);
            throw e;
        }
        List<Result.Further> further = List.of();
        if (rows.last()) {
            try {
                further = cursor.further(session, budget); // with this result's last batch, in what it left
            } finally {
                session.closeCursor(op.cursor()); // fully read: no close call from the client needed
            }
        }
        return new Result.Fetched(rows, further);
    }

    /**
     * {@code getMoreResults} before the end of a cursor: the rest of it is dropped, or with
     * {@code KEEP_CURRENT_RESULT} set aside on disk to be fetched as before (the statement moves
     * on, and MariaDB's driver would read the rest into the heap); the further results follow.
     */
    static Result.Fetched moreResults(Session session, Op.MoreResults op) throws SQLException {
        Cursor cursor = session.cursor(op.cursor());
        if (cursor == null) {
            throw new SQLException("result set " + op.cursor() + " is closed", "24000");
        }
        RowReader.Budget budget = new RowReader.Budget(cursor.fetchSize());
        Rows none = new Rows(null, new Object[0][], true);
        if (!op.keep()) {
            List<Result.Further> further;
            try {
                further = cursor.further(session, budget);
            } finally {
                session.closeCursor(op.cursor());
            }
            return new Result.Fetched(none, further);
        }
        if (!(cursor instanceof Cursor.Streaming streaming) || !streaming.moreResults()) {
            return new Result.Fetched(none, cursor.further(session, budget)); // kept as it is: set aside, or the last
        }
        session.keepApart(op.cursor(), streaming); // the statement outlives its result set now
        boolean handedOn = false;
        try {
            List<Result.Further> further = further(session, streaming.statement(), streaming.fetchSize(), budget);
            handedOn = handedOn(further);
            return new Result.Fetched(none, further);
        } finally {
            if (!handedOn) {
                streaming.statement().close();
            }
        }
    }
}
