package pool.engine.internal.bag;

import java.util.concurrent.locks.LockSupport;
import pool.api.Priority;

/**
 * A thread waiting for an item: it parks (never spins or yields) until it is served,
 * failed, interrupted or its deadline passes. Parking holds no lock and no monitor, so
 * a virtual thread unmounts from its carrier while it waits.
 *
 * @param <E> what is handed over
 */
public final class BlockingWaiter<E> extends AbstractWaiter<E> {

    private final Thread thread = Thread.currentThread();

    public BlockingWaiter(Priority priority, long arrivalNanos) {
        super(priority, arrivalNanos);
    }

    @Override
    protected void onFulfilled(E item) {
        LockSupport.unpark(thread);
    }

    @Override
    protected void onFailed(Throwable cause) {
        LockSupport.unpark(thread);
    }

    /**
     * Waits until {@code deadlineNanos} ({@link System#nanoTime()} based).
     *
     * @return the item, or null when the wait ended without one (timed out or
     *         interrupted: the interrupt flag is left set); a failure is reported by
     *         {@link #failure()}
     */
    public E await(long deadlineNanos) {
        for (;;) {
            Object o = outcome();
            if (o != null) {
                return itemOrNull(o);
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0 || Thread.currentThread().isInterrupted()) {
                if (tryCancel()) {
                    return null;
                }
                // Lost the race: an item (or a failure) arrived at the same moment. Take it,
                // so that it is never lost; the caller hands it back if it no longer wants it.
                return itemOrNull(outcome());
            }
            LockSupport.parkNanos(this, left);
        }
    }

    /** @return the failure that ended the wait, or null */
    public Throwable failure() {
        return outcome() instanceof Failure f ? f.cause() : null;
    }

    @SuppressWarnings("unchecked")
    private E itemOrNull(Object o) {
        if (o == CANCELLED || o instanceof Failure) {
            return null;
        }
        return (E) o;
    }
}
