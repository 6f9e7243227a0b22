package pool.engine.internal.core;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many physical connections the pool has or is opening, and how many of them are
 * burst connections (opened above maxSize while borrowers waited). Creation reserves a
 * place here before it connects and retirement frees it, so concurrent creators can
 * never take the pool past its limit: the limit check and the increment are one CAS.
 */
public final class PoolSize {

    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger burst = new AtomicInteger();

    /** @return the new total when a place was reserved (total was below {@code limit}), else -1 */
    public int tryReserve(int limit) {
        for (int t = total.get(); t < limit; t = total.get()) {
            if (total.compareAndSet(t, t + 1)) {
                return t + 1;
            }
        }
        return -1;
    }

    /**
     * Reserves a burst connection's place, counted as burst from the reservation on: a
     * connection being opened above maxSize must never count as a regular one, or a regular
     * connection returned meanwhile would be retired to "shrink" the pool back to maxSize.
     *
     * @return the new total when a place was reserved (total was below {@code limit}), else -1
     */
    public int tryReserveBurst(int limit) {
        burst.incrementAndGet(); // first: regular() may read one too few meanwhile, never one too many
        int t = tryReserve(limit);
        if (t < 0) {
            burst.decrementAndGet();
        }
        return t;
    }

    /** Frees a regular connection's place (a creation failed, or a connection was retired). */
    public void release() {
        total.decrementAndGet();
    }

    /** Frees a burst connection's place. */
    public void releaseBurst() {
        total.decrementAndGet(); // first, as in tryReserveBurst: regular() never reads one too many
        burst.decrementAndGet();
    }

    /** @return connections open or being opened */
    public int get() {
        return total.get();
    }

    /** @return burst connections open or being opened */
    public int burst() {
        return burst.get();
    }

    /** @return regular (non-burst) connections open or being opened */
    public int regular() {
        return total.get() - burst.get();
    }
}
