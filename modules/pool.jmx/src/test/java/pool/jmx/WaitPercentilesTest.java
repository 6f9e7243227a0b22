package pool.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import pool.api.BorrowRequest;
import pool.api.ConnectionPool;
import pool.api.PoolConfig;
import pool.api.PoolStats;
import pool.api.TenantStats;
import pool.api.Tenancy;
import pool.engine.Pools;
import pool.stubdriver.StubDatabase;

/**
 * The pool's wait percentiles and its tenants' count the same borrows: those that got a
 * connection, each with its whole wait (a borrow served at once is a zero wait). A borrow that
 * timed out is a timeout (TimeoutCount, the pool's and its tenant's), in neither percentile.
 */
class WaitPercentilesTest {

    @Test
    void aTimedOutBorrowIsCountedAsATimeoutInThePoolAndItsTenantAndInNeithersPercentiles() throws Exception {
        try (ConnectionPool pool = Pools.create(PoolConfig.builder("orders")
                .jdbcUrl(StubDatabase.unique("orders").url()).maxSize(1).minIdle(1)
                .borrowTimeout(Duration.ofMillis(200)).reaperInterval(Duration.ofHours(1))
                .tenancy(Tenancy.builder().tenant("acme", 0, 1, 1).build()).build())) {
            try (Connection held = pool.borrow(BorrowRequest.builder().tenant("acme").timeout(Duration.ofSeconds(30))
                    .build())) {
                assertThrows(SQLTransientConnectionException.class,
                        () -> pool.borrow(BorrowRequest.builder().tenant("acme").build()).close());
            }
            PoolStats stats = pool.stats();
            TenantStats acme = pool.tenantStats("acme").orElseThrow();
            assertEquals(1, stats.timeoutCount());
            assertEquals(1, acme.timeoutCount());
            // One borrow served (whatever it waited for the first connection), one timed out after 200 ms.
            assertEquals(stats.waitP50Micros(), acme.waitP50Micros(), stats + " / " + acme);
            assertEquals(stats.waitP99Micros(), acme.waitP99Micros(), stats + " / " + acme);
        }
    }
}
