package pool.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import pool.api.BorrowRequest;
import pool.api.PoolConfig;
import pool.api.Replicas;
import pool.engine.Pools;
import pool.stubdriver.StubDatabase;
import pool.testsupport.await.Await;

/** A routing pool's async borrows keep ConnectionPool.borrowAsync's promises: nothing lost to an ended future. */
class RoutingPoolAsyncTest {

    private static RoutingPool open(String name) throws Exception {
        PoolConfig config = PoolConfig.builder(name).jdbcUrl(StubDatabase.unique(name + "-p").url()).maxSize(1)
                .borrowTimeout(Duration.ofMinutes(5)).reaperInterval(Duration.ofHours(1))
                .replicas(Replicas.builder().replica("r1", StubDatabase.unique(name + "-r1").url()).build())
                .build();
        return (RoutingPool) Pools.create(config);
    }

    @Test
    void aCancelledWriteBorrowLeavesTheLineAndLosesNoConnection() throws Exception {
        try (RoutingPool pool = open("routed-async-cancel")) {
            Connection held = pool.getConnection(); // the primary's one connection
            CompletableFuture<Connection> cancelled = pool.getConnectionAsync();
            Await.until("waiting for the primary", Duration.ofSeconds(30), () -> pool.stats().pending() == 1);
            assertTrue(cancelled.cancel(false));
            assertEquals(0, pool.stats().pending(), "the cancelled borrow left the line");
            CompletableFuture<Connection> timedOut = pool.getConnectionAsync().orTimeout(10, TimeUnit.MILLISECONDS);
            ExecutionException e = assertThrows(ExecutionException.class, () -> timedOut.get(1, TimeUnit.MINUTES));
            assertTrue(e.getCause() instanceof java.util.concurrent.TimeoutException, String.valueOf(e.getCause()));
            assertEquals(0, pool.stats().pending(), "the timed-out borrow left the line");
            held.close();
            // Nothing was served to the futures that ended: the one connection is idle for the next borrow.
            try (Connection again = pool.borrow(BorrowRequest.DEFAULT.withTimeout(Duration.ZERO))) {
                assertTrue(again.isValid(1));
            }
            assertEquals(0, pool.stats().active());
        }
    }
}
