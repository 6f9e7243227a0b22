package pool.engine.internal.create;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Delay before the next connect attempt after {@code failures} failures in a row:
 * exponential from {@code initial}, capped at {@code max}, with "equal jitter" (half
 * fixed, half random) so that many pools (or daemons) restarting together do not
 * retry in lock-step against a recovering database.
 */
public record Backoff(long initialNanos, long maxNanos) {

    /** @return the delay in ns; 0 when nothing failed */
    public long delayNanos(int failures) {
        if (failures <= 0) {
            return 0;
        }
        int shift = Math.min(failures - 1, 30);
        long base = initialNanos << shift;
        if (base <= 0 || base > maxNanos) {
            base = maxNanos;
        }
        long half = base / 2;
        return half + ThreadLocalRandom.current().nextLong(half + 1);
    }
}
