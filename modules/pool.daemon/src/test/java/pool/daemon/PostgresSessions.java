package pool.daemon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import pool.testsupport.await.Await;
import pool.testsupport.db.DatabaseServer;

/** Server-side sessions as the database sees them: PostgreSQL's pg_stat_activity. */
final class PostgresSessions {

    private PostgresSessions() {
    }

    /** @return backend pids of the sessions with this application_name */
    static Set<Integer> pids(DatabaseServer pg, String applicationName) throws SQLException {
        try (Connection c = pg.adminConnection();
             PreparedStatement s = c.prepareStatement("SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
            s.setString(1, applicationName);
            Set<Integer> pids = new HashSet<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    pids.add(r.getInt(1));
                }
            }
            return pids;
        }
    }

    /** Waits (up to 15 s: a backend exits shortly after its client closes) until exactly {@code n} sessions exist. */
    static void awaitCount(DatabaseServer pg, String applicationName, int n) throws Exception {
        Await.value(n + " sessions of " + applicationName + " in pg_stat_activity", Duration.ofSeconds(15),
                () -> pids(pg, applicationName).size(), size -> size == n);
    }

    /** Waits (up to 15 s) until at least {@code n} sessions exist: under load a pool may hold more than its minimum. */
    static void awaitCountAtLeast(DatabaseServer pg, String applicationName, int n) throws Exception {
        Await.value("at least " + n + " sessions of " + applicationName + " in pg_stat_activity", Duration.ofSeconds(15),
                () -> pids(pg, applicationName).size(), size -> size >= n);
    }
}
