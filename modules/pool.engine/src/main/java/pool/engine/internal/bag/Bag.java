package pool.engine.internal.bag;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * Hands items out and takes them back, knowing nothing about JDBC (HikariCP's
 * ConcurrentBag idea, without its thread-local lists and without its yield-spin).
 *
 * <ul>
 *   <li><b>Idle take</b> is lock-free and allocation-free: a pop from the {@link IdleSet}
 *       (LIFO or FIFO), after which the popper alone owns the item and stores IN_USE.</li>
 *   <li><b>No barging</b>: while anyone waits, {@link #takeIdle()} answers null, so a
 *       newcomer queues behind the waiters instead of taking an item ahead of them.</li>
 *   <li><b>Direct hand-off</b>: {@link #release} offers the item to the next waiter of
 *       the {@link WaiterQueue} before it ever becomes idle.</li>
 *   <li><b>No lost wake-up</b>: every actor first changes its own structure (push an idle
 *       item, or queue a waiter) and then runs {@link #drain()}, which moves idle items
 *       to waiters while both exist. With volatile (sequentially consistent) accesses,
 *       whichever of the two acts last sees the other, so an idle item and a waiter
 *       never stay apart.</li>
 * </ul>
 *
 * @param <E> the items
 */
public final class Bag<E extends BagItem> {

    private final AtomicReferenceArray<E> slots;
    /**
     * One past the highest slot ever used. Scans stop here: the capacity is the global
     * cap (1024), while a pool of 16 uses the first 16 or so, and the creator scans on
     * every borrow that has to wait. Slots are taken lowest first, so this stays near
     * the largest size the pool has had.
     */
    private final AtomicInteger highWater = new AtomicInteger();
    private final IdleSet idle;
    private final boolean lifo;
    private final WaiterQueue<E> waiters;
    private volatile boolean paused;
    /** Set by {@link #close}: why every waiter queued from then on fails at once. */
    private volatile Throwable closed;

    /**
     * @param capacity most items ever in the bag at once (the global cap)
     * @param lifo     whether the most recently released idle item is taken first
     * @param waiters  the order waiters are served in
     */
    public Bag(int capacity, boolean lifo, WaiterQueue<E> waiters) {
        this.slots = new AtomicReferenceArray<>(capacity);
        this.idle = IdleSet.create(lifo, capacity);
        this.lifo = lifo;
        this.waiters = waiters;
    }

    /** @return whether the most recently released idle item is taken first */
    public boolean lifo() {
        return lifo;
    }

    /** @return the most items the bag can hold */
    public int capacity() {
        return slots.length();
    }

    // ---- membership ------------------------------------------------------------------

    /**
     * Gives a new item a slot. The item stays RESERVED (owned by the caller) until it
     * is {@link #release}d.
     *
     * @return false when every slot is taken
     */
    public boolean register(E item) {
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) == null && slots.compareAndSet(i, null, item)) {
                item.slot = i;
                highWater.accumulateAndGet(i + 1, Math::max);
                return true;
            }
        }
        return false;
    }

    /** Retires an item its caller owns (IN_USE or RESERVED) and frees its slot. */
    public void remove(E item) {
        item.setState(BagItem.RETIRED);
        int s = item.slot;
        if (s >= 0) {
            slots.compareAndSet(s, item, null);
        }
    }

    // ---- borrow and return --------------------------------------------------------------

    /**
     * Takes an idle item, unless someone waits (no barging) or hand-off is paused.
     *
     * @return the item, now IN_USE and owned by the caller, or null
     */
    public E takeIdle() {
        if (paused || waiters.size() != 0) {
            return null;
        }
        return pollIdle(BagItem.IN_USE);
    }

    private E pollIdle(int newState) {
        int s = idle.poll();
        if (s < 0) {
            return null;
        }
        E item = slots.get(s);
        if (item == null || item.state() != BagItem.IDLE) {
            // Only the popper may move an item out of IDLE; anything else is a bug that
            // would hand one connection to two borrowers. Fail loudly.
            throw new IllegalStateException("bag corrupted: slot " + s + " popped in state "
                    + (item == null ? "empty" : BagItem.stateName(item.state())));
        }
        // A store, not a CAS: winning the idle set's pop made this thread the item's only
        // owner (no one else moves an item out of IDLE), so a locked instruction per borrow
        // would buy nothing. The check above still catches a corrupted idle set.
        item.setState(newState);
        return item;
    }

    /**
     * Gives back an item the caller owns: to the next waiter if one waits, else to the
     * idle set.
     */
    public void release(E item) {
        if (!paused && offerToWaiter(item)) {
            return;
        }
        item.setState(BagItem.IDLE);
        idle.push(item.slot);
        drain();
    }

    /** @return whether a waiter took the item (then the caller no longer owns it) */
    private boolean offerToWaiter(E item) {
        Waiter<E> w;
        while ((w = waiters.pollNext()) != null) {
            item.setState(BagItem.IN_USE); // the waiter receives it in use, never idle
            if (w.tryFulfil(item)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Queues a waiter, then checks for an idle item it (or an earlier waiter) can have.
     *
     * @return the ticket, or null when {@code limit} waiters already wait
     */
    public WaiterQueue.Ticket enqueue(Waiter<E> waiter, int limit) {
        WaiterQueue.Ticket t = waiters.enqueue(waiter, limit);
        if (t != null) {
            Throwable c = closed;
            if (c != null) {
                // Queued after close() failed the waiters: fail now, not at the borrow's timeout.
                // Queued first, read second, as close() writes first and polls second: one of the
                // two always sees the other.
                waiters.remove(t);
                waiter.tryFail(c);
                return t;
            }
            drain();
        }
        return t;
    }

    /** Removes a waiter that gave up. */
    public void dequeue(WaiterQueue.Ticket ticket) {
        waiters.remove(ticket);
    }

    /** Moves idle items to waiters while both exist (see the class comment). */
    public void drain() {
        while (!paused && waiters.size() != 0) {
            E item = pollIdle(BagItem.IN_USE);
            if (item == null) {
                return;
            }
            if (!offerToWaiter(item)) {
                // Every queued waiter gave up meanwhile: back to idle, and look again in
                // case a waiter arrived while the item was out of the idle set.
                item.setState(BagItem.IDLE);
                idle.push(item.slot);
            }
        }
    }

    /** @return waiters queued now */
    public int waiting() {
        return waiters.size();
    }

    /**
     * Fails every waiter with {@code cause}, and every waiter queued from now on: the pool is
     * closing for good.
     */
    public void close(Throwable cause) {
        closed = cause;
        failWaiters(cause);
    }

    /** Ends every current wait with {@code cause}. */
    public void failWaiters(Throwable cause) {
        Waiter<E> w;
        while ((w = waiters.pollNext()) != null) {
            w.tryFail(cause);
        }
    }

    /**
     * While paused, idle items are not taken and released items are not handed to
     * waiters (suspend); resuming serves the waiters in order.
     */
    public void pause(boolean pause) {
        paused = pause;
        if (!pause) {
            drain();
        }
    }

    /** @return whether hand-off is paused (the pool is suspended) */
    public boolean paused() {
        return paused;
    }

    // ---- housekeeping -------------------------------------------------------------------

    /**
     * Takes every idle item out for inspection, most recently released first under LIFO
     * and least recently under FIFO. Each comes back RESERVED and owned by the caller,
     * who must {@link #restore}, {@link #release} or {@link #remove} every one. Borrowers
     * meanwhile see fewer idle items and, at worst, queue briefly.
     *
     * @return how many were taken into {@code out}
     */
    public int reserveAllIdle(BagItem[] out) {
        int n = 0;
        while (n < out.length) {
            E item = pollIdle(BagItem.RESERVED);
            if (item == null) {
                break;
            }
            out[n++] = item;
        }
        return n;
    }

    /**
     * Puts back items taken by {@link #reserveAllIdle} in the order they were taken
     * (positions {@code from..to-1} of {@code items}, those not null), restoring their
     * idle order, then serves any waiters.
     */
    public void restore(BagItem[] items, int from, int to) {
        if (lifo) {
            for (int i = to - 1; i >= from; i--) { // taken top-first: push back bottom-first
                restoreOne(items[i]);
            }
        } else {
            for (int i = from; i < to; i++) {
                restoreOne(items[i]);
            }
        }
        drain();
    }

    private void restoreOne(BagItem item) {
        if (item != null) {
            item.setState(BagItem.IDLE);
            idle.push(item.slot);
        }
    }

    /** Visits every item in the bag, whatever its state (the state may change meanwhile). */
    public void forEach(Consumer<? super E> action) {
        for (int i = 0, end = highWater.get(); i < end; i++) {
            E item = slots.get(i);
            if (item != null) {
                action.accept(item);
            }
        }
    }

    /**
     * Counts items by state in one pass: {@code out[state]} for IDLE, IN_USE, RESERVED
     * (RETIRED items have left their slot). For stats, not the hot path.
     */
    public void countByState(int[] out) {
        java.util.Arrays.fill(out, 0);
        for (int i = 0, end = highWater.get(); i < end; i++) {
            E item = slots.get(i);
            if (item != null) {
                int s = item.state();
                if (s >= 0 && s < out.length) {
                    out[s]++;
                }
            }
        }
    }

    /**
     * Counts items in either state in one pass, reading each item's state once: an item
     * moving between the two while counting (the reaper restoring RESERVED items to IDLE)
     * is counted exactly once, where two separate counts could miss it in both.
     */
    public int count(int state, int orState) {
        int n = 0;
        for (int i = 0, end = highWater.get(); i < end; i++) {
            E item = slots.get(i);
            if (item != null) {
                int s = item.state();
                if (s == state || s == orState) {
                    n++;
                }
            }
        }
        return n;
    }

    /** @return how many items are in {@code state} now (a scan: for stats, not the hot path) */
    public int count(int state) {
        int n = 0;
        for (int i = 0, end = highWater.get(); i < end; i++) {
            E item = slots.get(i);
            if (item != null && item.state() == state) {
                n++;
            }
        }
        return n;
    }
}
