package pool.engine;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.MariaDb;

/** {@link FaultTests} against a real MariaDB server. */
class MariaDbFaultIT extends FaultTests {

    @BeforeEach
    void server(@MariaDb DatabaseServer db) {
        this.server = db;
    }

    @Override
    String backendIdSql() {
        return "SELECT CONNECTION_ID()";
    }

    @Override
    void kill(Connection admin, long id) throws SQLException {
        exec(admin, "KILL CONNECTION " + id);
    }

    @Override
    String userBackendsSql() {
        return "SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ?";
    }

    @Override
    void createUser(Connection admin, String user, String password) throws SQLException {
        exec(admin, "DROP USER IF EXISTS '" + user + "'@'127.0.0.1'");
        exec(admin, "CREATE USER '" + user + "'@'127.0.0.1' IDENTIFIED BY '" + password + "'");
        exec(admin, "GRANT ALL PRIVILEGES ON app.* TO '" + user + "'@'127.0.0.1'");
    }

    @Override
    void changePassword(Connection admin, String user, String password) throws SQLException {
        exec(admin, "ALTER USER '" + user + "'@'127.0.0.1' IDENTIFIED BY '" + password + "'");
    }

    @Override
    String sleepSql(int seconds) {
        return "SELECT SLEEP(" + seconds + ")";
    }
}
