package pool.engine;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.Postgres;

/** {@link FaultTests} against a real PostgreSQL server. */
class PostgresFaultIT extends FaultTests {

    @BeforeEach
    void server(@Postgres DatabaseServer db) {
        this.server = db;
    }

    @Override
    String backendIdSql() {
        return "SELECT pg_backend_pid()";
    }

    @Override
    void kill(Connection admin, long id) throws SQLException {
        exec(admin, "SELECT pg_terminate_backend(" + id + ")");
    }

    @Override
    String userBackendsSql() {
        return "SELECT pid FROM pg_stat_activity WHERE usename = ?";
    }

    @Override
    void createUser(Connection admin, String user, String password) throws SQLException {
        exec(admin, "DROP ROLE IF EXISTS " + user);
        exec(admin, "CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "'");
    }

    @Override
    void changePassword(Connection admin, String user, String password) throws SQLException {
        exec(admin, "ALTER ROLE " + user + " PASSWORD '" + password + "'");
    }

    @Override
    String sleepSql(int seconds) {
        return "SELECT pg_sleep(" + seconds + ")";
    }
}
