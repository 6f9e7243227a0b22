package pool.routing.internal.replica;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * PostgreSQL streaming replication: the primary's {@code pg_current_wal_lsn()}, a standby's
 * {@code pg_last_wal_replay_lsn()}; the last replayed commit's time gives the server's own
 * idea of the lag while replay is behind what was received.
 */
final class PostgresProbe implements ReplicationProbe {

    /** "cannot use serializable mode in a hot standby": the standby cannot give serializable's guarantees. */
    @Override
    public boolean replicaServes(int isolation) {
        return isolation != Connection.TRANSACTION_SERIALIZABLE;
    }

    @Override
    public Position primaryPosition(Connection primary) throws SQLException {
        return Position.Lsn.parse(OneValue.of(primary, "SELECT pg_current_wal_lsn()"));
    }

    @Override
    public Position replayPosition(Connection replica) throws SQLException {
        String lsn = OneValue.of(replica, "SELECT pg_last_wal_replay_lsn()");
        if (lsn == null) {
            throw new SQLException("not a replica: pg_last_wal_replay_lsn() is null");
        }
        return Position.Lsn.parse(lsn);
    }

    @Override
    public ReplicaStatus replicaStatus(Connection replica) throws SQLException {
        try (Statement s = replica.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn(), pg_last_wal_receive_lsn(),"
                        + " (extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000)::bigint")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return new ReplicaStatus(null, false, "not in recovery: it is a primary, not a replica", -1);
            }
            String replay = rs.getString(2);
            if (replay == null) {
                return new ReplicaStatus(null, false, "has replayed nothing yet", -1);
            }
            Position.Lsn replayed = Position.Lsn.parse(replay);
            String receive = rs.getString(3);
            long sinceCommit = rs.getLong(4);
            boolean behind = receive != null && !replayed.reaches(Position.Lsn.parse(receive));
            return new ReplicaStatus(replayed, true, null, behind && !rs.wasNull() ? Math.max(0, sinceCommit) : -1);
        }
    }

    @Override
    public void timeouts(Properties p, Duration timeout) {
        String seconds = Long.toString(Math.max(1, (timeout.toMillis() + 999) / 1000));
        p.setProperty("connectTimeout", seconds);
        p.setProperty("socketTimeout", seconds);
        p.setProperty("loginTimeout", seconds);
    }
}
