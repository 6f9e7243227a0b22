package pool.tenancy.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;

/**
 * A tenant's count of connections held, bounded by its max, and of borrows served.
 *
 * <p>The quota's word counts permits out: held by a borrow, or leased to a stripe. A borrow
 * that finds room takes a permit from the word by CAS; its return gives it back with one
 * atomic add. That is the whole story for a tenant whose borrowers do not collide. When a
 * CAS on the word fails (two cores borrowing for the tenant at once), the count grows
 * stripes, one per slot of borrowing threads: from then on a return within the max keeps
 * its permit in the returning thread's stripe, where that thread's next borrow takes it,
 * and the word's cache line stops moving between cores. A permit is either in the word's
 * "out" count as held, or leased and free in a stripe, never both; so connections held
 * never exceed the permits out, and those never exceed max. A borrower whose stripe is
 * empty while the word is full takes a free lease from another stripe, so the tenant is at
 * its max only when no permit is free anywhere.
 *
 * <p>Leases are bounded ({@value #LEASES_PER_STRIPE} per stripe) and given back to the word
 * when the tenant is over its max (after a live decrease), and all at once by
 * {@link #drainLeases()} (forgetting the tenant, live changes).
 *
 * <p>The word and each stripe sit alone between 120 bytes of padding: every borrow reads
 * the tenant's name and limits, which a word on their cache line would pull away on every
 * write. Low {@value #COUNT_BITS} bits count permits (out, or free in a stripe); the bits
 * above count the borrows taken there. The word is negative once the tenant was forgotten.
 */
final class QuotaCount {

    static final int TAKEN = 1;
    static final int AT_MAX = 0;
    static final int FORGOTTEN = -1;

    static final int COUNT_BITS = 20;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;
    private static final long ONE_BORROW = 1L << COUNT_BITS;
    /** Far below zero, so that nothing racing with forgetting makes it look alive. */
    private static final long FORGOTTEN_STATE = Long.MIN_VALUE / 2;
    /** Free permits a stripe keeps; more go back to the word. */
    static final int LEASES_PER_STRIPE = 2;
    /** Longs between two padded cells (128 bytes): 120 bytes free on each side of a cell. */
    private static final int STRIDE = 16;
    private static final int STRIPES = stripes(Runtime.getRuntime().availableProcessors());

    private static final VarHandle CELL = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle STRIPES_FIELD;

