package pool.api.spi;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Borrow-wait percentiles over a sliding window of about a minute, without locks and without
 * allocating per record: the engine keeps one per pool, tenancy one per tenant.
 *
 * <p>Only borrows that had to wait are recorded here (one atomic add in a log-linear bucket);
 * borrows served at once are the owner's borrow counter minus the waited ones, so the fast
 * path pays nothing beyond the borrow counter it has anyway.
 *
 * <p>Buckets: values below 8 µs exactly, above that 8 sub-buckets per power of two
 * (relative error under 12.5 %), up to 2^40 µs. The window is {@value #SLOTS} sub-windows
 * of {@value #SLOT_NANOS} ns (10 s); as time passes its owner calls {@link #rotate} and the
 * oldest sub-window is cleared and reused. A record racing a rotation may land in the
 * sub-window just closed: off by one borrow, never lost, never double counted.
 *
 * <p>A sub-window's buckets (2.5 KB) exist only once a wait was recorded in it, so a window
 * without waits costs some 200 bytes: tenancy keeps one per tenant, up to {@code maxTenants}.
 *
 * <p>Threads: {@link #record} and {@link #snapshot} from any number of threads at once;
 * {@link #rotate} from one thread at a time (the engine's reaper; tenancy under its lock).
 */
public final class WaitHistogram {

    /** Sub-windows in the window. */
    public static final int SLOTS = 6;
    /** Length of one sub-window, nanoseconds (10 s): the window covers {@code SLOTS * SLOT_NANOS}, one minute. */
    public static final long SLOT_NANOS = 10_000_000_000L;
    static final int BUCKETS = 8 + 38 * 8;

    /** Per sub-window; null until its first record, and again once rotation reuses it. */
    private final AtomicReferenceArray<AtomicLongArray> counts = new AtomicReferenceArray<>(SLOTS);
    private final long[] borrowsAtSlotStart = new long[SLOTS];
    private final long[] maxMicros = new long[SLOTS];
    private volatile int current;
    private volatile long rotations;
    private volatile long currentStartNanos;

    /**
     * An empty window.
     *
     * @param nowNanos {@link System#nanoTime()} (or the owner's clock) now: the first sub-window starts here
     */
    public WaitHistogram(long nowNanos) {
        currentStartNanos = nowNanos;
    }

    static int bucket(long micros) {
        if (micros < 8) {
            return (int) Math.max(0, micros);
        }
        int e = 63 - Long.numberOfLeadingZeros(micros); // >= 3
        if (e > 40) {
            return BUCKETS - 1;
        }
        int sub = (int) (micros >>> (e - 3)) & 7;
        return 8 + (e - 3) * 8 + sub;
    }

    /** @return the upper bound (µs) of bucket {@code b}: what a percentile in it reports */
    static long upperBound(int b) {
        if (b < 8) {
            return b;
        }
        int e = (b - 8) / 8 + 3;
        int sub = (b - 8) % 8;
        return ((8L + sub + 1) << (e - 3)) - 1;
    }

    /**
     * Records one borrow that waited.
     *
     * @param micros how long it waited, microseconds (negative counts as 0)
     */
    public void record(long micros) {
        int slot = current;
        AtomicLongArray a = counts.get(slot);
        if (a == null) {
            AtomicLongArray fresh = new AtomicLongArray(BUCKETS);
            a = counts.compareAndExchange(slot, null, fresh);
            if (a == null) {
                a = fresh;
            }
        }
        a.incrementAndGet(bucket(micros));
        if (micros > maxMicros[slot]) {
            maxMicros[slot] = micros; // racy max: good enough for a gauge, never blocks
        }
    }

    /**
     * Starts a new sub-window for every {@link #SLOT_NANOS} passed since the current one started
     * (at most {@link #SLOTS}); does nothing before. One caller at a time.
     *
     * @param nowNanos     the owner's clock now, as given to the constructor
     * @param borrowsSoFar the owner's borrow counter now (borrows served, waited or not)
     */
    public void rotate(long nowNanos, long borrowsSoFar) {
        long elapsed = nowNanos - currentStartNanos;
        int steps = (int) Math.min(SLOTS, elapsed / SLOT_NANOS);
        for (int i = 0; i < steps; i++) {
            int next = (current + 1) % SLOTS;
            // Dropped, not cleared: a record that read the slot before holds the old buckets,
            // so at worst it is lost with the sub-window it belonged to, never counted twice.
            counts.set(next, null);
            maxMicros[next] = 0;
            borrowsAtSlotStart[next] = borrowsSoFar;
            current = next;
            rotations++;
        }
        if (steps > 0) {
            currentStartNanos = nowNanos;
        }
    }

    /**
     * Percentiles of the window, microseconds; each is its bucket's upper bound, or the longest
     * wait when that is lower.
     *
     * @param p50 median borrow wait
     * @param p95 95th percentile
     * @param p99 99th percentile
     * @param max longest recorded wait
     */
    public record Snapshot(long p50, long p95, long p99, long max) {
    }

    /**
     * The window's percentiles now.
     *
     * @param borrowsSoFar the owner's borrow counter now: the borrows in the window that were
     *                     not recorded count as waits of 0
     * @return the window's percentiles; all 0 before any borrow
     */
    public Snapshot snapshot(long borrowsSoFar) {
        long[] merged = new long[BUCKETS];
        long waited = 0;
        long max = 0;
        int cur = current;
        // The window starts where its oldest sub-window started: the one after current once
        // every sub-window has been used, else sub-window 0 (the pool's start, 0 borrows).
        long windowStartBorrows = rotations >= SLOTS - 1 ? borrowsAtSlotStart[(cur + 1) % SLOTS] : 0;
        for (int s = 0; s < SLOTS; s++) {
            AtomicLongArray a = counts.get(s);
            for (int b = 0; a != null && b < BUCKETS; b++) {
                long c = a.get(b);
                merged[b] += c;
                waited += c;
            }
            max = Math.max(max, maxMicros[s]);
        }
        long total = Math.max(waited, borrowsSoFar - windowStartBorrows);
        long zeros = total - waited;
        return new Snapshot(atMost(max, percentile(merged, zeros, total, 0.50)),
                atMost(max, percentile(merged, zeros, total, 0.95)), atMost(max, percentile(merged, zeros, total, 0.99)),
                max);
    }

    /**
     * A bucket's upper bound can lie above every wait in it (one wait of 29.5 ms reads 30.7 ms):
     * no percentile is shown above the longest wait recorded in the same window.
     */
    private static long atMost(long max, long percentile) {
        return max > 0 ? Math.min(max, percentile) : percentile;
    }

    /** @return the waits recorded in the window now */
    long recorded() {
        long n = 0;
        for (int s = 0; s < SLOTS; s++) {
            AtomicLongArray a = counts.get(s);
            for (int b = 0; a != null && b < BUCKETS; b++) {
                n += a.get(b);
            }
        }
        return n;
    }

    private static long percentile(long[] merged, long zeros, long total, double p) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(p * total);
        if (rank <= zeros) {
            return 0;
        }
        long seen = zeros;
        for (int b = 0; b < BUCKETS; b++) {
            seen += merged[b];
            if (seen >= rank) {
                return upperBound(b);
            }
        }
        return upperBound(BUCKETS - 1);
    }
}
