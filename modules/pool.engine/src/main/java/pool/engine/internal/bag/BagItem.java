package pool.engine.internal.bag;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Something a {@link Bag} hands out, with its ownership state in one int. Ownership moves
 * by the CASes of the idle set, the waiter hand-off and the slot table; the state itself is
 * written only by the item's single owner, with a release store that the next hand-over
 * publishes ({@link #setState}). The transitions:
 *
 * <pre>
 *   (new) RESERVED --publish--> IDLE --take--> IN_USE --release--> IDLE
 *                                 |              |  \--hand-off--> IN_USE (next owner, no IDLE in between)
 *                                 |              \--retire-------> RETIRED
 *   IDLE --(housekeeper takes it out of the idle set)--> RESERVED --> IDLE | RETIRED
 * </pre>
 *
 * <p>Invariant: an item is IDLE exactly when it sits in the bag's idle set (or is
 * being pushed into / popped out of it by the one thread doing so). Whoever moves an
 * item out of IDLE owns it alone: nobody else can reach it until it is released.
 */
public abstract class BagItem {

    public static final int IDLE = 0;
    public static final int IN_USE = 1;
    public static final int RESERVED = 2;
    public static final int RETIRED = 3;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(BagItem.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Index in the bag's slot table, fixed for the item's life; -1 until added. */
    int slot = -1;

    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state = RESERVED;

    /** @return the current state */
    public final int state() {
        return state;
    }

    /**
     * Sets the state of an item the caller owns alone. A release store: every hand-over
     * that follows (push into the idle set, waiter CAS, slot CAS) is a full fence that
     * publishes it, and no one else may change an owned item's state meanwhile.
     */
    final void setState(int s) {
        STATE.setRelease(this, s);
    }

    /** @return the state's name, for messages */
    public static String stateName(int s) {
        return switch (s) {
            case IDLE -> "IDLE";
            case IN_USE -> "IN_USE";
            case RESERVED -> "RESERVED";
            case RETIRED -> "RETIRED";
            default -> "?" + s;
        };
    }
}
