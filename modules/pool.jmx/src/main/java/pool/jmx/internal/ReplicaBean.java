package pool.jmx.internal;

import pool.api.ConnectionPool;
import pool.api.ReplicaStats;
import pool.jmx.ReplicaMXBean;

/** {@link ReplicaMXBean} over one replica of a pool, read from the pool's statistics when asked. */
public final class ReplicaBean implements ReplicaMXBean, OneReadSnapshot.Reads {

    private static final ReplicaStats GONE = new ReplicaStats("", ReplicaStats.State.DOWN, -1, 0, 0, 0, 0, null,
            "no longer a replica of the pool");

    private final ConnectionPool pool;
    private final String replica;

    public ReplicaBean(ConnectionPool pool, String replica) {
        this.pool = pool;
        this.replica = replica;
    }

    private final OneReadSnapshot<ReplicaStats> figures = new OneReadSnapshot<>(this::freshStats);

    @Override
    public <R> R withOneSnapshot(java.util.function.Supplier<R> read) {
        return figures.during(read);
    }

    private ReplicaStats stats() {
        return figures.get();
    }

    /** @return the replica's figures now (the whole pool's stats are computed for them) */
    private ReplicaStats freshStats() {
        for (ReplicaStats r : pool.stats().replicas()) {
            if (r.name().equals(replica)) {
                return r;
            }
        }
        return GONE;
    }

    @Override public String getName() { return replica; }
    @Override public String getPool() { return pool.name(); }
    @Override public String getState() { return stats().state().name(); }
    @Override public boolean isTakingReads() { return stats().state() == ReplicaStats.State.UP; }
    @Override public long getLagMillis() { return stats().lagMillis(); }
    @Override public long getReadsServed() { return stats().readsServed(); }
    @Override public int getActiveConnections() { return stats().active(); }
    @Override public int getIdleConnections() { return stats().idle(); }
    @Override public int getTotalConnections() { return stats().total(); }

    @Override
    public String getReason() {
        String r = stats().reason();
        return r == null ? "" : r;
    }

    @Override
    public String getLastCheck() {
        var at = stats().checkedAt();
        return at == null ? "" : at.toString();
    }
}
