package pool.testsupport.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Primary/replica pairs: rows flow to the replica, the replica is read-only, delay delays. */
class ReplicationIT {
    private static final Duration CATCH_UP = Duration.ofSeconds(20);

    @Test
    void postgresRowWrittenOnPrimaryIsReadOnReplica(@Postgres ReplicatedPair pair) throws SQLException {
        rowWrittenOnPrimaryIsReadOnReplica(pair);
    }

    @Test
    void mariaDbRowWrittenOnPrimaryIsReadOnReplica(@MariaDb ReplicatedPair pair) throws SQLException {
        rowWrittenOnPrimaryIsReadOnReplica(pair);
    }

    @Test
    void postgresReplicaDelayHoldsBackChanges(@Postgres ReplicatedPair pair) throws SQLException {
        replicaDelayHoldsBackChanges(pair, Duration.ofSeconds(2));
    }

    @Test
    void mariaDbReplicaDelayHoldsBackChanges(@MariaDb ReplicatedPair pair) throws SQLException {
        replicaDelayHoldsBackChanges(pair, Duration.ofSeconds(2));
    }

    @Test
    void postgresReplicaFollowsARestartedPrimary(@Postgres ReplicatedPair pair) throws SQLException {
        replicaFollowsAKilledAndRestartedPrimary(pair);
    }

    @Test
    void mariaDbReplicaFollowsARestartedPrimary(@MariaDb ReplicatedPair pair) throws SQLException {
        replicaFollowsAKilledAndRestartedPrimary(pair);
    }

    @Test
    void postgresReplicaCatchesUpAfterItsOwnKillNine(@Postgres ReplicatedPair pair) throws SQLException {
        replicaCatchesUpAfterItsOwnKillNine(pair);
    }

    @Test
    void mariaDbReplicaCatchesUpAfterItsOwnKillNine(@MariaDb ReplicatedPair pair) throws SQLException {
        replicaCatchesUpAfterItsOwnKillNine(pair);
    }

    private static void rowWrittenOnPrimaryIsReadOnReplica(ReplicatedPair pair) throws SQLException {
        assertFalse(pair.primary().isReplica());
        assertTrue(pair.replica().isReplica());
        String table = "flows_" + pair.kind().name().toLowerCase();
        execute(pair.primary(), "DROP TABLE IF EXISTS " + table,
                "CREATE TABLE " + table + " (id int PRIMARY KEY, note varchar(20))",
                "INSERT INTO " + table + " VALUES (1, 'written')");

        pair.awaitReplicaCaughtUp(CATCH_UP);

        assertEquals("written", queryOrNull(pair.replica(), "SELECT note FROM " + table + " WHERE id = 1"));
        // The application login cannot write on the replica: routing tests rely on it.
        assertThrows(SQLException.class, () -> execute(pair.replica(), "INSERT INTO " + table + " VALUES (2, 'x')"));
        execute(pair.primary(), "DROP TABLE " + table);
    }

    private static void replicaDelayHoldsBackChanges(ReplicatedPair pair, Duration delay) throws SQLException {
        String table = "delayed_" + pair.kind().name().toLowerCase();
        execute(pair.primary(), "DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " (id int PRIMARY KEY)");
        pair.awaitReplicaCaughtUp(CATCH_UP);
        pair.setReplicaDelay(delay);
        try {
            long committed = System.nanoTime();
            execute(pair.primary(), "INSERT INTO " + table + " VALUES (7)");

            sleep(Duration.ofMillis(500)); // real time: the row must stay invisible while the delay runs
            assertEquals("0", queryOrNull(pair.replica(), "SELECT count(*) FROM " + table), "row visible before the delay");

            pair.awaitReplicaCaughtUp(CATCH_UP);
            Duration waited = Duration.ofNanos(System.nanoTime() - committed);
            assertEquals("1", queryOrNull(pair.replica(), "SELECT count(*) FROM " + table));
            // MariaDB stamps events with whole seconds, so up to one second of the delay may
            // already have passed at commit.
            assertTrue(waited.compareTo(delay.minusSeconds(1)) >= 0, "replica applied after only " + waited);
        } finally {
            pair.setReplicaDelay(Duration.ZERO);
        }
        execute(pair.primary(), "DROP TABLE " + table);
    }

    private static void replicaFollowsAKilledAndRestartedPrimary(ReplicatedPair pair) throws SQLException {
        String table = "failover_" + pair.kind().name().toLowerCase();
        execute(pair.primary(), "DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " (id int PRIMARY KEY)");

        pair.primary().kill();
        pair.primary().start();
        execute(pair.primary(), "INSERT INTO " + table + " VALUES (1)");

        pair.awaitReplicaCaughtUp(CATCH_UP);
        assertEquals("1", queryOrNull(pair.replica(), "SELECT count(*) FROM " + table));
        execute(pair.primary(), "DROP TABLE " + table);
    }

    private static void replicaCatchesUpAfterItsOwnKillNine(ReplicatedPair pair) throws SQLException {
        String table = "replica_crash_" + pair.kind().name().toLowerCase();
        execute(pair.primary(), "DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " (id int PRIMARY KEY)");
        pair.awaitReplicaCaughtUp(CATCH_UP);

        pair.replica().kill();
        execute(pair.primary(), "INSERT INTO " + table + " VALUES (1)"); // written while the replica is down
        pair.replica().start();

        pair.awaitReplicaCaughtUp(CATCH_UP);
        assertEquals("1", queryOrNull(pair.replica(), "SELECT count(*) FROM " + table));
        execute(pair.primary(), "DROP TABLE " + table);
    }

    private static void execute(DatabaseServer server, String... sql) throws SQLException {
        try (Connection c = server.openConnection(); Statement s = c.createStatement()) {
            for (String each : sql) {
                s.execute(each);
            }
        }
    }

    private static String queryOrNull(DatabaseServer server, String sql) throws SQLException {
        try (Connection c = server.openConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
