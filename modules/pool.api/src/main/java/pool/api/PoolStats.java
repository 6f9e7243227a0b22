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
 * @param idle                   connections not handed out: ready in the pool, or held back by it
 *                               for a moment (being checked by the reaper, or just opened)
 * @param total                  physical connections open: active + idle, in every snapshot
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
 * @param reaperLastRunAt        when the last reaper run ended; null before the first
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
        Instant reaperLastRunAt,
        java.util.List<ReplicaStats> replicas,
        java.util.List<TenantStats> tenants) {

    public PoolStats {
        replicas = replicas == null ? java.util.List.of() : java.util.List.copyOf(replicas);
        tenants = tenants == null ? java.util.List.of() : java.util.List.copyOf(tenants);
    }

    /** A snapshot of a pool without replicas or tenancy that does not say when the reaper last ran. */
    public PoolStats(String pool, PoolState state, Instant takenAt, int active, int idle, int total, int pending,
            int minIdle, int maxSize, long borrowCount, long timeoutCount, long rejectedCount, long createdCount,
            long destroyedCount, long createFailureCount, long validationFailureCount, long leakSuspectCount,
            long leakReclaimCount, long waitP50Micros, long waitP95Micros, long waitP99Micros, long waitMaxMicros,
            long reaperRuns, long reaperLastRunMicros) {
        this(pool, state, takenAt, active, idle, total, pending, minIdle, maxSize, borrowCount, timeoutCount,
                rejectedCount, createdCount, destroyedCount, createFailureCount, validationFailureCount,
                leakSuspectCount, leakReclaimCount, waitP50Micros, waitP95Micros, waitP99Micros, waitMaxMicros,
                reaperRuns, reaperLastRunMicros, null, java.util.List.of(), java.util.List.of());
    }

    /** A snapshot that does not say when the reaper last ran ({@code reaperLastRunAt} null). */
    public PoolStats(String pool, PoolState state, Instant takenAt, int active, int idle, int total, int pending,
            int minIdle, int maxSize, long borrowCount, long timeoutCount, long rejectedCount, long createdCount,
            long destroyedCount, long createFailureCount, long validationFailureCount, long leakSuspectCount,
            long leakReclaimCount, long waitP50Micros, long waitP95Micros, long waitP99Micros, long waitMaxMicros,
            long reaperRuns, long reaperLastRunMicros, java.util.List<ReplicaStats> replicas,
            java.util.List<TenantStats> tenants) {
        this(pool, state, takenAt, active, idle, total, pending, minIdle, maxSize, borrowCount, timeoutCount,
                rejectedCount, createdCount, destroyedCount, createFailureCount, validationFailureCount,
                leakSuspectCount, leakReclaimCount, waitP50Micros, waitP95Micros, waitP99Micros, waitMaxMicros,
                reaperRuns, reaperLastRunMicros, null, replicas, tenants);
    }

    /**
     * The figures of one pool made of several, such as a routing pool's primary and replicas or a
     * sharded pool's sub-pools. Gauges ({@code active}, {@code idle}, {@code total},
     * {@code pending}) and counters are the sums over {@code parts}. The wait percentiles, the
     * longest wait and the last reaper run's duration are the largest of any part: percentiles
     * of parts do not add up, and the worst part's is an upper bound of the whole's.
     *
     * @param pool            the whole pool's name
     * @param state           the whole pool's state
     * @param takenAt         when the parts' snapshots were taken
     * @param minIdle         the whole pool's minIdle setting
     * @param maxSize         the whole pool's maxSize setting
     * @param reaperRuns      reaper runs of the whole pool
     * @param reaperLastRunAt when the whole pool's reaper last ended a run; null before the first
     * @param parts           the parts' snapshots; none gives zeros
     * @param replicas        the whole pool's replicas; null or empty for none
     * @param tenants         the whole pool's tenants; null or empty without tenancy
     * @return the whole pool's snapshot
     */
    public static PoolStats combine(String pool, PoolState state, Instant takenAt, int minIdle, int maxSize,
            long reaperRuns, Instant reaperLastRunAt, java.util.Collection<PoolStats> parts,
            java.util.List<ReplicaStats> replicas, java.util.List<TenantStats> tenants) {
        int active = 0, idle = 0, total = 0, pending = 0;
        long borrows = 0, timeouts = 0, rejected = 0, created = 0, destroyed = 0, createFailures = 0;
        long validationFailures = 0, leaks = 0, reclaims = 0, p50 = 0, p95 = 0, p99 = 0, max = 0, reaperLast = 0;
        for (PoolStats s : parts) {
            active += s.active;
            idle += s.idle;
            total += s.total;
            pending += s.pending;
            borrows += s.borrowCount;
            timeouts += s.timeoutCount;
            rejected += s.rejectedCount;
            created += s.createdCount;
            destroyed += s.destroyedCount;
            createFailures += s.createFailureCount;
            validationFailures += s.validationFailureCount;
            leaks += s.leakSuspectCount;
            reclaims += s.leakReclaimCount;
            p50 = Math.max(p50, s.waitP50Micros);
            p95 = Math.max(p95, s.waitP95Micros);
            p99 = Math.max(p99, s.waitP99Micros);
            max = Math.max(max, s.waitMaxMicros);
            reaperLast = Math.max(reaperLast, s.reaperLastRunMicros);
        }
        return new PoolStats(pool, state, takenAt, active, idle, total, pending, minIdle, maxSize, borrows, timeouts,
                rejected, created, destroyed, createFailures, validationFailures, leaks, reclaims, p50, p95, p99, max,
                reaperRuns, reaperLast, reaperLastRunAt, replicas, tenants);
    }
}
