package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pool.testsupport.await.Await;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.MariaDb;

/**
 * The packaged daemon against a real MariaDB. MariaDB has no application_name, so
 * sessions are counted by user in information_schema.PROCESSLIST, read as the
 * administrator: in this JVM only the daemon logs in as the application user.
 */
class PooldMariaDbIT {

    @TempDir
    Path work;

    private static String pool(DatabaseServer db, String name, int minIdle) {
        return """
                  <pool name="%s" driver="mariadb">
                    <jdbcUrl>%s</jdbcUrl>
                    <user>%s</user>
                    <password>${env:POOLD_IT_DB_PASSWORD}</password>
                    <minIdle>%d</minIdle>
                    <maxSize>8</maxSize>
                    <reaperInterval>200ms</reaperInterval>
                  </pool>
                """.formatted(name, db.jdbcUrl(), db.user(), minIdle);
    }

    /** One port per test: a reload rewrites the file, and the registry stays where it started. */
    private final int registryPort = FreePorts.loopback();

    private Path writeConfig(String pools) throws Exception {
        return DaemonFiles.config(work, registryPort, pools);
    }

    private static int sessions(DatabaseServer db) throws Exception {
        try (Connection c = db.adminConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = ?")) {
            s.setString(1, db.user());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static void awaitSessions(DatabaseServer db, int n) throws Exception {
        Await.value(n + " sessions of " + db.user() + " in PROCESSLIST", Duration.ofSeconds(15), () -> sessions(db),
                now -> now == n);
    }

    @Test
    void sighupAddsAndRemovesPoolsAndSigtermClosesEverySession(@MariaDb DatabaseServer db) throws Exception {
        awaitSessions(db, 0);
        Path config = writeConfig(pool(db, "a", 2) + pool(db, "b", 3));
        try (PooldProcess daemon = PooldProcess.start(work, Map.of("POOLD_IT_DB_PASSWORD", db.password()),
                "--config", config.toString())) {
            assertTrue(daemon.awaitOutput("poold ready", 60), daemon.stdout() + daemon.stderr());
            awaitSessions(db, 5);

            writeConfig(pool(db, "a", 2) + pool(db, "c", 1));
            daemon.signal("HUP");
            assertTrue(daemon.awaitOutput("reloaded: added [c], removed [b]", 30), daemon.stdout());
            awaitSessions(db, 3);

            daemon.signal("TERM");
            assertEquals(0, daemon.awaitExit(), daemon.stdout() + daemon.stderr());
            awaitSessions(db, 0);
        }
    }

    /**
     * install.md: "With MariaDB Connector/J 3 a jdbc:mysql: URL needs permitMysqlScheme in it;
     * poold adds it when the file leaves it out." A fail-fast pool on such a URL starts and
     * opens its sessions on the real server.
     */
    @Test
    void aJdbcMysqlUrlWithoutPermitMysqlSchemeReachesMariaDb(@MariaDb DatabaseServer db) throws Exception {
        awaitSessions(db, 0);
        String mysqlUrl = db.jdbcUrl().replaceFirst("^jdbc:mariadb:", "jdbc:mysql:");
        assertTrue(mysqlUrl.startsWith("jdbc:mysql:") && !mysqlUrl.contains("permitMysqlScheme"), mysqlUrl);
        Path config = writeConfig(pool(db, "m", 2).replace(db.jdbcUrl(), mysqlUrl)
                .replace("driver=\"mariadb\"", "driver=\"mariadb\" initialization=\"fail-fast\""));
        try (PooldProcess daemon = PooldProcess.start(work, Map.of("POOLD_IT_DB_PASSWORD", db.password()),
                "--config", config.toString())) {
            assertTrue(daemon.awaitOutput("poold ready", 60), daemon.stdout() + daemon.stderr());
            awaitSessions(db, 2);
            daemon.signal("TERM");
            assertEquals(0, daemon.awaitExit(), daemon.stdout() + daemon.stderr());
            awaitSessions(db, 0);
        }
    }
}
