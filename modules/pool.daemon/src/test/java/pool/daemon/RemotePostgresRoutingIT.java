package pool.daemon;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
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
}
