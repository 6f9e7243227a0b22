package pool.routing.internal.replica;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * What differs by database in watching replication: how to read the primary's position and
 * a replica's replay position and state, and the driver properties that bound a check's
 * connect and reads. Chosen once per pool from the primary's URL.
 */
public interface ReplicationProbe {

    /** @return whether this database's positions can be read at all (false: lag and read-after-write go by time) */
    default boolean hasPositions() {
        return true;
    }

    /** @return the primary's current position (everything committed so far) */
    Position primaryPosition(Connection primary) throws SQLException;

    /** @return how far the replica has replayed: one cheap query, for a reader waiting to see its own write */
    Position replayPosition(Connection replica) throws SQLException;

    /** @return where the replica is and whether it replicates at all */
    ReplicaStatus replicaStatus(Connection replica) throws SQLException;

    /**
     * @param isolation a {@code Connection.TRANSACTION_*} level
     * @return whether a replica can run a read at that level (a PostgreSQL hot standby refuses
     *         serializable, so such reads need the primary)
     */
    default boolean replicaServes(int isolation) {
        return true;
    }

    /** Adds the driver properties that bound a check connection's connect and each read to {@code timeout}. */
    void timeouts(Properties p, Duration timeout);

    /**
     * One replica check.
     *
     * @param position        its replay position (never null when {@code replicating})
     * @param replicating     whether it is a replica that applies changes now
     * @param reason          why not, when not replicating
     * @param reportedLagMillis the lag the server reports itself, milliseconds, or -1
     */
    record ReplicaStatus(Position position, boolean replicating, String reason, long reportedLagMillis) {
    }

    /** @return the probe for a JDBC URL, or null when the database is neither PostgreSQL nor MariaDB */
    static ReplicationProbe forUrl(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return new PostgresProbe();
        }
        if (jdbcUrl.startsWith("jdbc:mariadb:") || jdbcUrl.startsWith("jdbc:mysql:")) {
            return new MariaDbProbe();
        }
        return null;
    }
}
