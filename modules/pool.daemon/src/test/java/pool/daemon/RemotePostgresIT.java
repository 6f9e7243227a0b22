package pool.daemon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.TestDatabases;

/** {@link RemoteJdbcScenarios} on a real PostgreSQL. */
class RemotePostgresIT extends RemoteJdbcScenarios {

    @Override
    DatabaseServer server() {
        return TestDatabases.postgres();
    }

    @Override
    String driver() {
        return "postgresql";
    }

    @Override
    String uniqueViolationState() {
        return "23505";
    }

    @Override
    int uniqueViolationVendorCode() {
        return 0;
    }

    @Override
    void fillBig(Statement s, String table) throws SQLException {
        s.execute("insert into " + table + " select g, 'row ' || g || repeat('x', 200) from generate_series(1, " + BIG_ROWS + ") g");
    }

    @Override
    String sleep(int seconds) {
        return "select pg_sleep(" + seconds + ")";
    }

    @Override
    int openTransactions(Connection admin) throws SQLException {
        try (PreparedStatement ps = admin.prepareStatement("select count(*) from pg_stat_activity"
                + " where usename = ? and state like 'idle in transaction%'")) {
            ps.setString(1, server().user());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
