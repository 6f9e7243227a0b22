package pool.engine.internal.core;

import pool.engine.internal.bag.PriorityWaiterQueue;

/**
 * Engine constants that are not pool settings, gathered so tests can shorten them.
 *
 * @param globalCap          most connections one pool may ever hold (maxSize + burstMaxSize);
 *                           sizes the lock-free slot table, 1024 by default
 * @param keepaliveNanos     idle connections not checked for this long are validated by the
 *                           reaper; 30 s by default (never less than the validation skip window)
 * @param priorityStepNanos  head start per priority level in the waiter queue; 500 ms
 * @param clock              the time everything that ages reads; {@link CoarseClock} by default,
 *                           a clock the test moves in tests
 */
public record EngineTuning(int globalCap, long keepaliveNanos, long priorityStepNanos, PoolClock clock) {

    /** The cap of every pool outside tests; {@code Pools.MAX_CONNECTIONS_PER_POOL} publishes it. */
    public static final int DEFAULT_GLOBAL_CAP = 1024;

    public static final EngineTuning DEFAULTS = new EngineTuning(DEFAULT_GLOBAL_CAP, 30_000_000_000L,
            PriorityWaiterQueue.DEFAULT_STEP_NANOS, CoarseClock.INSTANCE);

    public EngineTuning {
        java.util.Objects.requireNonNull(clock, "clock");
    }

    /** @return this tuning with {@code clock} as the pool's time */
    public EngineTuning withClock(PoolClock clock) {
        return new EngineTuning(globalCap, keepaliveNanos, priorityStepNanos, clock);
    }

    /** @return this tuning with idle connections validated after {@code nanos} unchecked */
    public EngineTuning withKeepaliveNanos(long nanos) {
        return new EngineTuning(globalCap, nanos, priorityStepNanos, clock);
    }
}
