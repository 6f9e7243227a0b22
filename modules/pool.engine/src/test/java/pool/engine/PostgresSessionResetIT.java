package pool.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pool.engine.RealDatabaseTests.exec;
import static pool.engine.RealDatabaseTests.one;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pool.api.ConnectionPool;
import pool.api.PoolConfig;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.Postgres;

/**
 * Session state one borrower sets through SQL on PostgreSQL does not reach the next
 * borrower of the same physical connection (pool size 1, the backend pid checked), and a
 * borrow of plain reads and data changes costs no statement on return (the backend's last
 * statement in pg_stat_activity is still the borrower's own).
 */
class PostgresSessionResetIT {

    private DatabaseServer server;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void server(@Postgres DatabaseServer pg) {
        this.server = pg;
    }

    private PoolConfig.Builder config(String name) {
        // Validation would show in pg_stat_activity: the skip window keeps it out of these borrows.
        return PoolConfig.builder(name).jdbcUrl(server.jdbcUrl()).user(server.user()).password(server.password())
                .maxSize(1).borrowTimeout(Duration.ofSeconds(5)).validationSkipWindow(Duration.ofMinutes(5));
    }

    private static String pid(Connection c) throws SQLException {
        return one(c, "SELECT pg_backend_pid()");
    }

    /** @return the backend's last statement and its state, as the server reports them */
    private static String lastStatement(Connection admin, String pid) throws SQLException {
        try (PreparedStatement ps = admin.prepareStatement("SELECT state || ': ' || query FROM pg_stat_activity"
                + " WHERE pid = ?")) {
            ps.setInt(1, Integer.parseInt(pid));
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "backend " + pid + " is gone");
                return rs.getString(1);
            }
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        return Long.parseLong(one(c, sql));
    }

    @Test
    void everyKindOfSessionStateABorrowerSetsThroughSqlIsGoneForTheNextBorrower() throws Exception {
        String schema = "it_evil_" + run;
        String role = "it_role_" + run;
        try (Connection admin = server.adminConnection()) {
            exec(admin, "CREATE SCHEMA " + schema + " AUTHORIZATION " + server.user());
            exec(admin, "CREATE ROLE " + role);
            exec(admin, "GRANT " + role + " TO " + server.user());
        }
        try (ConnectionPool pool = Pools.create(config("pg_state").build()); Connection admin = server.adminConnection()) {
            String pid;
            String applicationName;
            String searchPath;
            try (Connection c = pool.getConnection()) {
                pid = pid(c);
                applicationName = one(c, "SHOW application_name");
                searchPath = one(c, "SHOW search_path");
            }
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                assertEquals(pid, pid(c));
                s.execute("SET search_path = " + schema);
                s.execute("SET statement_timeout = 1234");
                s.execute("SET application_name = 'not-yours'");
                s.execute("SET ROLE " + role);
                s.execute("CREATE TEMP TABLE secrets (a text)");
                s.execute("INSERT INTO secrets VALUES ('left behind')");
                s.execute("PREPARE stolen AS SELECT 42");
                s.execute("LISTEN " + schema);
                s.execute("DECLARE held CURSOR WITH HOLD FOR SELECT 1");
                s.execute("SELECT pg_advisory_lock(4242)");
                s.execute("SELECT set_config('app.tenant', 'alice', false)");
                // All of it in place while the borrow lasts:
                assertEquals(role, one(c, "SELECT current_user"));
                assertEquals(schema, one(c, "SHOW search_path"));
                assertEquals("1234ms", one(c, "SHOW statement_timeout"));
                assertEquals("not-yours", one(c, "SHOW application_name"));
                assertEquals("left behind", one(c, "SELECT a FROM secrets"));
                assertEquals(1, count(c, "SELECT count(*) FROM pg_prepared_statements WHERE name = 'stolen'"));
                assertEquals(1, count(c, "SELECT count(*) FROM pg_listening_channels()"));
                assertEquals(1, count(c, "SELECT count(*) FROM pg_cursors WHERE name = 'held'"));
                assertEquals("alice", one(c, "SELECT current_setting('app.tenant')"));
                assertEquals(1, count(c, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                        + " AND objid = 4242 AND pid = pg_backend_pid()"));
                s.executeQuery("SELECT 'last of the borrow'").close();
            }
            assertFalse(lastStatement(admin, pid).endsWith("SELECT 'last of the borrow'"),
                    "the reset reached the server: " + lastStatement(admin, pid));
            try (Connection c = pool.getConnection()) {
                assertEquals(pid, pid(c), "the same physical connection");
                assertEquals(searchPath, one(c, "SHOW search_path"));
                assertEquals("0", one(c, "SHOW statement_timeout"));
                assertEquals(applicationName, one(c, "SHOW application_name"));
                assertEquals(server.user(), one(c, "SELECT current_user"));
                assertNull(one(c, "SELECT to_regclass('secrets')::text"), "the temporary table is gone");
                assertEquals(0, count(c, "SELECT count(*) FROM pg_prepared_statements WHERE name = 'stolen'"));
                assertEquals(0, count(c, "SELECT count(*) FROM pg_listening_channels()"));
                assertEquals(0, count(c, "SELECT count(*) FROM pg_cursors WHERE name = 'held'"));
                assertEquals(0, count(c, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 4242"));
                assertEquals("", one(c, "SELECT coalesce(current_setting('app.tenant', true), '')"));
            }
        } finally {
            try (Connection admin = server.adminConnection()) {
                exec(admin, "DROP SCHEMA " + schema + " CASCADE");
                exec(admin, "DROP ROLE " + role);
            }
        }
    }

    @Test
    void plainReadsAndDataChangesCostNoStatementOnReturn() throws Exception {
        String table = "plain_" + run;
        try (Connection setup = server.openConnection()) {
            exec(setup, "CREATE TABLE " + table + " (id int primary key, name text)");
        }
        try (ConnectionPool pool = Pools.create(config("pg_plain").build()); Connection admin = server.adminConnection()) {
            String pid;
            for (int round = 0; round < 3; round++) {
                String marker = "SELECT 'plain-" + run + "-" + round + "'";
                try (Connection c = pool.getConnection()) {
                    pid = pid(c);
                    try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
                        ins.setInt(1, round);
                        ins.setString(2, "n" + round);
                        ins.executeUpdate();
                    }
                    try (PreparedStatement upd = c.prepareStatement("UPDATE " + table + " SET name = ? WHERE id = ?")) {
                        upd.setString(1, "m" + round);
                        upd.setInt(2, round);
                        upd.executeUpdate();
                    }
                    try (Statement s = c.createStatement()) {
                        s.executeQuery("WITH x AS (SELECT count(*) FROM " + table + ") SELECT * FROM x").close();
                        s.executeQuery(marker).close();
                    }
                }
                assertEquals("idle: " + marker, lastStatement(admin, pid),
                        "nothing reached the server after the borrower's last statement");
            }
        } finally {
            try (Connection setup = server.openConnection()) {
                exec(setup, "DROP TABLE " + table);
            }
        }
    }

    @Test
    void initSqlAndThePoolsDefaultsAreSetAgainAfterTheReset() throws Exception {
        String schema = "it_app_" + run;
        try (Connection admin = server.adminConnection()) {
            exec(admin, "CREATE SCHEMA " + schema + " AUTHORIZATION " + server.user());
        }
        try (ConnectionPool pool = Pools.create(config("pg_setup").initSql("SET statement_timeout = 5000")
                .defaultSchema(schema).defaultTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE).build())) {
            String pid;
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                pid = pid(c);
                s.execute("SET statement_timeout = 1");
                s.execute("SET search_path = public");
                s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED");
            }
            try (Connection c = pool.getConnection()) {
                assertEquals(pid, pid(c));
                assertEquals("5s", one(c, "SHOW statement_timeout"));
                assertEquals(schema, one(c, "SELECT current_schema()"));
                assertEquals("serializable", one(c, "SHOW transaction_isolation"));
                assertEquals(Connection.TRANSACTION_SERIALIZABLE, c.getTransactionIsolation());
            }
        } finally {
            try (Connection admin = server.adminConnection()) {
                exec(admin, "DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Test
    void theDriversServerPreparedStatementsWorkAfterTheReset() throws Exception {
        // prepareThreshold=1: pgjdbc prepares on the server at the first execution and caches
        // the statement across borrows; DISCARD ALL deallocates it behind the driver's back.
        try (ConnectionPool pool = Pools.create(config("pg_prepared").driverProperty("prepareThreshold", "1")
                .build())) {
            for (int round = 0; round < 3; round++) {
                try (Connection c = pool.getConnection()) {
                    for (int i = 0; i < 3; i++) {
                        try (PreparedStatement ps = c.prepareStatement("SELECT ?::int + 1")) {
                            ps.setInt(1, i);
                            try (ResultSet rs = ps.executeQuery()) {
                                assertTrue(rs.next());
                                assertEquals(i + 1, rs.getInt(1));
                            }
                        }
                    }
                    assertTrue(count(c, "SELECT count(*) FROM pg_prepared_statements WHERE NOT from_sql") > 0,
                            "the driver prepared on the server");
                    exec(c, "SET work_mem = '8MB'"); // the session changes: DISCARD ALL on return
                }
            }
        }
    }

    /** A {@code PGConnection} property of {@code c}, read through the driver's own interface. */
    private static Object driverSetting(Connection c, String property) throws Exception {
        Class<?> api = Class.forName("org.postgresql.PGConnection");
        return api.getMethod("get" + property).invoke(c.unwrap(api));
    }

    private static void setDriverSetting(Connection c, String property, Object value) throws Exception {
        Class<?> api = Class.forName("org.postgresql.PGConnection");
        Object pg = c.unwrap(api);
        api.getMethod("set" + property, api.getMethod("get" + property).getReturnType()).invoke(pg, value);
    }

    @Test
    void driverSettingsABorrowerChangedThroughUnwrapAreBackForTheNextBorrower() throws Exception {
        try (ConnectionPool pool = Pools.create(config("pg_unwrap").build())) {
            String pid;
            Object threshold;
            Object fetchSize;
            Object autosave;
            try (Connection c = pool.getConnection()) {
                pid = pid(c);
                threshold = driverSetting(c, "PrepareThreshold");
                fetchSize = driverSetting(c, "DefaultFetchSize");
                autosave = driverSetting(c, "Autosave");
                setDriverSetting(c, "PrepareThreshold", -1);
                setDriverSetting(c, "DefaultFetchSize", 77);
                Class<?> autoSave = Class.forName("org.postgresql.jdbc.AutoSave");
                setDriverSetting(c, "Autosave", autoSave.getField("ALWAYS").get(null));
            }
            try (Connection c = pool.getConnection()) {
                assertEquals(pid, pid(c), "the same physical connection");
                assertEquals(threshold, driverSetting(c, "PrepareThreshold"));
                assertEquals(fetchSize, driverSetting(c, "DefaultFetchSize"));
                assertEquals(autosave, driverSetting(c, "Autosave"));
            }
        }
    }

    @Test
    void aTransactionBegunBySqlInAutocommitIsRolledBackOnReturn() throws Exception {
        String table = "begun_" + run;
        try (Connection setup = server.openConnection()) {
            exec(setup, "CREATE TABLE " + table + " (id int)");
        }
        try (ConnectionPool pool = Pools.create(config("pg_begin").build()); Connection admin = server.adminConnection()) {
            String pid;
            try (Connection c = pool.getConnection()) {
                pid = pid(c);
                exec(c, "BEGIN");
                exec(c, "INSERT INTO " + table + " VALUES (1)");
                assertTrue(c.getAutoCommit(), "the driver still believes it is in autocommit");
            }
            assertTrue(lastStatement(admin, pid).startsWith("idle: "), "not idle in transaction: "
                    + lastStatement(admin, pid));
            try (Connection c = pool.getConnection()) {
                assertEquals(pid, pid(c));
                assertEquals(0, count(c, "SELECT count(*) FROM " + table));
                exec(c, "INSERT INTO " + table + " VALUES (2)");
            }
            try (Connection check = server.openConnection()) {
                assertEquals(1, count(check, "SELECT count(*) FROM " + table), "the next borrower's insert committed");
            }
        } finally {
            try (Connection setup = server.openConnection()) {
                exec(setup, "DROP TABLE " + table);
            }
        }
    }

    @Test
    void setClientInfoAndHoldabilityDoNotReachTheNextBorrower() throws Exception {
        try (ConnectionPool pool = Pools.create(config("pg_clientinfo").build())) {
            String applicationName;
            int holdability;
            try (Connection c = pool.getConnection()) {
                applicationName = one(c, "SHOW application_name");
                holdability = c.getHoldability();
                c.setClientInfo("ApplicationName", "not-yours");
                c.setHoldability(holdability == java.sql.ResultSet.HOLD_CURSORS_OVER_COMMIT
                        ? java.sql.ResultSet.CLOSE_CURSORS_AT_COMMIT : java.sql.ResultSet.HOLD_CURSORS_OVER_COMMIT);
                assertEquals("not-yours", one(c, "SHOW application_name"));
            }
            try (Connection c = pool.getConnection()) {
                assertEquals(applicationName, one(c, "SHOW application_name"));
                assertEquals(applicationName, c.getClientInfo("ApplicationName"));
                assertEquals(holdability, c.getHoldability());
                assertFalse(c.isReadOnly());
            }
        }
    }

    /** The JDBC state a borrower changed on the driver's own connection does not reach the next borrower. */
    @Test
    void driverStateABorrowerChangedOnTheUnwrappedConnectionIsBackForTheNextBorrower() throws Exception {
        try (ConnectionPool pool = Pools.create(config("pg_unwrap_state").build())) {
            UnwrappedDriverState.changedThenPutBack(pool, "org.postgresql.jdbc.PgConnection", PostgresSessionResetIT::pid);
        }
    }
}
