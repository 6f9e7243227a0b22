package pool.engine.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many physical connections the pool has or is opening. Creation reserves a place
 * here before it connects and retirement frees it, so concurrent creators can never
 * take the pool past its limit: the limit check and the increment are one CAS.
 */
public final class PoolSize {

    private final AtomicInteger total = new AtomicInteger();

    /** @return whether a place was reserved (total was below {@code limit}) */
    public boolean tryReserve(int limit) {
        for (int t = total.get(); t < limit; t = total.get()) {
            if (total.compareAndSet(t, t + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Frees a place (a creation failed, or a connection was retired). */
    public void release() {
        total.decrementAndGet();
    }

    /** @return connections open or being opened */
    public int get() {
        return total.get();
    }
}
