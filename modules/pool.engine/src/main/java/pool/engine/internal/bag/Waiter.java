package pool.engine.internal.bag;

import pool.api.Priority;

/**
 * Someone waiting for an item: a blocked thread, a future (async borrow), or later a
 * waiter shared by several bags (routing) or queued per tenant. Whoever offers an item
 * and whoever gives up (timeout, cancel, failure) race by one CAS inside the waiter,
 * so an item is taken by exactly one party and never lost: if {@link #tryFulfil}
 * returns false the offerer still owns the item.
 *
 * @param <E> what is handed over
 */
public interface Waiter<E> {

    /** @return the priority the waiter asked for */
    Priority priority();

    /** @return {@link System#nanoTime()} when the waiter started waiting */
    long arrivalNanos();

    /** @return whether the waiter still waits (neither served nor given up) */
    boolean isWaiting();

    /**
     * Hands {@code item} over.
     *
     * @return true when the waiter now owns the item; false when it had already been
     *         served or given up, and the caller keeps the item
     */
    boolean tryFulfil(E item);

    /**
     * Ends the wait with a failure (for example a configuration error while opening
     * connections, or the pool closing).
     *
     * @return whether the waiter was still waiting
     */
    boolean tryFail(Throwable cause);
}
