package pool.remote.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import pool.protocol.Column;
import pool.protocol.Result;
import pool.protocol.Rows;

/** An open result the client reads batch by batch. */
sealed interface Cursor permits Cursor.Streaming, Cursor.Buffered, SpilledRows {

    /** @return the rows per batch the client asked for when it executed */
    int fetchSize();

    /** @return up to {@code max} further rows, {@code last} set when none follow */
    Rows read(int max) throws SQLException;

    /** @return further rows within {@code budget}, which they spend; {@code last} set when none follow */
    default Rows read(RowReader.Budget budget) throws SQLException {
        Rows rows = read(budget.rows());
        budget.spend(rows.size(), 0); // rows read before, under the bound of their own batch
        return rows;
    }

    void closeQuietly();

    /**
     * Moves past this result and reads the statement's results after it within {@code budget}
     * ({@link StatementRunner#further}): a result larger than that becomes a cursor of its own,
     * the last of the list. The caller closes this cursor afterwards, unless the client keeps
     * the result ({@code KEEP_CURRENT_RESULT}, a result already set aside).
     *
     * @return the further results; empty for a result that cannot have any
     */
    default List<Result.Further> further(Session session, RowReader.Budget budget) throws SQLException {
        return List.of();
    }

    /**
     * A result set the driver holds open, and the statement it belongs to, until a result after
     * this one takes the statement over ({@link #handOver}).
     */
    final class Streaming implements Cursor {
        private final Statement statement;
        private final ResultSet resultSet;
        private final List<Column> columns;
        private final int fetchSize;
        private final boolean moreResults;
        /** Whether closing this closes the statement: not once a later result's cursor holds it. */
        private boolean ownsStatement = true;

        /**
         * @param moreResults the statement may have results after this one ({@code execute} of SQL
         *                    as the client gave it): they are read once this one is done with
         */
        Streaming(Statement statement, ResultSet resultSet, List<Column> columns, int fetchSize, boolean moreResults) {
            this.statement = statement;
            this.resultSet = resultSet;
            this.columns = columns;
            this.fetchSize = fetchSize;
            this.moreResults = moreResults;
        }

        Statement statement() {
            return statement;
        }

        List<Column> columns() {
            return columns;
        }

        boolean moreResults() {
            return moreResults && ownsStatement;
        }

        @Override
        public int fetchSize() {
            return fetchSize;
        }

        /** The statement goes on without this result: closing this closes the result set only. */
        void handOver() {
            ownsStatement = false;
        }

        @Override
        public List<Result.Further> further(Session session, RowReader.Budget budget) throws SQLException {
            if (!moreResults()) {
                return List.of();
            }
            List<Result.Further> further = StatementRunner.further(session, statement, fetchSize, budget);
            if (StatementRunner.handedOn(further)) {
                handOver();
            }
            return further;
        }

        @Override
        public Rows read(int max) throws SQLException {
            return RowReader.read(resultSet, columns, max, false, true);
        }

        @Override
        public Rows read(RowReader.Budget budget) throws SQLException {
            return RowReader.read(resultSet, columns, budget, false, true);
        }

        /** Closes the result set, leaving the statement open for the results after it. */
        void closeResult() {
            try {
                resultSet.close();
            } catch (Exception ignored) {
                // Best effort: the statement's close, or the next getMoreResults, releases it.
            }
        }

        @Override
        public void closeQuietly() {
            closeResult();
            if (!ownsStatement) {
                return;
            }
            try {
                statement.close();
            } catch (Exception ignored) {
                // The connection is reset or destroyed when it goes back to the pool anyway.
            }
        }
    }

    /**
     * Rows held in the daemon's memory (none but what an error left: see {@link SpilledRows}
     * for the rest of a result set aside), then the error that ended the reading early, if
     * one did.
     */
    final class Buffered implements Cursor {
        private Object[][] rows;
        private int next;
        private final SQLException error;
        private final int fetchSize;

        Buffered(Object[][] rows, SQLException error, int fetchSize) {
            this.rows = rows;
            this.error = error;
            this.fetchSize = fetchSize;
        }

        @Override
        public int fetchSize() {
            return fetchSize;
        }

        @Override
        public Rows read(int max) throws SQLException {
            if (rows == null) {
                throw new SQLException("result set is closed", "24000");
            }
            int n = Math.min(max, rows.length - next);
            if (n == 0 && error != null) {
                throw error;
            }
            Object[][] batch = Arrays.copyOfRange(rows, next, next + n);
            Arrays.fill(rows, next, next + n, null); // delivered rows need no memory any more
            next += n;
            return new Rows(null, batch, next == rows.length && error == null);
        }

        @Override
        public void closeQuietly() {
            rows = null;
        }
    }
}
