package pool.engine.internal.bag;

/**
 * The order in which waiters are served. The default is {@link PriorityWaiterQueue}
 * (FIFO within priority, with aging); per-tenant fairness can supply another order
 * without touching the bag. Implementations must be thread-safe and must not block
 * beyond a short critical section.
 *
 * @param <E> what is handed over
 */
public interface WaiterQueue<E> {

    /** A waiter's place in a queue, for removing it in O(1). */
    interface Ticket {
    }

    /**
     * Appends a waiter.
     *
     * @return its ticket, or null when {@code limit} waiters are already queued (the
     *         waiter is then not queued: the borrow is refused)
     */
    Ticket enqueue(Waiter<E> waiter, int limit);

    /**
     * Removes and returns the waiter to serve next, skipping (and dropping) those that
     * no longer wait. The returned waiter may still give up before it is offered an
     * item: offer with {@link Waiter#tryFulfil} and move on if that fails.
     *
     * @return the next waiter, or null when none is queued
     */
    Waiter<E> pollNext();

    /** Removes the waiter holding {@code ticket}, if still queued (after it gave up). */
    void remove(Ticket ticket);

    /** @return waiters queued now (some may be giving up at this very moment) */
    int size();
}
