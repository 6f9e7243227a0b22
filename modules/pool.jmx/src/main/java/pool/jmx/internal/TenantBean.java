package pool.jmx.internal;

import java.util.function.UnaryOperator;
import pool.api.ConnectionPool;
import pool.api.Tenancy;
import pool.api.TenantLimits;
import pool.api.TenantStats;
import pool.jmx.TenantMXBean;

/** {@link TenantMXBean} over one tenant of one pool; reads the pool's stats, writes its live settings. */
public final class TenantBean implements TenantMXBean, OneReadSnapshot.Reads {

    private final ConnectionPool pool;
    private final String tenant;
    private final OneReadSnapshot<TenantStats> figures = new OneReadSnapshot<>(this::freshStats);

    public TenantBean(ConnectionPool pool, String tenant) {
        this.pool = pool;
        this.tenant = tenant;
    }

    public ConnectionPool pool() {
        return pool;
    }

    @Override
    public <R> R withOneSnapshot(java.util.function.Supplier<R> read) {
        return figures.during(read);
    }

    private TenantStats stats() {
        return figures.get();
    }

    /** @return the tenant's figures now; zeros when the pool has forgotten it since */
    private TenantStats freshStats() {
        return pool.tenantStats(tenant).orElseGet(() -> {
            TenantLimits l = tenancy().limitsOf(tenant);
            return new TenantStats(tenant, false, l.min(), l.max(), l.weight(), 0, 0, 0, 0, 0, 0, 0, 0);
        });
    }

    private Tenancy tenancy() {
        return pool.liveSettings().tenancy();
    }

    @Override public String getPool() { return pool.name(); }
    @Override public String getName() { return tenant; }
    @Override public boolean isNamed() { return tenancy().tenants().containsKey(tenant); }
    @Override public int getActiveConnections() { return stats().active(); }
    @Override public int getWaitingBorrowers() { return stats().waiting(); }
    @Override public long getBorrowCount() { return stats().borrowCount(); }
    @Override public long getTimeoutCount() { return stats().timeoutCount(); }
    @Override public long getRejectedCount() { return stats().rejectedCount(); }
    @Override public long getWaitP50Micros() { return stats().waitP50Micros(); }
    @Override public long getWaitP95Micros() { return stats().waitP95Micros(); }
    @Override public long getWaitP99Micros() { return stats().waitP99Micros(); }
    @Override public int getMin() { return tenancy().limitsOf(tenant).min(); }
    @Override public int getMax() { return tenancy().limitsOf(tenant).max(); }
    @Override public int getWeight() { return tenancy().limitsOf(tenant).weight(); }

    @Override
    public void setMin(int min) {
        change(l -> l.withMin(min));
    }

    @Override
    public void setMax(int max) {
        change(l -> l.withMax(max));
    }

    @Override
    public void setWeight(int weight) {
        change(l -> l.withWeight(weight));
    }

    /**
     * One read-change-apply step of the pool ({@link ConnectionPool#update}), as the pool's own
     * bean makes its writes, so that two operators' writes do not undo each other.
     */
    private void change(UnaryOperator<TenantLimits> edit) {
        try {
            pool.update(live -> {
                Tenancy t = live.tenancy();
                return live.withTenancy(t.withTenant(tenant, edit.apply(t.limitsOf(tenant))));
            });
        } catch (IllegalArgumentException e) {
            // The limits' own checks name neither the pool nor the tenant; the pool's do.
            String m = String.valueOf(e.getMessage());
            throw m.startsWith("pool '") ? e
                    : new IllegalArgumentException("pool '" + pool.name() + "', tenant '" + tenant + "': " + m);
        }
    }
}
