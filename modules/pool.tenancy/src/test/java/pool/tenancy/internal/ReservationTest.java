package pool.tenancy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pool.testsupport.await.Await.until;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import pool.api.BorrowRequest;
import pool.api.ConnectionPool;
import pool.api.PoolConfig;
import pool.api.Tenancy;
import pool.engine.Pools;
import pool.stubdriver.StubDatabase;

/**
 * A reservation lent out comes back first: tenant A (max 10) holds the whole pool of 10,
 * B's 2 reserved connections included, and 20 more of A's borrowers wait. B's first borrow
 * is served by the very next connection returned, ahead of every A waiter.
 */
class ReservationTest {

    @Test
    void reservedTenantIsServedWithinOneConnectionReturn() throws Exception {
        Tenancy tenancy = Tenancy.builder().tenant("A", 0, 10, 1).tenant("B", 2, 4, 1).build();
        try (ConnectionPool pool = Pools.create(PoolConfig.builder("reservation")
                .jdbcUrl(StubDatabase.unique("reservation").url()).maxSize(10).borrowTimeout(Duration.ofSeconds(30))
                .reaperInterval(Duration.ofHours(1)).tenancy(tenancy).build())) {
            BorrowRequest a = BorrowRequest.builder().tenant("A").build();
            List<Connection> held = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                held.add(pool.borrow(a));
            }
            List<CompletableFuture<Connection>> aWaiting = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                aWaiting.add(pool.borrowAsync(a));
            }
            CompletableFuture<Connection> b = pool.borrowAsync(BorrowRequest.builder().tenant("B").build());
            assertEquals(20, SharedTenancyTest.tenant(pool, "A").waiting());
            assertEquals(1, SharedTenancyTest.tenant(pool, "B").waiting());
            assertFalse(b.isDone());

            held.remove(0).close(); // one return

            Connection bc = b.get(10, TimeUnit.SECONDS);
            assertEquals(20, SharedTenancyTest.tenant(pool, "A").waiting(), "no A waiter went ahead of B");
            assertTrue(aWaiting.stream().noneMatch(CompletableFuture::isDone));
            assertEquals(1, SharedTenancyTest.tenant(pool, "B").active());
            assertEquals(9, SharedTenancyTest.tenant(pool, "A").active());

            bc.close(); // B is below its min and no longer waits: A's waiters get it
            aWaiting.get(0).get(10, TimeUnit.SECONDS);
            for (Connection c : held) {
                c.close();
            }
            for (CompletableFuture<Connection> f : aWaiting) {
                f.get(10, TimeUnit.SECONDS).close();
            }
            assertEquals(0, pool.stats().active());
        }
    }

    @Test
    void reservationComesBackFirstAlsoWhenTheReturnerBorrowsAgainAtOnce() throws Exception {
        // A's threads hold the whole pool and none waits: each returns and borrows again at once,
        // as a busy client does. The connection A returns is B's (below its min, waiting), not
        // the next A borrow's, which finds the pool full and waits. B's async borrow takes its
        // connection when this test runs its completion, after A's borrow: the widest gap.
        java.util.concurrent.BlockingQueue<Runnable> completions = new java.util.concurrent.LinkedBlockingQueue<>();
        Tenancy tenancy = Tenancy.builder().tenant("A", 0, 10, 1).tenant("B", 2, 4, 1).build();
        try (ConnectionPool pool = Pools.create(PoolConfig.builder("giveback")
                .jdbcUrl(StubDatabase.unique("giveback").url()).maxSize(10).borrowTimeout(Duration.ofSeconds(30))
                .reaperInterval(Duration.ofHours(1)).tenancy(tenancy).build(), null, completions::add)) {
            BorrowRequest a = BorrowRequest.builder().tenant("A").build();
            List<Connection> held = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                held.add(pool.borrow(a));
            }
            List<Connection> bs = new ArrayList<>();
            for (int round = 1; round <= 3; round++) { // B below its min twice, then below its fair share
                CompletableFuture<Connection> b = pool.borrowAsync(BorrowRequest.builder().tenant("B").build());
                assertEquals(1, SharedTenancyTest.tenant(pool, "B").waiting());

                held.remove(0).close(); // one return, and A borrows again at once
                assertThrows(pool.api.PoolTimeoutException.class,
                        () -> pool.borrow(a.withTimeout(Duration.ofMillis(100))).close(), "the pool is full: A waits");

                for (Runnable r; (r = completions.poll()) != null; ) {
                    r.run();
                }
                bs.add(b.get(10, TimeUnit.SECONDS));
                assertEquals(round, SharedTenancyTest.tenant(pool, "B").active());
                assertEquals(10 - round, SharedTenancyTest.tenant(pool, "A").active());
                assertEquals(10, pool.stats().active());
            }
            bs.remove(0).close();
            held.add(pool.borrow(a)); // the pool no longer full once B returned one: A borrows again
            held.addAll(bs);
            for (Connection c : held) {
                c.close();
            }
            assertEquals(0, pool.stats().active());
        }
    }
}
