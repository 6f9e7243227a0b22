package pool.engine.internal.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * The pool's counters and wait histogram. Counters are {@link LongAdder}s: contended
 * increments spread over cells instead of bouncing one cache line between cores.
 * The borrow fast path touches {@link #borrows} only.
 */
public final class Metrics {

    public final LongAdder borrows = new LongAdder();
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
    /** nanoTime when the reaper last started a pass (the return path's coarse clock, see Returner). */
    private volatile long reaperStartedNanos;
    private final WaitHistogram waits;

    public Metrics(long nowNanos, long slowWaitNanos) {
        waits = new WaitHistogram(nowNanos);
        reaperStartedNanos = nowNanos;
        this.slowWaitNanos = slowWaitNanos;
    }

    /** Records a borrow that had to wait. */
    public void waited(long nanos) {
        waits.record(nanos / 1000);
        if (nanos > slowWaitNanos) {
            slowWaits.increment();
        }
    }

    public void reaperRan(long nanos) {
        reaperRuns.increment();
        reaperLastRunMicros = nanos / 1000;
    }

    /** The reaper starts a pass at {@code nowNanos}. */
    public void reaperStarted(long nowNanos) {
        reaperStartedNanos = nowNanos;
    }

    /** @return nanoTime at which the reaper last started a pass (the creation time before the first) */
    public long reaperStartedNanos() {
        return reaperStartedNanos;
    }

    public long reaperLastRunMicros() {
        return reaperLastRunMicros;
    }

    /** Advances the wait window; called by the reaper. */
    public void rotate(long nowNanos) {
        waits.rotate(nowNanos, borrows.sum());
    }

    public WaitHistogram.Snapshot waitSnapshot() {
        return waits.snapshot(borrows.sum());
    }
}
