package pool.engine.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The engine records borrow waits into its {@link pool.api.spi.WaitHistogram} and reports them in its stats. */
class WaitHistogramTest {

    @Test
    void poolStatsReportWaitPercentiles() throws Exception {
        pool.stubdriver.StubDatabase db = pool.stubdriver.StubDatabase.unique("waits");
        try (pool.engine.internal.EnginePool p = pool.engine.StubPools.start(pool.engine.StubPools.config(db)
                .maxSize(1).build())) {
            java.sql.Connection c = p.getConnection();
            Thread t = Thread.ofVirtual().start(() -> {
                try {
                    p.getConnection().close();
                } catch (java.sql.SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            pool.engine.StubPools.await("queued", () -> p.stats().pending() == 1);
            Thread.sleep(30); // a wait is real time (the borrower is parked), not the pool's clock
            c.close();
            t.join();
            var stats = p.stats();
            assertEquals(2, stats.borrowCount());
            assertTrue(stats.waitMaxMicros() >= 25_000, "max " + stats.waitMaxMicros());
            assertTrue(stats.waitP99Micros() >= 25_000, "p99 " + stats.waitP99Micros());
        }
    }
}
