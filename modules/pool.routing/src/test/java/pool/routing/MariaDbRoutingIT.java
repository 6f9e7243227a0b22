package pool.routing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
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
    String sessionZone(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@session.time_zone")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
