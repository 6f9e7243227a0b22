package pool.engine.internal.bag;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A Treiber stack of slot indexes: the most recently returned item is taken first, so
 * a small hot set does the work and the rest idles out.
 *
 * <p>No nodes are allocated: the links live in an int array indexed by slot, and the
 * head is one long holding {@code version << 32 | slot}. Every successful CAS on the
 * head bumps the version, which rules out ABA: a pop that read slot {@code s} and its
 * successor can only succeed if nobody popped or pushed in between.
 */
final class LifoIdleStack implements IdleSet {

    private static final int EMPTY = -1;
    private static final VarHandle HEAD;

    static {
        try {
            HEAD = MethodHandles.lookup().findVarHandle(LifoIdleStack.class, "head", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Successor of each slot while it is in the stack. Plain ints: published by the head CAS. */
    private final int[] next;
    @SuppressWarnings("unused") // accessed through HEAD
    private volatile long head = pack(0, EMPTY);

    LifoIdleStack(int capacity) {
        next = new int[capacity];
    }

    private static long pack(long version, int slot) {
        return (version << 32) | (slot & 0xFFFF_FFFFL);
    }

    @Override
    public void push(int slot) {
        for (;;) {
            long h = head;
            next[slot] = (int) h;
            if (HEAD.compareAndSet(this, h, pack((h >>> 32) + 1, slot))) {
                return;
            }
        }
    }

    @Override
    public int poll() {
        for (;;) {
            long h = head;
            int top = (int) h;
            if (top == EMPTY) {
                return -1;
            }
            // May read a link being rewritten by a concurrent push of 'top' after someone
            // else popped it; the version in h then no longer matches and the CAS fails.
            int succ = next[top];
            if (HEAD.compareAndSet(this, h, pack((h >>> 32) + 1, succ))) {
                return top;
            }
        }
    }
}
