package pool.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolStatsTest {

    private static PoolStats part(int active, long borrows, long p99, long max, long reaperLastMicros) {
        return new PoolStats("part", PoolState.RUNNING, Instant.EPOCH, active, 1, active + 1, 2, 1, 10, borrows, 3,
                4, 5, 6, 7, 8, 9, 10, p99 / 4, p99 / 2, p99, max, 11, reaperLastMicros);
    }

    @Test
    void gaugesAndCountersAddUpAndWaitsAreTheWorstPartsOwn() {
        PoolStats whole = PoolStats.combine("orders", PoolState.RUNNING, Instant.EPOCH, 2, 20, 7, null,
                List.of(part(3, 100, 800, 900, 50), part(4, 50, 4_000, 5_000, 20)), null, null);
        assertEquals(7, whole.active());
        assertEquals(2, whole.idle());
        assertEquals(9, whole.total());
        assertEquals(4, whole.pending());
        assertEquals(150, whole.borrowCount());
        assertEquals(6, whole.timeoutCount());
        assertEquals(8, whole.rejectedCount());
        assertEquals(10, whole.createdCount());
        assertEquals(12, whole.destroyedCount());
        assertEquals(14, whole.createFailureCount());
        assertEquals(16, whole.validationFailureCount());
        assertEquals(18, whole.leakSuspectCount());
        assertEquals(20, whole.leakReclaimCount());
        assertEquals(1_000, whole.waitP50Micros());
        assertEquals(2_000, whole.waitP95Micros());
        assertEquals(4_000, whole.waitP99Micros());
        assertEquals(5_000, whole.waitMaxMicros());
        assertEquals(50, whole.reaperLastRunMicros());
    }

    @Test
    void theWholesOwnFiguresAreTheCallers() {
        Instant at = Instant.parse("2026-01-02T03:04:05Z");
        List<ReplicaStats> replicas = List.of(new ReplicaStats("r1", ReplicaStats.State.UP, 0, 0, 0, 0, 0, at, null));
        PoolStats whole = PoolStats.combine("orders", PoolState.SUSPENDED, at, 2, 20, 7, at,
                List.of(part(3, 100, 800, 900, 50)), replicas, List.of());
        assertEquals("orders", whole.pool());
        assertSame(PoolState.SUSPENDED, whole.state());
        assertEquals(at, whole.takenAt());
        assertEquals(2, whole.minIdle());
        assertEquals(20, whole.maxSize());
        assertEquals(7, whole.reaperRuns());
        assertEquals(at, whole.reaperLastRunAt());
        assertEquals(replicas, whole.replicas());
        assertEquals(List.of(), whole.tenants());
    }

    @Test
    void noPartsGiveZeros() {
        PoolStats whole = PoolStats.combine("empty", PoolState.RUNNING, Instant.EPOCH, 0, 1, 0, null, List.of(),
                null, null);
        assertEquals(0, whole.total());
        assertEquals(0, whole.borrowCount());
        assertEquals(0, whole.waitMaxMicros());
    }
}
