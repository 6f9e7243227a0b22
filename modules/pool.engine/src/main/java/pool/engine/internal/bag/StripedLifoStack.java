package pool.engine.internal.bag;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The LIFO idle set, striped: a fixed number of Treiber stacks of slot indexes, and a
 * thread pushes to and pops from the stripe its thread id maps to, stealing from the
 * other stripes only when its own is empty.
 *
 * <p>Each head is one long holding {@code version << 32 | slot}; every successful CAS on
 * a head bumps the version, which rules out ABA: a pop that read slot {@code s} and its
 * successor can only succeed if nobody popped or pushed on that stripe in between.
 *
 * <p>Why: with one head every borrow and return of every thread CASes the same cache
 * line. With stripes, a thread mostly takes back the connection it just returned (hot in
 * its cache, touched by no one else), and threads on different stripes never meet.
 * Unlike HikariCP's thread-local lists this keeps no per-thread state: the number of
 * stripes is fixed ({@link #defaultStripes}: 16 to 64), so a million virtual threads
 * cost nothing extra. Order is LIFO within a stripe; across stripes it is LIFO as seen
 * by each thread, which is what keeps a small working set hot and lets the rest idle out.
 *
 * <p>No allocation: the links are one int array indexed by slot (a slot is in at most one
 * stripe at a time), one cache line apart, and the heads live in one long array, two cache
 * lines apart.
 */
final class StripedLifoStack implements IdleSet {

    private static final int EMPTY = -1;
    /** Longs between two heads: 128 bytes, so no two heads share a cache line (or its prefetch pair). */
    private static final int SPACING = 16;
    private static final VarHandle HEADS = MethodHandles.arrayElementVarHandle(long[].class);
    /**
     * Ints between two links: 64 bytes. Every push writes its slot's link; packed, the
     * links of 16 slots would share one cache line that every returning thread writes
     * (false sharing between stripes that otherwise never meet).
     */
    private static final int LINK_SPACING = 16;

    private final int[] next;
    private final long[] heads;
    private final int mask;

    StripedLifoStack(int capacity) {
        this(capacity, defaultStripes(Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Four stripes per processor, at least 16, at most 64. Affinity comes from few threads
     * per stripe (a crude loop on 2 cores: 16 threads went from 3.7 M to 5.1 M to 7.7 M
     * borrow+return/s with 1, 4 and 64 stripes, on a noisy shared machine), while a thread
     * whose stripe is empty scans the others, so the count stays bounded.
     */
    static int defaultStripes(int processors) {
        int want = Math.max(16, 4 * Math.max(1, processors));
        return Math.min(64, Integer.highestOneBit(want * 2 - 1));
    }

    StripedLifoStack(int capacity, int stripes) {
        if (Integer.bitCount(stripes) != 1) {
            throw new IllegalArgumentException("stripes must be a power of two: " + stripes);
        }
        next = new int[capacity * LINK_SPACING];
        heads = new long[stripes * SPACING];
        mask = stripes - 1;
        for (int i = 0; i < stripes; i++) {
            HEADS.setVolatile(heads, i * SPACING, pack(0, EMPTY));
        }
    }

    private static long pack(long version, int slot) {
        return (version << 32) | (slot & 0xFFFF_FFFFL);
    }

    private int home() {
        long id = Thread.currentThread().threadId();
        return (int) (id ^ (id >>> 16)) & mask;
    }

    @Override
    public void push(int slot) {
        int i = home() * SPACING;
        for (;;) {
            long h = (long) HEADS.getVolatile(heads, i);
            next[slot * LINK_SPACING] = (int) h;
            if (HEADS.compareAndSet(heads, i, h, pack((h >>> 32) + 1, slot))) {
                return;
            }
        }
    }

    @Override
    public int poll() {
        int home = home();
        for (int k = 0; k <= mask; k++) {
            int s = pollStripe(((home + k) & mask) * SPACING);
            if (s >= 0) {
                return s;
            }
        }
        return -1;
    }

    private int pollStripe(int i) {
        for (;;) {
            long h = (long) HEADS.getVolatile(heads, i);
            int top = (int) h;
            if (top == EMPTY) {
                return -1;
            }
            int succ = next[top * LINK_SPACING]; // may be stale; the versioned CAS then fails
            if (HEADS.compareAndSet(heads, i, h, pack((h >>> 32) + 1, succ))) {
                return top;
            }
        }
    }
}
