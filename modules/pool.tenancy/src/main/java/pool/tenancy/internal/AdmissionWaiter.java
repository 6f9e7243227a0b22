package pool.tenancy.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import pool.api.Priority;

/**
 * One borrow waiting for its tenant's admission: a parked thread or a future. Its outcome
 * changes once, by CAS, from WAITING to GRANTED (the hand-off won) or GAVE_UP (timeout,
 * cancel, close won); so a permit granted at the moment its waiter gives up is seen by
 * exactly one side, which gives it back.
 */
final class AdmissionWaiter {

    static final int WAITING = 0;
    static final int GRANTED = 1;
    static final int GAVE_UP = 2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(AdmissionWaiter.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final TenantState tenant;
    final Priority priority;
    final long arrivalNanos;
    /** Arrival plus the head start given away per priority level below HIGH (aging: low never starves). */
    final long virtualArrival;
    private final Thread thread;
    final CompletableFuture<Object> future;
    @SuppressWarnings("unused") // through STATE
    private volatile int state;
    /** Set with the outcome when the waiter was failed (closed pool). */
    volatile java.sql.SQLException failure;
    /** Whether it is linked in its tenant's queue; guarded by the admission's lock. */
    boolean queued;

    AdmissionWaiter(TenantState tenant, Priority priority, long arrivalNanos, long stepNanos, Thread thread,
                    CompletableFuture<Object> future) {
        this.tenant = tenant;
        this.priority = priority;
        this.arrivalNanos = arrivalNanos;
        this.virtualArrival = arrivalNanos + lane(priority) * stepNanos;
        this.thread = thread;
        this.future = future;
    }

    static int lane(Priority p) {
        return switch (p) {
            case HIGH -> 0;
            case NORMAL -> 1;
            case LOW -> 2;
        };
    }

    int state() {
        return state;
    }

    boolean tryGrant() {
        return STATE.compareAndSet(this, WAITING, GRANTED);
    }

    boolean tryGiveUp() {
        return STATE.compareAndSet(this, WAITING, GAVE_UP);
    }

    /** Wakes the waiter after its outcome was set; for a future, completes it (the caller holds no lock). */
    void signal() {
        if (thread != null) {
            LockSupport.unpark(thread);
        } else if (state() == GRANTED) {
            future.complete(tenant);
        } else {
            future.completeExceptionally(failure);
        }
    }
}
