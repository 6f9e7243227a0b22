package pool.routing.internal.replica;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * MariaDB GTID replication: the primary's {@code @@gtid_binlog_pos}, a replica's
 * {@code @@gtid_slave_pos} (what its SQL thread has applied). Where the pool's user may run
 * {@code SHOW SLAVE STATUS} (SLAVE MONITOR or REPLICATION CLIENT privilege), the replica's
 * threads and {@code Seconds_Behind_Master} are read too; without the privilege the position
 * alone tells the lag.
 */
final class MariaDbProbe implements ReplicationProbe {

    /** Cleared for good when SHOW SLAVE STATUS is refused (a privilege does not come back by itself). */
    private volatile boolean slaveStatusAllowed = true;

    @Override
    public Position primaryPosition(Connection primary) throws SQLException {
        return Position.Gtids.parse(OneValue.of(primary, "SELECT @@gtid_binlog_pos"));
    }

    @Override
    public Position replayPosition(Connection replica) throws SQLException {
        return Position.Gtids.parse(OneValue.of(replica, "SELECT @@gtid_slave_pos"));
    }

    @Override
    public ReplicaStatus replicaStatus(Connection replica) throws SQLException {
        Position applied = replayPosition(replica);
        long reported = -1;
        if (slaveStatusAllowed) {
            try (Statement s = replica.createStatement(); ResultSet rs = s.executeQuery("SHOW SLAVE STATUS")) {
                if (!rs.next()) {
                    return new ReplicaStatus(null, false, "not a replica (SHOW SLAVE STATUS is empty)", -1);
                }
                String io = rs.getString("Slave_IO_Running");
                String sql = rs.getString("Slave_SQL_Running");
                if (!"Yes".equalsIgnoreCase(sql)) {
                    return new ReplicaStatus(null, false, "its SQL thread is not running", -1);
                }
                long seconds = rs.getLong("Seconds_Behind_Master");
                if (!rs.wasNull() && "Yes".equalsIgnoreCase(io)) {
                    reported = seconds * 1000;
                }
            } catch (SQLException e) {
                if (e.getErrorCode() == 1227 || e.getErrorCode() == 1142 || "42000".equals(e.getSQLState())) {
                    slaveStatusAllowed = false; // no privilege: the GTID position alone tells the lag
                } else {
                    throw e;
                }
            }
        }
        return new ReplicaStatus(applied, true, null, reported);
    }

    @Override
    public void timeouts(Properties p, Duration timeout) {
        String millis = Long.toString(Math.max(1000, timeout.toMillis()));
        p.setProperty("connectTimeout", millis);
        p.setProperty("socketTimeout", millis);
    }
}
