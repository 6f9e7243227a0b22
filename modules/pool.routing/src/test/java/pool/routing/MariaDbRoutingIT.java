package pool.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
