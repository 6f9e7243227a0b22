package pool.api;

import java.time.Instant;

/**
 * An immutable snapshot of one pool. Gauges are read at {@link #takenAt()}; counters
 * count since the pool started and never go down; wait percentiles cover recent
 * borrows (a sliding window of about a minute), in microseconds.
 *
 * @param pool                   pool name
 * @param state                  lifecycle state
 * @param takenAt                when the snapshot was taken
 * @param active                 connections handed out
 * @param idle                   connections ready in the pool
 * @param total                  physical connections open (active + idle + being validated)
 * @param pending                borrowers waiting, blocking and async
 * @param minIdle                current minIdle setting
 * @param maxSize                current maxSize setting
 * @param borrowCount            borrows served
 * @param timeoutCount           borrows that timed out waiting
 * @param rejectedCount          borrows refused at once because maxPending waiters were queued
 * @param createdCount           physical connections opened
 * @param destroyedCount         physical connections closed
 * @param createFailureCount     failed attempts to open a connection
 * @param validationFailureCount connections found broken by validation
 * @param leakSuspectCount       borrows held past the leak threshold
 * @param leakReclaimCount       leaked connections reclaimed by force
 * @param waitP50Micros          median borrow wait, microseconds
 * @param waitP95Micros          95th percentile borrow wait, microseconds
 * @param waitP99Micros          99th percentile borrow wait, microseconds
 * @param waitMaxMicros          longest borrow wait in the window, microseconds
 * @param reaperRuns             reaper runs so far
 * @param reaperLastRunMicros    how long the last reaper run took, microseconds
 * @param replicas               the replicas of a routing pool (state, lag, reads served); empty
 *                               for a pool without replicas. A routing pool's gauges and counters
 *                               are the sums over its primary and replicas
 * @param tenants                per-tenant figures of a pool with tenancy (named tenants first,
 *                               then the others by name); empty without tenancy
 */
public record PoolStats(
        String pool,
        PoolState state,
        Instant takenAt,
        int active,
        int idle,
        int total,
        int pending,
        int minIdle,
        int maxSize,
        long borrowCount,
        long timeoutCount,
        long rejectedCount,
        long createdCount,
        long destroyedCount,
        long createFailureCount,
        long validationFailureCount,
        long leakSuspectCount,
        long leakReclaimCount,
        long waitP50Micros,
        long waitP95Micros,
        long waitP99Micros,
        long waitMaxMicros,
        long reaperRuns,
        long reaperLastRunMicros,
        java.util.List<ReplicaStats> replicas,
        java.util.List<TenantStats> tenants) {

    public PoolStats {
        replicas = replicas == null ? java.util.List.of() : java.util.List.copyOf(replicas);
        tenants = tenants == null ? java.util.List.of() : java.util.List.copyOf(tenants);
    }

    /** A snapshot of a pool without replicas or tenancy. */
    public PoolStats(String pool, PoolState state, Instant takenAt, int active, int idle, int total, int pending,
            int minIdle, int maxSize, long borrowCount, long timeoutCount, long rejectedCount, long createdCount,
            long destroyedCount, long createFailureCount, long validationFailureCount, long leakSuspectCount,
            long leakReclaimCount, long waitP50Micros, long waitP95Micros, long waitP99Micros, long waitMaxMicros,
            long reaperRuns, long reaperLastRunMicros) {
        this(pool, state, takenAt, active, idle, total, pending, minIdle, maxSize, borrowCount, timeoutCount,
                rejectedCount, createdCount, destroyedCount, createFailureCount, validationFailureCount,
                leakSuspectCount, leakReclaimCount, waitP50Micros, waitP95Micros, waitP99Micros, waitMaxMicros,
                reaperRuns, reaperLastRunMicros, java.util.List.of(), java.util.List.of());
    }
}
