package pool.daemon;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import pool.testsupport.db.MariaDb;
import pool.testsupport.db.ReplicatedPair;

/** {@link RemoteRoutingScenarios} on MariaDB GTID replication. */
class RemoteMariaDbRoutingIT extends RemoteRoutingScenarios {

    private long replicaServerId;

    @BeforeEach
    void pair(@MariaDb ReplicatedPair pair) throws SQLException {
        this.pair = pair;
        try (Connection c = DriverManager.getConnection(pair.replica().jdbcUrl(), pair.replica().user(),
                pair.replica().password())) {
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
    String driver() {
        return "mariadb";
    }

    @Override
    boolean onReplica(Connection c) throws SQLException {
        return serverId(c) == replicaServerId;
    }
}
