package pool.tenancy.internal;

/**
 * One tenant's borrow-wait percentiles over a sliding window of about a minute.
 *
 * <p>Only borrows that waited are recorded (under the admission's lock, which the hand-off
 * holds anyway, so the counts are plain); borrows admitted at once count as zero waits,
 * derived from the tenant's borrow counter, so the fast path pays nothing here.
 * Buckets: below 8 µs exact, above that 8 sub-buckets per power of two (relative error
 * under 12.5 %). Not thread-safe: callers hold the admission's lock.
 */
final class WaitWindow {

    static final int SLOTS = 6;
    static final long SLOT_NANOS = 10_000_000_000L;
    static final int BUCKETS = 8 + 38 * 8;

    private final long[][] counts = new long[SLOTS][BUCKETS];
    private final long[] borrowsAtSlotStart = new long[SLOTS];
    private int current;
    private long rotations;
    private long currentStartNanos;

    WaitWindow(long nowNanos) {
        currentStartNanos = nowNanos;
    }

    static int bucket(long micros) {
        if (micros < 8) {
            return (int) Math.max(0, micros);
        }
        int e = 63 - Long.numberOfLeadingZeros(micros);
        if (e > 40) {
            return BUCKETS - 1;
        }
        int sub = (int) (micros >>> (e - 3)) & 7;
        return 8 + (e - 3) * 8 + sub;
    }

    static long upperBound(int b) {
        if (b < 8) {
            return b;
        }
        int e = (b - 8) / 8 + 3;
        int sub = (b - 8) % 8;
        return ((8L + sub + 1) << (e - 3)) - 1;
    }

    void record(long nowNanos, long borrowsSoFar, long micros) {
        rotate(nowNanos, borrowsSoFar);
        counts[current][bucket(micros)]++;
    }

    private void rotate(long nowNanos, long borrowsSoFar) {
        long elapsed = nowNanos - currentStartNanos;
        if (elapsed < SLOT_NANOS) {
            return;
        }
        int steps = (int) Math.min(SLOTS, elapsed / SLOT_NANOS);
        for (int i = 0; i < steps; i++) {
            int next = (current + 1) % SLOTS;
            java.util.Arrays.fill(counts[next], 0);
            borrowsAtSlotStart[next] = borrowsSoFar;
            current = next;
            rotations++;
        }
        currentStartNanos = nowNanos;
    }

    /** @return p50, p95, p99 in µs */
    long[] percentiles(long nowNanos, long borrowsSoFar) {
        rotate(nowNanos, borrowsSoFar);
        long[] merged = new long[BUCKETS];
        long waited = 0;
        long windowStartBorrows = rotations >= SLOTS - 1 ? borrowsAtSlotStart[(current + 1) % SLOTS] : 0;
        for (long[] slot : counts) {
            for (int b = 0; b < BUCKETS; b++) {
                merged[b] += slot[b];
                waited += slot[b];
            }
        }
        long total = Math.max(waited, borrowsSoFar - windowStartBorrows);
        long zeros = total - waited;
        return new long[] {percentile(merged, zeros, total, 0.50), percentile(merged, zeros, total, 0.95),
                percentile(merged, zeros, total, 0.99)};
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
