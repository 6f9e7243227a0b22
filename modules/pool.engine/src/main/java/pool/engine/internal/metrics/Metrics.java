package pool.engine.internal.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import pool.api.spi.WaitHistogram;

/**
 * The pool's counters and wait histogram. Counters are {@link LongAdder}s: contended
 * increments spread over cells instead of bouncing one cache line between cores.
 * The borrow fast path touches none of them: borrows are counted per connection (see
 * {@link #borrows()}), since even a LongAdder cell is a line shared between threads.
 */
public final class Metrics {

    /** Borrows counted by connections that have since been retired. */
    private final LongAdder retiredBorrows = new LongAdder();
    /** Sum of the live connections' own borrow counters. */
    private volatile LongSupplier liveBorrows = () -> 0;
    /** Highest total reported: keeps the counter monotone (see {@link #borrows()}). */
    private final AtomicLong borrowsReported = new AtomicLong();
    public final LongAdder timeouts = new LongAdder();
    public final LongAdder rejected = new LongAdder();
    public final LongAdder created = new LongAdder();
    public final LongAdder destroyed = new LongAdder();
    public final LongAdder createFailures = new LongAdder();
    public final LongAdder validationFailures = new LongAdder();
    public final LongAdder leakSuspects = new LongAdder();
    public final LongAdder leakReclaims = new LongAdder();
    public final LongAdder reaperRuns = new LongAdder();
    /** Borrows that waited longer than burstWaitThreshold (the burst policy's p95 signal). */
    public final LongAdder slowWaits = new LongAdder();
    private final long slowWaitNanos;
    private volatile long reaperLastRunMicros;
    private volatile long reaperLastRunEpochMillis;
    /** The pool clock's time when the reaper last started a pass (the return path's shortcut, see Returner). */
    private volatile long reaperStartedNanos;
    private final WaitHistogram waits;

    public Metrics(long nowNanos, long slowWaitNanos) {
        waits = new WaitHistogram(nowNanos);
        reaperStartedNanos = nowNanos;
        this.slowWaitNanos = slowWaitNanos;
    }

    /** How to sum the live connections' borrow counters (set once the bag exists). */
    public void liveBorrows(LongSupplier sum) {
        liveBorrows = sum;
    }

    /** A retired connection's borrows; call after it left the bag. */
    public void borrowsRetired(long n) {
        retiredBorrows.add(n);
    }

    /**
     * @return borrows so far. Retired counts are read before live ones and a connection
     *         leaves the bag before its count moves to the retired sum, so no borrow is
     *         counted twice; one may be missed for the instant between the two steps, and
     *         the high-water mark keeps the reported total from ever going back (a
     *         Prometheus counter must not).
     */
    public long borrows() {
        long v = retiredBorrows.sum() + liveBorrows.getAsLong();
        return borrowsReported.accumulateAndGet(v, Math::max);
    }

    /** Records a borrow that had to wait. */
    public void waited(long nanos) {
        waits.record(nanos / 1000);
        if (nanos > slowWaitNanos) {
            slowWaits.increment();
        }
    }

    /** The reaper finished a pass that took {@code nanos} and ended at wall-clock {@code endedEpochMillis}. */
    public void reaperRan(long nanos, long endedEpochMillis) {
        reaperLastRunMicros = nanos / 1000;
        reaperLastRunEpochMillis = endedEpochMillis;
        reaperRuns.increment();
    }

    /** @return when the reaper last finished a pass, epoch milliseconds; 0 before the first */
    public long reaperLastRunEpochMillis() {
        return reaperLastRunEpochMillis;
    }

    /** The reaper starts a pass at {@code nowNanos}. */
    public void reaperStarted(long nowNanos) {
        reaperStartedNanos = nowNanos;
    }

    /** @return the pool clock's time at which the reaper last started a pass (the creation time before the first) */
    public long reaperStartedNanos() {
        return reaperStartedNanos;
    }

    public long reaperLastRunMicros() {
        return reaperLastRunMicros;
    }

    /** Advances the wait window; called by the reaper. */
    public void rotate(long nowNanos) {
        waits.rotate(nowNanos, borrows());
    }

    public WaitHistogram.Snapshot waitSnapshot() {
        return waits.snapshot(borrows());
    }
}
