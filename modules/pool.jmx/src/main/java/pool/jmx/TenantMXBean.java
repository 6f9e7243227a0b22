package pool.jmx;

/**
 * One tenant of a pool with tenancy, registered as
 * {@code poold:type=Tenant,pool=<pool>,name=<tenant>}: the named tenants of the configuration
 * and the unknown tenants the pool serves under its default limits (up to its maxTenants).
 * Counters count since the tenant was first seen. Min, Max and Weight are live: writing one
 * applies it at once through the pool's live settings (and makes an unknown tenant a named
 * one with those limits); a value the pool refuses (the mins adding up to more than maxSize)
 * changes nothing.
 */
public interface TenantMXBean {

    @Description("The pool's name")
    String getPool();

    @Description("The tenant's name")
    String getName();

    @Description("Whether the configuration names this tenant (false: it runs under the default limits)")
    boolean isNamed();

    @Description("Connections the tenant holds now")
    int getActiveConnections();

    @Description("The tenant's borrowers waiting now")
    int getWaitingBorrowers();

    @Description("Borrows of the tenant served since it was first seen")
    long getBorrowCount();

    @Description("Borrows of the tenant that timed out waiting since it was first seen")
    long getTimeoutCount();

    @Description("Borrows of the tenant refused at once (at its max with atMax=fail, or maxPending reached)")
    long getRejectedCount();

    @Description("Median wait of the tenant's borrows (quota and connection), in microseconds, over about a minute")
    long getWaitP50Micros();

    @Description("95th percentile of the tenant's borrow wait, in microseconds")
    long getWaitP95Micros();

    @Description("99th percentile of the tenant's borrow wait, in microseconds")
    long getWaitP99Micros();

    @Description("Connections reserved for the tenant: lent to others while unused, given back first. Writable")
    int getMin();

    void setMin(int min);

    @Description("Most connections the tenant holds at once. Writable")
    int getMax();

    void setMax(int max);

    @Description("The tenant's relative share when tenants compete, 1 to 1000. Writable")
    int getWeight();

    void setWeight(int weight);
}
