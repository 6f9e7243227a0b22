package pool.tenancy.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;
import pool.api.TenantLimits;
import pool.api.TenantStats;

/**
 * One tenant of one pool: its limits of the moment, the connections it holds (changed by
 * CAS only, bounded by its max), its queue and its counters. The object is also the permit
 * of each of its borrows: giving one back needs no lookup and no allocation.
 *
 * <p>{@code active} is -1 once the tenant was forgotten (an idle unknown tenant evicted to
 * make room): a borrower holding a stale reference sees it and looks the tenant up again,
 * so a tenant never has two live states.
 */
final class TenantState {

    static final int FORGOTTEN = -1;
    private static final VarHandle ACTIVE;

    static {
        try {
            ACTIVE = MethodHandles.lookup().findVarHandle(TenantState.class, "active", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final String name;
    volatile boolean named;
    volatile TenantLimits limits;
    @SuppressWarnings("unused") // through ACTIVE
    private volatile int active;

    final LongAdder borrows = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder rejections = new LongAdder();
    /** Guarded by the admission's lock. */
    final TenantQueue queue = new TenantQueue();
    /** Guarded by the admission's lock. */
    final WaitWindow waits;
    /** Whether it is in the admission's list of tenants with waiters; guarded by its lock. */
    boolean listed;

    TenantState(String name, boolean named, TenantLimits limits, long nowNanos) {
        this.name = name;
        this.named = named;
        this.limits = limits;
        this.waits = new WaitWindow(nowNanos);
    }

    int active() {
        return active;
    }

    /**
     * Takes one of the tenant's connections if it is below its max.
     *
     * @return 1 taken, 0 at max, -1 forgotten (look the tenant up again)
     */
    int tryTake() {
        for (;;) {
            int a = active;
            if (a < 0) {
                return FORGOTTEN;
            }
            if (a >= limits.max()) {
                return 0;
            }
            if (ACTIVE.weakCompareAndSet(this, a, a + 1)) {
                return 1;
            }
        }
    }

    void give() {
        ACTIVE.getAndAdd(this, -1);
    }

    /** Forgets the tenant if it holds nothing; the caller holds the admission's lock and checked its queue. */
    boolean forget() {
        return ACTIVE.compareAndSet(this, 0, FORGOTTEN);
    }

    boolean belowMin() {
        return active < limits.min();
    }

    TenantStats stats(long nowNanos) {
        TenantLimits l = limits;
        long b = borrows.sum();
        long[] p = waits.percentiles(nowNanos, b);
        return new TenantStats(name, named, l.min(), l.max(), l.weight(), Math.max(0, active), queue.size(), b,
                timeouts.sum(), rejections.sum(), p[0], p[1], p[2]);
    }
}
