package pool.remote.internal;

import java.sql.ResultSet;
import java.sql.Statement;

/** An open result set the client reads batch by batch, and the statement it belongs to. */
record Cursor(Statement statement, ResultSet resultSet, int columnCount, int fetchSize) {

    void closeQuietly() {
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
