package pool.daemon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.TestDatabases;

/** {@link RemoteFaultScenarios} on a real PostgreSQL. */
class RemoteFaultsPostgresIT extends RemoteFaultScenarios {

    @Override
    DatabaseServer server() {
        return TestDatabases.postgres();
    }

    @Override
    String driver() {
        return "postgresql";
    }

    @Override
    String backendIdQuery() {
        return "select pg_backend_pid()";
    }

    @Override
    void killBackend(Connection admin, long id) throws SQLException {
        try (PreparedStatement ps = admin.prepareStatement("select pg_terminate_backend(?)")) {
            ps.setInt(1, (int) id);
            ps.execute();
        }
    }

    @Override
    String sleep(int seconds) {
        return "select pg_sleep(" + seconds + ")";
    }

    @Override
    void shortLockWait(Connection admin) throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute("set lock_timeout = '1s'");
        }
    }
}
