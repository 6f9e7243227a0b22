package pool.remote.internal;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

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
 * before its body is read, waiting when the bound is reached, so waiting holds nothing; its
 * decoder asks for its objects as it makes them, and the rows its reply reads are charged as
 * they are read (the batch ends early when the bound is reached). All of it is given back
 * once the reply is written. A call arriving when nothing is reserved is admitted whatever
 * its size: the ticket's budget bounds one call.
 *
 * <p>Each client user has a share: the calls of one user hold at most {@code perUser} bytes
 * (by default half the bound while the daemon has more than one client user, the whole bound
 * while it has one, who has nobody to leave the rest for), so the rest stays for the others. The share is the user's, not
 * the login's: a login costs one password check, so a user holding calls on the channels of
 * many logins would otherwise take everything, and the memory a call holds cannot be taken
 * back while it waits in the database (a lock), so a share enforced only once others wait
 * would come too late. Waiting calls of one user go in arrival order; a call held back only by
 * its own user's share does not hold back another user's call behind it.
 *
 * <p>{@code -Dpoold.remote.callMemoryBytes} sets the bound (by default half the heap's
 * maximum), {@code -Dpoold.remote.callMemoryPerUserBytes} the share (which then holds whatever the
 * number of users).
 */
final class CallMemory {

    /** How often a waiting call looks whether its channel was closed meanwhile. */
    private static final long RECHECK_MILLIS = 200;

    /** The use of the call the current thread answers, for the row reader; null elsewhere. */
    private static final ThreadLocal<Use> CURRENT = new ThreadLocal<>();

    private final long max;
    private final long perUser;
    /** Whether {@link #perUser} was set; else a sole client user may have the whole bound. */
    private final boolean shareSet;
    /** The daemon's client users now; read only when a user's calls would pass half the bound. */
    private final IntSupplier users;
    /**
     * Rows read are counted against the bound in steps of this many bytes (16 KiB, less for a
     * small bound), not one by one: the bound is shared by every channel, and a lock per row
     * would serialise their reads. A call may hold up to one step beyond what it counted.
     */
    private final long step;
    /** Guarded by this. */
    private long used;
    /** The users holding or waiting for memory; forgotten when they do neither. Guarded by this. */
    private final Map<String, Share> shares = new HashMap<>();
    /** Users held back by their share: a flood of them is logged one line per 10 s. */
    private final RateLimitedLog heldBack = new RateLimitedLog(System.getLogger("poold.remote"),
            java.time.Duration.ofSeconds(10), System::nanoTime);
    /** Waiting calls of every user, in arrival order. Guarded by this. */
    private final ArrayDeque<Waiter> queue = new ArrayDeque<>();

    /** One user's part of the memory. Guarded by the memory. */
    private static final class Share {
        final String user;
        long used;
        /** This user's waiting calls, in arrival order: only the first may go. */
        final ArrayDeque<Waiter> waiting = new ArrayDeque<>();

        Share(String user) {
            this.user = user;
        }
    }

    private record Waiter(Share share, long bytes) {
    }

    /** A bound of {@code max} bytes, half of it per user whatever the number of users. */
    CallMemory(long max) {
        this(max, max / 2);
    }

    /** A bound of {@code max} bytes, {@code perUser} of it per user whatever the number of users. */
    CallMemory(long max, long perUser) {
        this(max, perUser, true, () -> Integer.MAX_VALUE);
    }

    /**
     * A bound of {@code max} bytes, half of it per user while {@code users} counts more than one.
     *
     * @param users the daemon's client users now
     */
    CallMemory(long max, IntSupplier users) {
        this(max, max / 2, false, users);
    }

    private CallMemory(long max, long perUser, boolean shareSet, IntSupplier users) {
        if (max <= 0 || perUser <= 0) {
            throw new IllegalArgumentException("call memory and its share per user must be positive, got " + max
                    + " and " + perUser);
        }
        this.max = max;
        this.perUser = Math.min(perUser, max);
        this.shareSet = shareSet;
        this.users = users;
        this.step = Math.max(1, Math.min(16 * 1024, max / 64));
    }

    /**
     * @param users the daemon's client users now
     * @return the bound set by {@code -Dpoold.remote.callMemoryBytes} (else half the heap's maximum), each
     *         user's share by {@code -Dpoold.remote.callMemoryPerUserBytes} (else half the bound while
     *         {@code users} counts more than one, the whole bound while it counts one)
     */
    static CallMemory configured(IntSupplier users) {
        long max = Long.getLong("poold.remote.callMemoryBytes", Runtime.getRuntime().maxMemory() / 2);
        Long share = Long.getLong("poold.remote.callMemoryPerUserBytes");
        return share != null ? new CallMemory(max, share) : new CallMemory(max, users);
    }

    /** @return the most bytes calls may hold at once */
    long max() {
        return max;
    }

    /** @return the most bytes the calls of one user may hold at once now */
    long perUser() {
        return soleUser() ? max : perUser;
    }

    /** @return whether the share is not set and the daemon has one client user at most, who may have it all */
    private boolean soleUser() {
        return !shareSet && users.getAsInt() <= 1;
    }

    /** @return whether the calls of one user holding {@code bytes} in all stay within a user's share */
    private boolean shareHolds(long bytes) {
        return bytes <= perUser || bytes <= max && soleUser(); // the users are counted only past half
    }

    /** @return the bytes held now */
    synchronized long used() {
        return used;
    }

    /** @return the calls waiting now */
    synchronized int waiting() {
        return queue.size();
    }

