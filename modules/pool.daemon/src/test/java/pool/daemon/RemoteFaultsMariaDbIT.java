package pool.daemon;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.TestDatabases;

/** {@link RemoteFaultScenarios} on a real MariaDB. */
class RemoteFaultsMariaDbIT extends RemoteFaultScenarios {

    @Override
    DatabaseServer server() {
        return TestDatabases.mariaDb();
    }

    @Override
    String driver() {
        return "mariadb";
    }

    @Override
    String backendIdQuery() {
        return "select connection_id()";
    }

    @Override
    void killBackend(Connection admin, long id) throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute("kill " + id);
        }
    }

    @Override
    String sleep(int seconds) {
        return "select sleep(" + seconds + ")";
    }

    @Override
    void shortLockWait(Connection admin) throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute("set session innodb_lock_wait_timeout = 1");
        }
    }
}
