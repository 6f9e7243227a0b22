package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pool.testsupport.db.Postgres;
import pool.testsupport.db.ReplicatedPair;

/** {@link RemoteRoutingScenarios} on PostgreSQL streaming replication. */
class RemotePostgresRoutingIT extends RemoteRoutingScenarios {

    @BeforeEach
    void pair(@Postgres ReplicatedPair pair) {
        this.pair = pair;
    }

    @Override
    String driver() {
        return "postgresql";
    }

    @Override
    boolean onReplica(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * A client in another zone than the daemon has its zone on the replica's session as on the
     * primary's (as pgjdbc in its JVM would give it), and its reads still go to the replica: the
     * daemon's SET TIME ZONE used to count as a session change that kept the borrow on the primary.
     */
    @Test
    void aClientInAnotherZoneThanTheDaemonReadsOnTheReplicaInItsOwnZone() throws Exception {
        String clientZone = java.util.TimeZone.getDefault().getID();
        start("-Duser.timezone=" + (clientZone.equals("Asia/Tokyo") ? "America/New_York" : "Asia/Tokyo"));
        String expected;
        try (Connection c = direct(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('TimeZone')")) {
            rs.next();
            expected = rs.getString(1);
        }
        try (Connection c = orders().getConnection()) {
            for (int i = 0; i < 3; i++) {
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery(), current_setting('TimeZone')")) {
                    rs.next();
                    assertTrue(rs.getBoolean(1), "read " + i + " ran on the replica");
                    assertEquals(expected, rs.getString(2), "in the client's zone");
                }
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery(), current_setting('TimeZone')")) {
                rs.next();
                assertFalse(rs.getBoolean(1), "a read-write transaction runs on the primary");
                assertEquals(expected, rs.getString(2), "in the client's zone too");
            }
            c.commit();
        }
    }

    /**
     * Reads the daemon streams in a transaction of its own (a fetch size, or a result larger
     * than one batch) run on the replica when the classifier is sure they only read; EXPLAIN
     * routes as a read, EXPLAIN ANALYZE of a write to the primary.
     */
    @Test
    void streamedReadsTheClassifierIsSureOfRunOnTheReplicaAndExplainRoutesAsARead() throws Exception {
        start();
        DataSource ds = orders();
        try (Connection c = ds.getConnection()) {
            assertEquals(5000, rowsOnReplica(c, "SELECT pg_is_in_recovery(), g FROM generate_series(1, 5000) g", 100),
                    "a read with a fetch size streams from the replica");
            assertEquals(3000, rowsOnReplica(c, "SELECT pg_is_in_recovery(), g FROM generate_series(1, 3000) g", 0),
                    "a read without a fetch size that outgrows one batch streams from the replica");
            assertTrue(c.getAutoCommit());
            assertFalse(c.isReadOnly(), "the client's flags are its own");
            assertEquals(0, rowsOnReplica(c, "SELECT pg_is_in_recovery(), txid_current_if_assigned(), g"
                    + " FROM generate_series(1, 500) g", 100), "a function the classifier does not know: the primary");
        }
        try (Connection c = ds.getConnection()) { // a new borrow: no write of its own to wait for
            c.setReadOnly(true);
            assertEquals(500, rowsOnReplica(c, "SELECT pg_is_in_recovery(), txid_current_if_assigned(), g"
                    + " FROM generate_series(1, 500) g", 100), "explicit intent: a read-only connection streams from the replica");
            assertTrue(c.isReadOnly());
        }
        try (JMXConnector j = jmx()) {
            MBeanServerConnection jmx = j.getMBeanServerConnection();
            long before = (Long) jmx.getAttribute(R1, "ReadsServed");
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("EXPLAIN SELECT v FROM routing_e2e WHERE id = 1")) {
                    assertTrue(rs.next());
                }
                assertEquals(before + 1, (Long) jmx.getAttribute(R1, "ReadsServed"), "EXPLAIN reads on the replica");
                try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, COSTS OFF) SELECT count(*) FROM routing_e2e")) {
                    assertTrue(rs.next());
                }
                assertEquals(before + 2, (Long) jmx.getAttribute(R1, "ReadsServed"),
                        "EXPLAIN ANALYZE of a pure read reads on the replica");
                try (ResultSet rs = s.executeQuery("EXPLAIN ANALYZE DELETE FROM routing_e2e WHERE id = -1")) {
                    assertTrue(rs.next());
                }
                assertEquals(before + 2, (Long) jmx.getAttribute(R1, "ReadsServed"),
                        "EXPLAIN ANALYZE of a write runs it on the primary");
            }
        }
    }

    /**
     * @return how many rows of {@code sql} (first column {@code pg_is_in_recovery()}) came from
     *         the replica, failing when some came from the primary and some from the replica
     */
    private static int rowsOnReplica(Connection c, String sql, int fetchSize) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.setFetchSize(fetchSize);
            int replica = 0;
            int all = 0;
            try (ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    all++;
                    if (rs.getBoolean(1)) {
                        replica++;
                    }
                }
            }
            assertTrue(replica == 0 || replica == all, replica + " of " + all + " rows on the replica");
            return replica;
        }
    }
}