    static {
        try {
            STRIPES_FIELD = MethodHandles.lookup().findVarHandle(QuotaCount.class, "stripes", long[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The word at index {@link #STRIDE}. */
    private final long[] word = new long[2 * STRIDE + 1];
    /** Null until borrowers collide; then stripe {@code i} at index {@code (i + 1) * STRIDE}. */
    private volatile long[] stripes;
    /** Borrows counted and then undone ({@link #untake}): rare, so they need no word of their own. */
    private final LongAdder undone = new LongAdder();

    /** Two stripes per core, so that threads on different cores rarely share one; at most 16. */
    static int stripes(int cores) {
        return Integer.highestOneBit(Math.max(1, Math.min(8, cores)) * 2);
    }

    /**
     * Takes a permit and counts a borrow if the tenant is below {@code max}.
     *
     * @return {@link #TAKEN}, {@link #AT_MAX}, or {@link #FORGOTTEN} (look the tenant up again)
     */
    int tryTake(int max) {
        long[] ss = stripes;
        if (ss != null && takeLease(ss, home())) {
            return TAKEN;
        }
        for (;;) {
            long w = (long) CELL.getVolatile(word, STRIDE);
            if (w < 0) {
                return FORGOTTEN;
            }
            if ((w & COUNT_MASK) >= max) {
                return ss != null && stealLease(ss) ? TAKEN : AT_MAX;
            }
            if (CELL.compareAndSet(word, STRIDE, w, w + 1 + ONE_BORROW)) {
                return TAKEN;
            }
            if (ss == null) {
                ss = inflate();
            }
        }
    }

    /** Gives back the permit of a borrow that ended. */
    void give(int max) {
        long[] ss = stripes;
        if (ss != null && ((long) CELL.getVolatile(word, STRIDE) & COUNT_MASK) <= max) {
            int i = home();
            if (((long) CELL.getVolatile(ss, i) & COUNT_MASK) < LEASES_PER_STRIPE) {
                CELL.getAndAdd(ss, i, 1L); // kept free for this thread's next borrow
                return;
            }
        }
        CELL.getAndAdd(word, STRIDE, -1L);
    }

    /** Gives back the permit of a {@link #tryTake} whose borrow did not happen, and uncounts the borrow. */
    void untake(int max) {
        undone.increment();
        give(max);
    }

    /**
     * @return whether the permits out are within {@code max} and the count is not forgotten: a
     *         permit kept on an idle connection may then be reused or kept (one volatile read,
     *         of a word that such borrows and returns never write)
     */
    boolean withinMax(int max) {
        long w = (long) CELL.getVolatile(word, STRIDE);
        return w >= 0 && (w & COUNT_MASK) <= max;
    }

    /** @return connections held now (never below 0), or {@link #FORGOTTEN} */
    int held() {
        long w = (long) CELL.getVolatile(word, STRIDE);
        if (w < 0) {
            return FORGOTTEN;
        }
        long free = 0;
        long[] ss = stripes;
        for (int i = STRIDE; ss != null && i < ss.length; i += STRIDE) {
            free += (long) CELL.getVolatile(ss, i) & COUNT_MASK;
        }
        return (int) Math.max(0, (w & COUNT_MASK) - free);
    }

    /** @return borrows served so far (0 once forgotten) */
    long borrows() {
        long w = (long) CELL.getVolatile(word, STRIDE);
        if (w < 0) {
            return 0;
        }
        long b = w >>> COUNT_BITS;
        long[] ss = stripes;
        for (int i = STRIDE; ss != null && i < ss.length; i += STRIDE) {
            b += (long) CELL.getVolatile(ss, i) >>> COUNT_BITS;
        }
        return Math.max(0, b - undone.sum());
    }

    /** Gives every free lease back to the word, so that the next borrows check the max there. */
    void drainLeases() {
        long[] ss = stripes;
        for (int i = STRIDE; ss != null && i < ss.length; i += STRIDE) {
            for (;;) {
                long s = (long) CELL.getVolatile(ss, i);
                long free = s & COUNT_MASK;
                if (free == 0) {
                    break;
                }
                if (CELL.compareAndSet(ss, i, s, s - free)) {
                    CELL.getAndAdd(word, STRIDE, -free);
                    break;
                }
            }
        }
    }

    /**
     * Marks the count forgotten if no connection is held; a borrower still holding a reference
     * then sees {@link #FORGOTTEN}. The caller holds the admission's lock.
     */
    boolean forget() {
        drainLeases();
        for (;;) {
            long w = (long) CELL.getVolatile(word, STRIDE);
            // A lease made after the drain is a permit out: this tenant is not idle after all.
            if (w < 0 || (w & COUNT_MASK) != 0) {
                return false;
            }
            if (CELL.compareAndSet(word, STRIDE, w, FORGOTTEN_STATE)) {
                return true;
            }
        }
    }

    /** @return whether borrowers collided and the count has stripes */
    boolean striped() {
        return stripes != null;
    }

    /** Gives the count its stripes now, as the first collision would (tests). */
    void stripe() {
        inflate();
    }

    private static boolean takeLease(long[] ss, int i) {
        for (;;) {
            long s = (long) CELL.getVolatile(ss, i);
            if ((s & COUNT_MASK) == 0) {
                return false;
            }
            if (CELL.compareAndSet(ss, i, s, s - 1 + ONE_BORROW)) {
                return true;
            }
        }
    }

    private boolean stealLease(long[] ss) {
        for (int i = STRIDE; i < ss.length; i += STRIDE) {
            if (takeLease(ss, i)) {
                return true;
            }
        }
        return false;
    }

    private long[] inflate() {
        long[] fresh = new long[(STRIPES + 1) * STRIDE + 1];
        long[] won = (long[]) STRIPES_FIELD.compareAndExchange(this, (long[]) null, fresh);
        return won == null ? fresh : won;
    }

    /** @return the current thread's stripe index; stable per thread */
    private static int home() {
        long h = Thread.currentThread().threadId() * 0x9E3779B97F4A7C15L;
        return ((int) (h >>> 40) & (STRIPES - 1)) * STRIDE + STRIDE;
    }
}
