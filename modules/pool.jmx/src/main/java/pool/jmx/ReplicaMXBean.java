package pool.jmx;

/**
 * One replica of a pool with replicas, registered as
 * {@code poold:type=Replica,pool=<pool>,name=<replica>} beside the pool's own bean. Read-only:
 * the state and lag are what the pool's last background check found. The pool's bean sends
 * the notifications {@value PoolNotifications#REPLICA_DOWN} and {@value PoolNotifications#REPLICA_UP} when a
 * replica stops or starts taking reads.
 */
public interface ReplicaMXBean {

    @Description("The replica's name")
    String getName();

    @Description("The pool the replica belongs to")
    String getPool();

    @Description("UP (takes reads), LAGGING (further behind the primary than maxLag) or DOWN (unreachable or not replicating)")
    String getState();

    @Description("Whether the replica takes reads now (its state is UP)")
    boolean isTakingReads();

    @Description("How far behind the primary the replica was at the last check, in milliseconds; -1 when unknown")
    long getLagMillis();

    @Description("Reads (statements and read-only borrows) the replica has served since the pool started")
    long getReadsServed();

    @Description("Connections to the replica borrowed now")
    int getActiveConnections();

    @Description("Connections to the replica open and idle now")
    int getIdleConnections();

    @Description("Connections to the replica open now")
    int getTotalConnections();

    @Description("Why the replica takes no reads (the check's error or its lag); empty while it is UP")
    String getReason();

    @Description("When the replica was last checked (ISO-8601); empty before the first check")
    String getLastCheck();
}
