package pool.engine;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.MariaDb;

/** The engine against a real MariaDB server (10.11: tx_* variable names). */
class MariaDbIT extends RealDatabaseTests {

    @BeforeEach
    void server(@MariaDb DatabaseServer db) {
        this.server = db;
    }

    @Override
    String isolationSql() {
        return "SELECT @@session.tx_isolation";
    }

    @Override
    String readCommittedName() {
        return "repeatable read"; // MariaDB's default, which the pool restores
    }

    @Override
    String readOnlySql() {
        return "SELECT @@session.tx_read_only";
    }

    @Override
    String readOnlyOff() {
        return "0";
    }

    @Override
    String backendIdSql() {
        return "SELECT CONNECTION_ID()";
    }

    @Override
    void killBackend(Connection admin, long id) throws SQLException {
        exec(admin, "KILL " + id);
    }

    @Override
    boolean backendExists(Connection admin, long id) throws SQLException {
        return count(admin, "SELECT count(*) FROM information_schema.PROCESSLIST WHERE ID = ?", id) > 0;
    }

    @Override
    int userSessions(Connection admin) throws SQLException {
        return count(admin, "SELECT count(*) FROM information_schema.PROCESSLIST WHERE USER = ?", server.user());
    }

    @Override
    String userBackendsSql() {
        return "SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ?";
    }

    @Override
    String sleepSql(int seconds) {
        return "SELECT SLEEP(" + seconds + ")";
    }
}
