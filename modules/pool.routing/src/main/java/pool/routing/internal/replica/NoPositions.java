package pool.routing.internal.replica;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Properties;

/**
 * The probe of a database whose replication positions poold cannot read (neither PostgreSQL
 * nor MariaDB): a replica is up while it answers {@code isValid}, its lag is unknown (taken as
 * 0), and read-after-write falls back to the window.
 */
public final class NoPositions implements ReplicationProbe {

    public static final NoPositions INSTANCE = new NoPositions();

    private NoPositions() {
    }

    @Override
    public boolean hasPositions() {
        return false;
    }

    @Override
    public Position primaryPosition(Connection primary) throws SQLException {
        throw new SQLFeatureNotSupportedException("no replication position for this database");
    }

    @Override
    public Position replayPosition(Connection replica) throws SQLException {
        throw new SQLFeatureNotSupportedException("no replication position for this database");
    }

    @Override
    public ReplicaStatus replicaStatus(Connection replica) throws SQLException {
        if (!replica.isValid(5)) {
            throw new SQLException("the connection is not valid", "08006");
        }
        return new ReplicaStatus(null, true, null, 0);
    }

    @Override
    public void timeouts(Properties p, Duration timeout) {
        // driver-specific: unknown here
    }
}
