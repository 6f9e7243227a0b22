package pool.api;

/**
 * One tenant of a pool at the time of a {@link PoolStats} snapshot. Counters count since
 * the tenant was first seen (an unknown tenant with nothing active or waiting may be
 * forgotten to make room for another, and starts again from zero); wait percentiles cover
 * the tenant's recent borrows (about a minute), in microseconds, including the time spent
 * waiting for the tenant's quota.
 *
 * @param tenant        tenant name
 * @param named         whether the configuration names it (else it runs under the default limits)
 * @param min           reserved connections
 * @param max           most connections at once
 * @param weight        share weight
 * @param active        connections the tenant holds now
 * @param waiting       the tenant's borrowers waiting now
 * @param borrowCount   borrows served
 * @param timeoutCount  borrows that timed out waiting
 * @param rejectedCount borrows refused at once (at max with fail-at-max, or too many waiting)
 * @param waitP50Micros median wait, microseconds
 * @param waitP95Micros 95th percentile wait, microseconds
 * @param waitP99Micros 99th percentile wait, microseconds
 */
public record TenantStats(
        String tenant,
        boolean named,
        int min,
        int max,
        int weight,
        int active,
        int waiting,
        long borrowCount,
        long timeoutCount,
        long rejectedCount,
        long waitP50Micros,
        long waitP95Micros,
        long waitP99Micros) {
}
