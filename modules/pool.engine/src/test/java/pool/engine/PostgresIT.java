package pool.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.Postgres;

/** The engine against a real PostgreSQL server. */
class PostgresIT extends RealDatabaseTests {

    @BeforeEach
    void server(@Postgres DatabaseServer pg) {
        this.server = pg;
    }

    @Override
    String isolationSql() {
        return "SHOW transaction_isolation";
    }

    @Override
    String readCommittedName() {
        return "read committed";
    }

    @Override
    String readOnlySql() {
        return "SHOW transaction_read_only";
    }

    @Override
    String readOnlyOff() {
        return "off";
    }

    @Override
    String backendIdSql() {
        return "SELECT pg_backend_pid()";
    }

    @Override
    void changeSchema(Connection c) throws SQLException {
        exec(c, "CREATE SCHEMA IF NOT EXISTS it_audit");
        c.setSchema("it_audit");
        assertEquals("it_audit", one(c, "SELECT current_schema()"));
    }

    @Override
    void schemaIsReset(Connection c) throws SQLException {
        assertEquals("public", one(c, "SELECT current_schema()"));
    }

    @Override
    void killBackend(Connection admin, long id) throws SQLException {
        try (PreparedStatement ps = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
            ps.setInt(1, (int) id);
            ps.executeQuery().close();
        }
    }

    @Override
    boolean backendExists(Connection admin, long id) throws SQLException {
        return count(admin, "SELECT count(*) FROM pg_stat_activity WHERE pid = ?", (int) id) > 0;
    }

    @Override
    int userSessions(Connection admin) throws SQLException {
        return count(admin, "SELECT count(*) FROM pg_stat_activity WHERE usename = ? AND backend_type = 'client backend'",
                server.user());
    }

    @Override
    String userBackendsSql() {
        return "SELECT pid FROM pg_stat_activity WHERE usename = ? AND backend_type = 'client backend'";
    }

    @Override
    String sleepSql(int seconds) {
        return "SELECT pg_sleep(" + seconds + ")";
    }
}
