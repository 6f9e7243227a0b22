package pool.stubdriver;

import java.sql.Connection;
import java.sql.SQLException;

/** Metadata of the stub driver: names itself and its connection, answers neutrally otherwise. */
final class StubDatabaseMetaData extends BaseDatabaseMetaData {

    private final StubConnection connection;

    StubDatabaseMetaData(StubConnection connection) {
        this.connection = connection;
    }

    @Override
    void check() throws SQLException {
        connection.check();
    }

    @Override
    public Connection getConnection() throws SQLException {
        check();
        return connection;
    }

    @Override
    public String getDatabaseProductName() throws SQLException {
        check();
        return "Stub";
    }

    @Override
    public String getDriverName() throws SQLException {
        check();
        return "poold stub driver";
    }

    @Override
    public String getURL() throws SQLException {
        check();
        return connection.database().url();
    }
}
