package pool.engine.internal.bag;

import java.util.concurrent.locks.ReentrantLock;
import pool.api.Priority;

/**
 * FIFO within priority, and aging across priorities: each waiter is served in order of
 * its <em>virtual arrival</em> = arrival time + a head start given away per priority
 * level below HIGH ({@link #DEFAULT_STEP_NANOS} for NORMAL, twice that for LOW). A HIGH
 * borrower therefore overtakes NORMAL ones that arrived less than one step before it,
 * but a LOW waiter that has waited two steps longer than anyone else is served next:
 * low never starves, and its extra wait is bounded by two steps.
 *
 * <p>Within a lane virtual arrival grows with arrival, so the next waiter is the
 * earliest of the three lane heads. Lanes are intrusive doubly linked lists guarded by
 * one {@link ReentrantLock} held only for a few pointer writes: never while anyone
 * waits, never around I/O, and not a monitor, so virtual threads do not pin. Nodes are
 * allocated per wait only, never on the borrow fast path.
 *
 * @param <E> what is handed over
 */
public final class PriorityWaiterQueue<E> implements WaiterQueue<E> {

    /** Head start per priority level: 500 ms. Long against a normal queueing delay, short against a borrow timeout. */
    public static final long DEFAULT_STEP_NANOS = 500_000_000L;

    private static final class Node<E> implements Ticket {
        final Waiter<E> waiter;
        final long virtualArrival;
        final int lane;
        Node<E> prev;
        Node<E> next;
        boolean linked = true;

        Node(Waiter<E> waiter, long virtualArrival, int lane) {
            this.waiter = waiter;
            this.virtualArrival = virtualArrival;
            this.lane = lane;
        }
    }

    private final long stepNanos;
    private final ReentrantLock lock = new ReentrantLock();
    @SuppressWarnings("unchecked")
    private final Node<E>[] heads = new Node[3];
    @SuppressWarnings("unchecked")
    private final Node<E>[] tails = new Node[3];
    private volatile int size;

    public PriorityWaiterQueue() {
        this(DEFAULT_STEP_NANOS);
    }

    public PriorityWaiterQueue(long stepNanos) {
        this.stepNanos = stepNanos;
    }

    private static int lane(Priority p) {
        return switch (p) {
            case HIGH -> 0;
            case NORMAL -> 1;
            case LOW -> 2;
        };
    }

    @Override
    public Ticket enqueue(Waiter<E> waiter, int limit) {
        int lane = lane(waiter.priority());
        Node<E> n = new Node<>(waiter, waiter.arrivalNanos() + lane * stepNanos, lane);
        lock.lock();
        try {
            if (size >= limit) {
                return null;
            }
            Node<E> t = tails[lane];
            n.prev = t;
            if (t == null) {
                heads[lane] = n;
            } else {
                t.next = n;
            }
            tails[lane] = n;
            size = size + 1;
        } finally {
            lock.unlock();
        }
        return n;
    }

    @Override
    public Waiter<E> pollNext() {
        if (size == 0) {
            return null;
        }
        lock.lock();
        try {
            for (;;) {
                Node<E> best = null;
                for (int i = 0; i < 3; i++) {
                    Node<E> h = heads[i];
                    // nanoTime-based: compare by difference, never by absolute value.
                    if (h != null && (best == null || h.virtualArrival - best.virtualArrival < 0)) {
                        best = h;
                    }
                }
                if (best == null) {
                    return null;
                }
                unlink(best);
                if (best.waiter.isWaiting()) {
                    return best.waiter;
                }
                // Gave up but has not removed itself yet: drop it and look again.
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void remove(Ticket ticket) {
        Node<E> n = (Node<E>) ticket;
        lock.lock();
        try {
            if (n.linked) {
                unlink(n);
            }
        } finally {
            lock.unlock();
        }
    }

    private void unlink(Node<E> n) {
        Node<E> p = n.prev;
        Node<E> x = n.next;
        if (p == null) {
            heads[n.lane] = x;
        } else {
            p.next = x;
        }
        if (x == null) {
            tails[n.lane] = p;
        } else {
            x.prev = p;
        }
        n.prev = null;
        n.next = null;
        n.linked = false;
        size = size - 1;
    }

    @Override
    public int size() {
        return size;
    }
}
