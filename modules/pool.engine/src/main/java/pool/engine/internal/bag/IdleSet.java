package pool.engine.internal.bag;

/**
 * The idle items of a bag, by slot index, without locks and without allocating.
 * Offers never fail: the set holds at most one occurrence of each slot and has room
 * for every slot of the bag. It keeps no size counter: a shared counter would be one
 * more contended cache line on every borrow; the bag counts IDLE states when asked.
 */
interface IdleSet {

    /** Adds a slot; the caller owns it and it is not in the set. */
    void push(int slot);

    /** @return a slot taken out of the set, or -1 when it looks empty */
    int poll();

    static IdleSet create(boolean lifo, int capacity) {
        return lifo ? new StripedLifoStack(capacity) : new FifoIdleQueue(capacity);
    }
}
