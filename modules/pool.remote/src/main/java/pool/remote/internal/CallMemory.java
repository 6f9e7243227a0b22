package pool.remote.internal;

import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;

/**
 * The heap every call channel of the daemon may spend at once on calls and their replies:
 * one bound for all tickets, pools and users. A ticket's own budget ({@link CallBudget})
 * bounds one login's frame bytes; but a client may log in many times, and a frame of a few
 * bytes per value decodes to many times its size, so without this a single client user could
 * run the daemon out of memory (and with {@code ExitOnOutOfMemoryError} stop every pool):
 * 200 channels of 60 KB calls each holding 30,000 decoded nulls, or calls whose replies of
 * large rows it never reads.
 *
 * <p>A call reserves twice its frame's length (the frame, then the values it decodes to)
 * before its body is read, waiting in arrival order when the bound is reached, so waiting
 * holds nothing; its decoder asks for its objects as it makes them, and the rows its reply
 * reads are charged as they are read (the batch ends early when the bound is reached). All
 * of it is given back once the reply is written. A call arriving when nothing is reserved
 * is admitted whatever its size: the ticket's budget bounds one call.
 *
 * <p>{@code -Dpoold.remote.callMemoryBytes} sets the bound; by default half the heap's maximum.
 */
final class CallMemory {

    /** How often a waiting call looks whether its channel was closed meanwhile. */
    private static final long RECHECK_MILLIS = 200;

    /** The use of the call the current thread answers, for the row reader; null elsewhere. */
    private static final ThreadLocal<Use> CURRENT = new ThreadLocal<>();

    private final long max;
    /**
     * Rows read are counted against the bound in steps of this many bytes (16 KiB, less for a
     * small bound), not one by one: the bound is shared by every channel, and a lock per row
     * would serialise their reads. A call may hold up to one step beyond what it counted.
     */
    private final long step;
    /** Guarded by this. */
    private long used;
    /** Waiting calls, first come first served. Guarded by this. */
    private final ArrayDeque<Object> queue = new ArrayDeque<>();

    CallMemory(long max) {
        if (max <= 0) {
            throw new IllegalArgumentException("call memory must be positive, got " + max);
        }
        this.max = max;
        this.step = Math.max(1, Math.min(16 * 1024, max / 64));
    }

    /** @return the bound set by {@code -Dpoold.remote.callMemoryBytes}, else half the heap's maximum */
    static CallMemory configured() {
        return new CallMemory(Long.getLong("poold.remote.callMemoryBytes", Runtime.getRuntime().maxMemory() / 2));
    }

    /** @return the most bytes calls may hold at once */
    long max() {
        return max;
    }

    /** @return the bytes held now */
    synchronized long used() {
        return used;
    }

    /**
     * Reserves {@code bytes} for a call about to be read, waiting behind earlier calls until
     * they fit.
     *
     * @param gone whether the waiting call's channel has been closed meanwhile
     * @return the call's use of the memory, to {@link Use#close() close} once its reply is
     *         written; null when {@code gone} turned true first
     */
    Use reserve(long bytes, BooleanSupplier gone) throws InterruptedException {
        synchronized (this) {
            if (queue.isEmpty() && fits(bytes)) {
                used += bytes;
                return new Use(bytes);
            }
            Object me = new Object();
            queue.addLast(me);
            try {
                while (queue.peekFirst() != me || !fits(bytes)) {
                    if (gone.getAsBoolean()) {
                        return null;
                    }
                    wait(RECHECK_MILLIS);
                }
                used += bytes;
                return new Use(bytes);
            } finally {
                queue.remove(me);
                notifyAll();
            }
        }
    }

    private boolean fits(long bytes) {
        return used == 0 || used + bytes <= max;
    }

    private synchronized boolean take(long bytes, boolean whatever) {
        if (!whatever && used + bytes > max) {
            return false;
        }
        used += bytes;
        return used <= max;
    }

    private synchronized void release(long bytes) {
        used -= bytes;
        notifyAll();
    }

    /** @return the use of the call the current thread answers, or null */
    static Use current() {
        return CURRENT.get();
    }

    /**
     * Runs {@code work} outside the current call's use: what it reads goes elsewhere than into
     * the reply (rows set aside on disk), so it holds no call memory.
     */
    static <T, E extends Exception> T outside(Work<T, E> work) throws E {
        Use use = CURRENT.get();
        CURRENT.remove();
        try {
            return work.run();
        } finally {
            if (use != null) {
                CURRENT.set(use);
            }
        }
    }

    /** Work that may throw. */
    @FunctionalInterface
    interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /** What one call holds; used by the thread that answers it. */
    final class Use implements AutoCloseable {
        private long held;
        /** Rows' bytes read and not yet counted against the bound (less than one step). */
        private long uncounted;
        private boolean refused;

        private Use(long held) {
            this.held = held;
        }

        /** Makes this the current thread's call until {@link #close()}. */
        Use enter() {
            CURRENT.set(this);
            return this;
        }

        /** @return whether {@code bytes} more may be spent (and then they are counted); false refuses */
        boolean offer(long bytes) {
            if (take(bytes, false)) {
                held += bytes;
                return true;
            }
            refused = true;
            return false;
        }

        /**
         * Counts {@code bytes} already spent (rows read).
         *
         * @return whether the bound still holds: else spend no more than needed
         */
        boolean spent(long bytes) {
            uncounted += bytes;
            if (uncounted < step) {
                return true;
            }
            long b = uncounted;
            uncounted = 0;
            held += b;
            return take(b, true);
        }

        /** @return the most bytes the daemon's calls may hold at once */
        long max() {
            return max;
        }

        /** @return whether an {@link #offer} was refused */
        boolean refused() {
            return refused;
        }

        @Override
        public void close() {
            if (CURRENT.get() == this) {
                CURRENT.remove();
            }
            release(held);
            held = 0;
        }
    }
}
