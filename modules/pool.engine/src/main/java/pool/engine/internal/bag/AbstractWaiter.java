package pool.engine.internal.bag;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import pool.api.Priority;

/**
 * A waiter whose whole outcome is one field set once by CAS from {@code null}: the item
 * itself, {@link #CANCELLED}, or a {@link Failure}. Putting the item in the CAS (rather
 * than a flag and then the item) means a reader that sees a non-null outcome also sees
 * the item, with no intermediate "claimed but not yet written" state to wait out.
 *
 * @param <E> what is handed over
 */
public abstract class AbstractWaiter<E> implements Waiter<E> {

    /** Outcome of a waiter that gave up (timeout, interrupt, cancel). */
    protected static final Object CANCELLED = new Object() {
        @Override
        public String toString() {
            return "CANCELLED";
        }
    };

    /** Outcome of a waiter ended by {@link #tryFail}. */
    protected record Failure(Throwable cause) {
    }

    private static final VarHandle OUTCOME;

    static {
        try {
            OUTCOME = MethodHandles.lookup().findVarHandle(AbstractWaiter.class, "outcome", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Priority priority;
    private final long arrivalNanos;
    @SuppressWarnings("unused") // accessed through OUTCOME
    private volatile Object outcome;

    protected AbstractWaiter(Priority priority, long arrivalNanos) {
        this.priority = priority;
        this.arrivalNanos = arrivalNanos;
    }

    @Override
    public final Priority priority() {
        return priority;
    }

    @Override
    public final long arrivalNanos() {
        return arrivalNanos;
    }

    @Override
    public final boolean isWaiting() {
        return outcome == null;
    }

    /** @return the outcome: null while waiting, the item, {@link #CANCELLED} or a {@link Failure} */
    protected final Object outcome() {
        return outcome;
    }

    @Override
    public final boolean tryFulfil(E item) {
        if (OUTCOME.compareAndSet(this, null, item)) {
            onFulfilled(item);
            return true;
        }
        return false;
    }

    @Override
    public final boolean tryFail(Throwable cause) {
        if (OUTCOME.compareAndSet(this, null, new Failure(cause))) {
            onFailed(cause);
            return true;
        }
        return false;
    }

    /** @return whether this call gave up the wait; false means it was served or failed first */
    public final boolean tryCancel() {
        return OUTCOME.compareAndSet(this, null, CANCELLED);
    }

    /** Runs on the offering thread right after the item became this waiter's: wake or schedule, never block. */
    protected abstract void onFulfilled(E item);

    /** Runs on the failing thread right after the failure won: wake or schedule, never block. */
    protected abstract void onFailed(Throwable cause);
}
