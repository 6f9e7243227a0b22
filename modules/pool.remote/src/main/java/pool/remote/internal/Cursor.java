package pool.remote.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import pool.protocol.Column;
import pool.protocol.Rows;

/** An open result the client reads batch by batch. */
sealed interface Cursor permits Cursor.Streaming, Cursor.Buffered, SpilledRows {

    /** @return the rows per batch the client asked for when it executed */
    int fetchSize();

    /** @return up to {@code max} further rows, {@code last} set when none follow */
    Rows read(int max) throws SQLException;

    void closeQuietly();

    /** A result set the driver holds open, and the statement it belongs to. */
    record Streaming(Statement statement, ResultSet resultSet, List<Column> columns, int fetchSize) implements Cursor {

        @Override
        public Rows read(int max) throws SQLException {
            return RowReader.read(resultSet, columns, max, false);
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
