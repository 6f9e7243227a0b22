package pool.tenancy.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;
import pool.api.TenantLimits;
import pool.api.TenantStats;
import pool.api.spi.WaitHistogram;

/**
 * One tenant of one pool: its limits of the moment, the connections it holds (bounded by
 * its max) and its borrows so far, its queue and its counters. The object is also the
 * permit of each of its borrows: giving one back needs no lookup and no allocation.
 *
 * <p>Connections held and borrows served share one {@code long}, changed by CAS only: the
 * low {@value #ACTIVE_BITS} bits count connections held, the bits above count borrows. So a
 * borrow is one CAS and a return one atomic add, the least a bounded count can cost.
 * The word is negative once the tenant was forgotten (an idle unknown tenant evicted to make
 * room): a borrower holding a stale reference sees it and looks the tenant up again, so a
 * tenant never has two live states.
 *
 * <p>The word sits alone in the middle of a padding array: every borrow reads the tenant's
 * name, flags and limits, and with the word on their cache line each borrow or return on
 * another core would take those reads' line away too.
 */
final class TenantState {

    static final int FORGOTTEN = -1;
    static final int ACTIVE_BITS = 20;
    private static final long ACTIVE_MASK = (1L << ACTIVE_BITS) - 1;
    private static final long ONE_BORROW = 1L << ACTIVE_BITS;
    /** Far below zero, so that adds racing with forgetting never make it look alive. */
    private static final long FORGOTTEN_STATE = Long.MIN_VALUE / 2;
    private static final VarHandle CELL = MethodHandles.arrayElementVarHandle(long[].class);
    /** The word's index: 120 bytes of padding on each side cover any 64- or 128-byte line it lies on. */
    private static final int WORD = 15;

    final String name;
    volatile boolean named;
    volatile TenantLimits limits;
    /** At {@link #WORD}: connections held (low bits) and borrows served (high bits); negative when forgotten. */
    private final long[] cell = new long[2 * WORD + 1];

    final LongAdder timeouts = new LongAdder();
    final LongAdder rejections = new LongAdder();
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
        long s = state();
        return s < 0 ? FORGOTTEN : (int) (s & ACTIVE_MASK);
    }

    /** @return borrows served so far */
    long borrows() {
        long s = state();
        return s < 0 ? 0 : s >>> ACTIVE_BITS;
    }

    /**
     * Takes one of the tenant's connections, and counts a borrow, if it is below its max.
     * One atomic add, never a retry loop: under contention it moves the cache line once.
     * Borrowers racing for the last connection all add; the one that saw room keeps it, the
     * others take their add back. So the word may exceed max for an instant, but the
     * connections held never do (each kept add saw fewer than max before it).
     *
     * @return 1 taken, 0 at max (the caller must look for waiters, see
     *         {@link TenantAdmission#tryAdmit}), -1 forgotten (look the tenant up again)
     */
    int tryTake() {
        long s = add(ONE_BORROW + 1);
        if (s < 0) {
            add(-(ONE_BORROW + 1)); // forgotten stays far below zero: look it up again
            return FORGOTTEN;
        }
        if ((s & ACTIVE_MASK) < limits.max()) {
            return 1;
        }
        add(-(ONE_BORROW + 1));
        return 0;
    }

    private long state() {
        return (long) CELL.getVolatile(cell, WORD);
    }

    /** @return the word before the add */
    private long add(long delta) {
        return (long) CELL.getAndAdd(cell, WORD, delta);
    }

    /** Gives back a connection after its borrow. */
    void give() {
        add(-1L);
    }

    /** Undoes a {@link #tryTake} whose borrow did not happen: neither held nor counted. */
    void untake() {
        add(-(ONE_BORROW + 1));
    }

    /** Forgets the tenant if it holds nothing; the caller holds the admission's lock and checked its queue. */
    boolean forget() {
        for (;;) {
            long s = state();
            if (s < 0 || (s & ACTIVE_MASK) != 0) {
                return false;
            }
            if (CELL.compareAndSet(cell, WORD, s, FORGOTTEN_STATE)) {
                return true;
            }
        }
    }

    /**
     * Records a borrow that waited {@code micros}; borrows admitted at once count as zero waits,
     * derived from the borrow counter. The caller holds the admission's lock.
     */
    void waited(long nowNanos, long micros) {
        waits.rotate(nowNanos, borrows());
        waits.record(micros);
    }

    /** The caller holds the admission's lock. */
    TenantStats stats(long nowNanos) {
        TenantLimits l = limits;
        long b = borrows();
        waits.rotate(nowNanos, b);
        WaitHistogram.Snapshot w = waits.snapshot(b);
        return new TenantStats(name, named, l.min(), l.max(), l.weight(), Math.max(0, active()), queue.size(), b,
                timeouts.sum(), rejections.sum(), w.p50(), w.p95(), w.p99());
    }
}
