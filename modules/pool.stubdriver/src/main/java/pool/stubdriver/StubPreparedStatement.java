package pool.stubdriver;

import java.sql.ResultSet;
import java.sql.SQLException;

/** A prepared statement of the stub driver: parameters are accepted and ignored. */
public class StubPreparedStatement extends BasePreparedStatement {

    final String sql;

    StubPreparedStatement(StubConnection connection, String sql) {
        super(connection);
        this.sql = sql;
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        check();
        return query();
    }

    @Override
    public int executeUpdate() throws SQLException {
        check();
        update();
        return 1;
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        return executeUpdate();
    }

    @Override
    public boolean execute() throws SQLException {
        check();
        query();
        return true;
    }
}
