package pool.testsupport.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pool.testsupport.await.Await.until;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each kind's standalone primary: version, password logins, crash and restart. */
class ServerLifecycleIT {

    @Test
    void postgresReportsItsVersion(@Postgres DatabaseServer pg) throws SQLException {
        String version = queryString(pg, "SELECT version()");
        assertTrue(version.startsWith("PostgreSQL "), version);
        assertEquals("127.0.0.1", pg.host());
        assertEquals("jdbc:postgresql://127.0.0.1:" + pg.port() + "/app", pg.jdbcUrl());
    }

    @Test
    void mariaDbReportsItsVersion(@MariaDb DatabaseServer db) throws SQLException {
        String version = queryString(db, "SELECT VERSION()");
        assertTrue(version.contains("MariaDB"), version);
        assertEquals("jdbc:mariadb://127.0.0.1:" + db.port() + "/app", db.jdbcUrl());
    }

    @Test
    void postgresRejectsWrongPassword(@Postgres DatabaseServer pg) {
        assertThrows(SQLException.class, () -> DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password() + "x").close());
    }

    @Test
    void mariaDbRejectsWrongPassword(@MariaDb DatabaseServer db) {
        assertThrows(SQLException.class, () -> DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password() + "x").close());
    }

    @Test
    void appUserOwnsTheAppDatabase(@Postgres DatabaseServer pg, @MariaDb DatabaseServer db) throws SQLException {
        for (DatabaseServer server : new DatabaseServer[] {pg, db}) {
            try (Connection c = server.openConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE owned_" + server.kind().name().toLowerCase() + " (id int)");
                s.execute("DROP TABLE owned_" + server.kind().name().toLowerCase());
            }
        }
    }

    @Test
    void postgresComesBackAfterKillNine(@Postgres DatabaseServer pg) throws Exception {
        survivesKillNine(pg);
    }

    @Test
    void mariaDbComesBackAfterKillNine(@MariaDb DatabaseServer db) throws Exception {
        survivesKillNine(db);
    }

    @Test
    void postgresStopsCleanlyAndRestarts(@Postgres DatabaseServer pg) throws SQLException {
        pg.restart();
        assertEquals("1", queryString(pg, "SELECT 1"));
    }

    @Test
    void mariaDbStopsCleanlyAndRestarts(@MariaDb DatabaseServer db) throws SQLException {
        db.restart();
        assertEquals("1", queryString(db, "SELECT 1"));
    }

    private static void survivesKillNine(DatabaseServer server) throws Exception {
        String table = "crash_" + server.kind().name().toLowerCase();
        try (Connection c = server.openConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("CREATE TABLE " + table + " (id int PRIMARY KEY)");
            s.execute("INSERT INTO " + table + " VALUES (42)");
        }
        long pidBefore = server.pid();
        Connection doomed = server.openConnection();

        server.kill();

        assertFalse(server.isRunning());
        assertEquals(-1, server.pid());
        assertFalse(ProcessHandle.of(pidBefore).map(ProcessHandle::isAlive).orElse(false), "old process gone");
        assertConnectionDies(doomed);
        doomed.close();

        server.start();

        assertTrue(server.isRunning());
        assertNotEquals(pidBefore, server.pid());
        assertEquals("42", queryString(server, "SELECT id FROM " + table));
        try (Connection c = server.openConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE " + table);
        }
    }

    /**
     * A PostgreSQL backend outlives its killed postmaster until it next waits and sees
     * the postmaster gone, so a query right after the kill may still be answered; the
     * connection must fail soon after, never work on.
     */
    private static void assertConnectionDies(Connection doomed) throws Exception {
        until("a connection to the killed server fails", Duration.ofSeconds(10), () -> {
            try (Statement s = doomed.createStatement()) {
                s.executeQuery("SELECT 1").close();
                return false;
            } catch (SQLException expected) {
                return true;
            }
        });
    }

    static String queryString(DatabaseServer server, String sql) throws SQLException {
        try (Connection c = server.openConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql + " returned no row");
            return rs.getString(1);
        }
    }
}
