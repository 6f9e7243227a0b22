package pool.routing.internal.replica;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The one query shape every position probe runs: a single value read as text. */
final class OneValue {

    private OneValue() {
    }

    /**
     * @return the first column of the first row of {@code sql}, as text (null when SQL NULL)
     * @throws SQLException when the query fails or returns no row
     */
    static String of(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException(sql + " returned no row");
            }
            return rs.getString(1);
        }
    }
}
