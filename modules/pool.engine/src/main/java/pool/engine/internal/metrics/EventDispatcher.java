package pool.engine.internal.metrics;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import pool.api.PoolEvent;
import pool.api.PoolListener;

/**
 * Delivers pool events to listeners on one daemon thread, in order, off every pool
 * path: publishing is a non-blocking offer to a bounded queue. When listeners are too
 * slow and the queue is full, events are dropped and counted rather than slowing the
 * pool. Nothing is queued (or allocated by callers that check {@link #active()}) while
 * nobody listens. The thread starts with the first listener.
 */
public final class EventDispatcher {

    private static final Logger LOG = System.getLogger("poold.events");
    static final int CAPACITY = 4096;

    private final String pool;
    private final List<PoolListener> listeners = new CopyOnWriteArrayList<>();
    private final BlockingQueue<PoolEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final LongAdder dropped = new LongAdder();
    private final ReentrantLock startLock = new ReentrantLock();
    private Thread thread;
    private volatile boolean closed;

    public EventDispatcher(String pool) {
        this.pool = pool;
    }

    public void add(PoolListener l) {
        listeners.add(l);
        startLock.lock();
        try {
            if (thread == null && !closed) {
                thread = Thread.ofPlatform().daemon().name("poold-" + pool + "-events").start(this::loop);
            }
        } finally {
            startLock.unlock();
        }
    }

    public void remove(PoolListener l) {
        listeners.remove(l);
    }

    /** @return whether anyone listens: callers skip building events otherwise */
    public boolean active() {
        return !listeners.isEmpty();
    }

    public void publish(PoolEvent e) {
        if (listeners.isEmpty() || closed) {
            return;
        }
        if (!queue.offer(e)) {
            dropped.increment();
        }
    }

    /** @return events dropped because listeners fell behind */
    public long dropped() {
        return dropped.sum();
    }

    /** Delivers what is queued (up to a second), then stops the thread. */
    public void close() {
        closed = true;
        Thread t;
        startLock.lock();
        try {
            t = thread;
        } finally {
            startLock.unlock();
        }
        if (t != null) {
            t.interrupt();
        }
    }

    private void loop() {
        long drainDeadline = 0;
        while (true) {
            PoolEvent e;
            try {
                e = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException ie) {
                if (drainDeadline == 0) {
                    drainDeadline = System.nanoTime() + 1_000_000_000L;
                }
                e = queue.poll();
            }
            if (e == null) {
                if (closed) {
                    return;
                }
                continue;
            }
            for (PoolListener l : listeners) {
                try {
                    l.onEvent(e);
                } catch (RuntimeException ex) {
                    LOG.log(Level.WARNING, "pool '" + pool + "': listener " + l + " failed on " + e, ex);
                }
            }
            if (drainDeadline != 0 && System.nanoTime() > drainDeadline) {
                return;
            }
        }
    }
}
