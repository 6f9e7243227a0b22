package pool.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pool.api.ConnectionPool;
import pool.api.Replicas;
import pool.testsupport.db.MariaDb;
import pool.testsupport.db.ReplicatedPair;

/** Routing over MariaDB GTID replication. */
class MariaDbRoutingIT extends ReplicatedRoutingTests {

    private long replicaServerId;

    @BeforeEach
    void pair(@MariaDb ReplicatedPair pair) throws SQLException {
        this.pair = pair;
        try (Connection c = direct(true)) {
            replicaServerId = serverId(c);
        }
    }

    private static long serverId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@server_id")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    boolean onReplica(Connection c) throws SQLException {
        return serverId(c) == replicaServerId;
    }

    @Override
    long sessionId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    List<Long> otherSessions(Connection direct) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement s = direct.createStatement(); ResultSet rs = s.executeQuery("SELECT ID FROM"
                + " information_schema.PROCESSLIST WHERE USER = SUBSTRING_INDEX(USER(), '@', 1)"
                + " AND ID <> CONNECTION_ID()")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    @Override
    void dropSession(Connection direct, long id) throws Exception {
        try (Statement s = direct.createStatement()) {
            s.execute("KILL " + id);
            pool.testsupport.await.Await.until("session " + id + " gone", java.time.Duration.ofSeconds(10), () -> {
                try (ResultSet rs = s.executeQuery(
                        "SELECT count(*) FROM information_schema.PROCESSLIST WHERE ID = " + id)) {
                    rs.next();
                    return rs.getLong(1) == 0;
                }
            });
        }
    }

    /** Reads that call common built-ins (SUBSTRING_INDEX, CONVERT_TZ, UUID) run on the replica. */
    @Test
    void readsCallingCommonBuiltInsRunOnTheReplica() throws Exception {
        table();
        try (ConnectionPool pool = pool(replicas().build()); Connection c = pool.getConnection();
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT @@server_id, SUBSTRING_INDEX('a@b', '@', -1), CONVERT_TZ(NOW(), '+00:00', '+05:30'),"
                                + " UUID(), DAYNAME(NOW())")) {
            assertTrue(rs.next());
            assertEquals(replicaServerId, rs.getLong(1), "ran on the replica");
        }
    }

    /**
     * Connection.getWarnings() after a read the replica served tells that read's warnings, as
     * the connection it ran on would: it used to ask the primary, whose last statement had none.
     */
    @Test
    void connectionWarningsAfterAReadOnTheReplicaAreThatReadsWarnings() throws Exception {
        table();
        try (ConnectionPool pool = pool(replicas().readAfterWrite(Replicas.ReadAfterWrite.OFF).build());
                Connection c = pool.getConnection()) {
            insert(c, IDS.incrementAndGet(), "the primary's connection is held");
            assertTrue(onReplica(c));
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1/0")) {
                assertTrue(rs.next());
                java.sql.SQLWarning w = c.getWarnings();
                assertTrue(w != null && w.getMessage().contains("Division by 0"), "warnings: " + w);
                c.clearWarnings();
                assertEquals(null, c.getWarnings(), "cleared");
            }
        }
    }

    @Override
    String sessionChange() {
        return "SET @routing_it = 1";
    }

    @Override
    String zoneChange() {
        return "SET time_zone = '+05:30'";
    }

    @Override
    String holdsAfterSleeping(int seconds) {
        return "SLEEP(" + seconds + ") = 0";
    }

    @Override
    String sessionZone(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@session.time_zone")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * MariaDB takes setReadOnly inside a transaction, for the next one: the primary's session
     * must follow the connection's read-only flag back, or a later write is refused there.
     */
    @Test
    void readOnlySetInsideATransactionAndClearedAfterLetsTheNextTransactionWrite() throws Exception {
        table();
        try (ConnectionPool pool = pool(replicas().readAfterWrite(Replicas.ReadAfterWrite.OFF).build());
                Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            insert(c, IDS.incrementAndGet(), "before");
            c.setReadOnly(true);
            c.commit();
            assertTrue(onReplica(c), "the next transaction is read-only: on the replica");
            c.commit();
            c.setReadOnly(false);
            long id = IDS.incrementAndGet();
            insert(c, id, "after");
            assertFalse(onReplica(c));
            c.commit();
            assertEquals("after", read(c, id));
        }
    }
}
