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

    void closeQuietly();

    /**
     * Closes this result (its unread rows dropped, as {@code getMoreResults} drops them) and
     * reads the statement's results after it, each within one batch ({@link StatementRunner#further}).
     * The caller closes the cursor afterwards.
     *
     * @return the further results; empty for a result that cannot have any
     */
    default List<Result.Further> further() throws SQLException {
        return List.of();
    }

    /**
     * A result set the driver holds open, and the statement it belongs to.
     *
     * @param moreResults the statement may have results after this one ({@code execute} of SQL
     *                    as the client gave it): they are read once this one is done with
     */
    record Streaming(Statement statement, ResultSet resultSet, List<Column> columns, int fetchSize,
                     boolean moreResults) implements Cursor {

        @Override
        public List<Result.Further> further() throws SQLException {
            return moreResults ? StatementRunner.further(statement, fetchSize) : List.of();
        }

        @Override
        public Rows read(int max) throws SQLException {
            return RowReader.read(resultSet, columns, max, false, true);
        }

        @Override
        public void closeQuietly() {
            try {
                resultSet.close();
            } catch (Exception ignored) {
                // Closing is best effort: the statement close below releases the rest.
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
