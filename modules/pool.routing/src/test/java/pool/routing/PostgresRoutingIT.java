package pool.routing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import pool.testsupport.db.Postgres;
import pool.testsupport.db.ReplicatedPair;

/** Routing over PostgreSQL streaming replication. */
class PostgresRoutingIT extends ReplicatedRoutingTests {

    @BeforeEach
    void pair(@Postgres ReplicatedPair pair) {
        this.pair = pair;
    }

    @Override
    boolean onReplica(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    @Override
    String sessionChange() {
        return "SET application_name = 'routing_it'";
    }

    @Override
    String zoneChange() {
        return "SET TIME ZONE 'Asia/Kolkata'";
    }

    @Override
    String sessionZone(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_setting('TimeZone')")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
