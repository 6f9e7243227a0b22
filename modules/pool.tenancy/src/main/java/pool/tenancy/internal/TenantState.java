package pool.tenancy.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import pool.api.TenantLimits;
import pool.api.TenantStats;
import pool.api.spi.WaitHistogram;

/**
 * One tenant of one pool: its limits of the moment, the connections it holds (bounded by
 * its max, see {@link QuotaCount}) and its borrows so far, its queue and its counters. The
 * object is also the permit of each of its borrows: giving one back needs no lookup and no
 * allocation. Once the tenant was forgotten (an idle unknown tenant evicted to make room),
 * a borrower holding a stale reference sees it and looks the tenant up again, so a tenant
 * never has two live states.
 */
final class TenantState {

    static final int FORGOTTEN = QuotaCount.FORGOTTEN;

    final String name;
    volatile boolean named;
    volatile TenantLimits limits;
    private final QuotaCount count = new QuotaCount();

    /**
     * Borrows served by reusing a permit an idle connection kept (see TenantAdmission#reuse),
     * reported when the permit left the connection; those still on a connection are counted
     * there until then.
     */
    final LongAdder reused = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder rejections = new LongAdder();
    /**
     * Admitted borrows waiting in the pool for their connection (a suspended pool, one being
     * opened): counted in the quota, so that the tenant's max holds, but shown as waiting,
     * neither as connections held nor as borrows served.
     */
    final AtomicInteger waitingForConnection = new AtomicInteger();
    /** Guarded by the admission's lock. */
    final TenantQueue queue = new TenantQueue();
    /** Rotated under the admission's lock, its one rotating caller. */
    private final WaitHistogram waits;
    /** Whether it is in the admission's list of tenants with waiters; guarded by its lock. */
    boolean listed;

    TenantState(String name, boolean named, TenantLimits limits, long nowNanos) {
        this.name = name;
        this.named = named;
        this.limits = limits;
        this.waits = new WaitHistogram(nowNanos);
    }

    /** @return connections held now, or -1 when forgotten */
    int active() {
        return count.held();
    }

    /** @return borrows served so far, but for reuses still counted on connections */
    long borrows() {
        return count.borrows() + reused.sum();
    }

    /** @return whether a permit of this tenant may stay kept on an idle connection, or be reused from one */
    boolean withinMax() {
        return count.withinMax(limits.max());
    }

    /**
     * Takes one of the tenant's connections, and counts a borrow, if it is below its max.
     *
     * @return 1 taken, 0 at max (the caller must look for waiters, see
     *         {@link TenantAdmission#tryAdmit}), -1 forgotten (look the tenant up again)
     */
    int tryTake() {
        return count.tryTake(limits.max());
    }

    /** Gives back a connection after its borrow. */
    void give() {
        count.give(limits.max());
    }

    /** Undoes a {@link #tryTake} whose borrow did not happen: neither held nor counted. */
    void untake() {
        count.untake(limits.max());
    }

    /** Makes the next borrows check the max afresh (after a live change); the caller holds the admission's lock. */
    void limitsChanged() {
        count.drainLeases();
    }

    /** Forgets the tenant if it holds nothing; the caller holds the admission's lock and checked its queue. */
    boolean forget() {
        return count.forget();
    }

    /**
     * Records a borrow that waited {@code micros}; borrows admitted at once count as zero waits,
     * derived from the borrow counter. The caller holds the admission's lock.
     */
    void waited(long nowNanos, long micros) {
        waits.rotate(nowNanos, borrows());
        waits.record(micros);
    }

    /**
     * The caller holds the admission's lock.
     *
     * @param keptIdle permits of this tenant kept on idle connections now: counted, not held
     * @param unreported reuses still counted on connections
     */
    TenantStats stats(long nowNanos, int keptIdle, long unreported) {
        TenantLimits l = limits;
        long b = borrows() + unreported;
        waits.rotate(nowNanos, b);
        WaitHistogram.Snapshot w = waits.snapshot(b);
        int inPool = waitingForConnection.get();
        return new TenantStats(name, named, l.min(), l.max(), l.weight(), Math.max(0, active() - keptIdle - inPool),
                queue.size() + inPool, Math.max(0, b - inPool),
                timeouts.sum(), rejections.sum(), w.p50(), w.p95(), w.p99());
    }
}