    /** @return the bytes the calls of {@code user} hold now */
    synchronized long used(String user) {
        Share s = shares.get(user);
        return s == null ? 0 : s.used;
    }

    /**
     * Reserves {@code bytes} for a call of {@code user} about to be read, waiting behind that
     * user's earlier calls, and behind other users' calls that wait for room in the whole bound,
     * until it fits both the bound and the user's share.
     *
     * @param gone whether the waiting call's channel has been closed meanwhile
     * @return the call's use of the memory, to {@link Use#close() close} once its reply is
     *         written; null when {@code gone} turned true first
     */
    Use reserve(String user, long bytes, BooleanSupplier gone) throws InterruptedException {
        Waiter me;
        long heldByUser;
        synchronized (this) {
            Share share = shares.computeIfAbsent(user, Share::new);
            if (queue.isEmpty() && fits(share, bytes)) {
                return admit(share, bytes);
            }
            me = new Waiter(share, bytes);
            queue.addLast(me);
            share.waiting.addLast(me);
            heldByUser = withinShare(share, bytes) ? -1 : share.used;
        }
        if (heldByUser >= 0) { // written outside the lock every channel's calls take
            heldBack.log(System.Logger.Level.WARNING, () -> "poold holds back the calls of user " + user + ": they hold "
                    + (heldByUser >> 20) + " MiB of call memory, the most one user may (" + (perUser() >> 20)
                    + " MiB, -Dpoold.remote.callMemoryPerUserBytes); other users' calls go on");
        }
        synchronized (this) {
            try {
                while (!mayGo(me)) {
                    if (gone.getAsBoolean()) {
                        return null;
                    }
                    wait(RECHECK_MILLIS);
                }
                return admit(me.share, bytes);
            } finally {
                queue.remove(me);
                me.share.waiting.remove(me);
                forgetIfIdle(me.share);
                notifyAll();
            }
        }
    }

    /** Guarded by this. */
    private Use admit(Share share, long bytes) {
        used += bytes;
        share.used += bytes;
        return new Use(share, bytes);
    }

    /**
     * Guarded by this.
     *
     * @return whether {@code me} may take its bytes now: it is its user's first waiting call, every
     *         call that came before it of another user waits only for that user's share, and it fits
     */
    private boolean mayGo(Waiter me) {
        if (me.share.waiting.peekFirst() != me) {
            return false;
        }
        for (Waiter w : queue) {
            if (w == me) {
                break;
            }
            if (w.share.waiting.peekFirst() == w && withinShare(w.share, w.bytes)) {
                return false; // it came first and waits for room in the whole bound: it goes first
            }
        }
        return fits(me.share, me.bytes);
    }

    private boolean fits(Share share, long bytes) {
        return (used == 0 || used + bytes <= max) && withinShare(share, bytes);
    }

    private boolean withinShare(Share share, long bytes) {
        return share.used == 0 || shareHolds(share.used + bytes);
    }

    private void forgetIfIdle(Share share) {
        if (share.used == 0 && share.waiting.isEmpty()) {
            shares.remove(share.user, share);
        }
    }

    private synchronized boolean take(Share share, long bytes, boolean whatever) {
        if (!whatever && (used + bytes > max || !shareHolds(share.used + bytes))) {
            return false;
        }
        used += bytes;
        share.used += bytes;
        return used <= max && shareHolds(share.used);
    }

    /** @return whether the user's share, and not the whole bound, refuses {@code bytes} more */
    private synchronized boolean overShare(Share share, long bytes) {
        long most = perUser();
        return most < max && share.used + bytes > most;
    }

    private synchronized void release(Share share, long bytes) {
        used -= bytes;
        share.used -= bytes;
        forgetIfIdle(share);
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
        private final Share share;
        private long held;
        /** Rows' bytes read and not yet counted against the bound (less than one step). */
        private long uncounted;
        private boolean refused;
        /** Whether the refusal was the user's share, not the whole bound. */
        private boolean byShare;

        private Use(Share share, long held) {
            this.share = share;
            this.held = held;
        }

        /** Makes this the current thread's call until {@link #close()}. */
        Use enter() {
            CURRENT.set(this);
            return this;
        }

        /** @return whether {@code bytes} more may be spent (and then they are counted); false refuses */
        boolean offer(long bytes) {
            if (take(share, bytes, false)) {
                held += bytes;
                return true;
            }
            refused = true;
            byShare = overShare(share, bytes);
            return false;
        }

        /**
         * Counts {@code bytes} already spent (rows read).
         *
         * @return whether the bound and the user's share still hold: else spend no more than needed
         */
        boolean spent(long bytes) {
            uncounted += bytes;
            if (uncounted < step) {
                return true;
            }
            long b = uncounted;
            uncounted = 0;
            held += b;
            return take(share, b, true);
        }

        /** @return the most bytes the daemon's calls may hold at once */
        long max() {
            return max;
        }

        /** @return the most bytes the calls of one user may hold at once now */
        long perUser() {
            return CallMemory.this.perUser();
        }

        /** @return the user whose call this is */
        String user() {
            return share.user;
        }

        /** @return whether an {@link #offer} was refused */
        boolean refused() {
            return refused;
        }

        /** @return whether a refused {@link #offer} would have gone past the user's share (else the whole bound) */
        boolean refusedByShare() {
            return byShare;
        }

        @Override
        public void close() {
            if (CURRENT.get() == this) {
                CURRENT.remove();
            }
            release(share, held);
            held = 0;
        }
    }
}
