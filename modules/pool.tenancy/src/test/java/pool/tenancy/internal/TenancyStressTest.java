package pool.tenancy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import pool.api.BorrowRequest;
import pool.api.ConnectionPool;
import pool.api.PoolConfig;
import pool.api.Tenancy;
import pool.api.UnknownTenants;
import pool.engine.Pools;
import pool.stubdriver.StubDatabase;

/**
 * A noisy tenant cannot starve a quiet one. Pool of 10; tenant A (max 9, weight 1) with 100
 * threads, tenant B (min 2, max 4, weight 1) with 2 threads; on 2 cores that is 51 times
 * more threads than cores. Each borrow holds its connection 1 ms.
 *
 * <p>Checked continuously, by every borrower right after it got its connection (counters
 * raised after the borrow and lowered before the return, so they never count more than is
 * held): A never holds more than 9, the pool never hands out more than 10, and a monitor
 * thread checks that the stub database never has more than 10 connections open. At the
 * end: nothing lost (no connection or quota held), every borrow accounted for, and B's
 * p99 wait under {@link #B_P99_BOUND}: B always has one reserved connection free (A stops
 * at 9) and gets the second at the next return of any connection, so its waits are about
 * a tenth of a hold; the bound leaves room for a machine shared with other builds.
 */
class TenancyStressTest {

    static final Duration B_P99_BOUND = Duration.ofMillis(100);
    private static final int POOL = 10;
    private static final int A_MAX = 9;
    private static final long HOLD_NANOS = 1_000_000L;

    @Test
    void noisyTenantNeverCrossesItsMaxNorStarvesTheQuietOne() throws Exception {
        StubDatabase db = StubDatabase.unique("stress");
        Tenancy tenancy = Tenancy.builder().tenant("A", 0, A_MAX, 1).tenant("B", 2, 4, 1)
                .unknownTenants(UnknownTenants.REJECT).build();
        ConnectionPool pool = Pools.create(PoolConfig.builder("stress").jdbcUrl(db.url()).maxSize(POOL)
                .minIdle(POOL).borrowTimeout(Duration.ofSeconds(60)).reaperInterval(Duration.ofHours(1))
                .tenancy(tenancy).build());
        AtomicInteger aHeld = new AtomicInteger();
        AtomicInteger allHeld = new AtomicInteger();
        AtomicInteger maxA = new AtomicInteger();
        AtomicInteger maxAll = new AtomicInteger();
        AtomicInteger maxOpen = new AtomicInteger();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> bWaits = new ConcurrentLinkedQueue<>();
        AtomicLong borrows = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 102; i++) {
            boolean a = i < 100;
            BorrowRequest request = BorrowRequest.builder().tenant(a ? "A" : "B").build();
            threads.add(Thread.ofPlatform().name((a ? "A-" : "B-") + i).start(() -> {
                try {
                    go.await();
                    while (!stop.get()) {
                        long t0 = System.nanoTime();
                        try (Connection c = pool.borrow(request)) {
                            long waited = System.nanoTime() - t0;
                            int all = allHeld.incrementAndGet();
                            maxAll.accumulateAndGet(all, Math::max);
                            if (all > POOL) {
                                violations.add("global cap crossed: " + all);
                            }
                            if (a) {
                                int n = aHeld.incrementAndGet();
                                maxA.accumulateAndGet(n, Math::max);
                                if (n > A_MAX) {
                                    violations.add("A above its max: " + n);
                                }
                            } else {
                                bWaits.add(waited);
                            }
                            borrows.incrementAndGet();
                            LockSupport.parkNanos(HOLD_NANOS);
                            if (a) {
                                aHeld.decrementAndGet();
                            }
                            allHeld.decrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    violations.add(Thread.currentThread().getName() + ": " + e);
                }
            }));
        }
        Thread monitor = Thread.ofPlatform().start(() -> {
            while (!stop.get()) {
                int open = (int) db.openNow();
                maxOpen.accumulateAndGet(open, Math::max);
                if (open > POOL) {
                    violations.add("database has " + open + " connections open");
                }
                if (pool.stats().active() > POOL) {
                    violations.add("pool reports " + pool.stats().active() + " active");
                }
                LockSupport.parkNanos(200_000L);
            }
        });
        go.countDown();
        Thread.sleep(4_000); // real time: the stress runs for a fixed 4 s
        stop.set(true);
        for (Thread t : threads) {
            t.join(60_000);
        }
        monitor.join();
        try {
            assertTrue(violations.isEmpty(), "violations: " + violations.stream().limit(10).toList());
            assertEquals(0, pool.stats().active(), "every connection came back");
            pool.stats().tenants().forEach(t -> assertEquals(0, t.active(), t.tenant() + " holds nothing"));
            assertEquals(borrows.get(), pool.stats().tenants().stream().mapToLong(t -> t.borrowCount()).sum());
            long[] w = bWaits.stream().mapToLong(Long::longValue).sorted().toArray();
            assertTrue(w.length > 100, "B borrowed " + w.length + " times");
            long p99 = w[(int) Math.ceil(0.99 * w.length) - 1];
            System.out.printf("tenancy stress: %d borrows in 4 s; A max held %d (limit %d), all max held %d (cap %d), "
                            + "db max open %d; B %d borrows, wait p50 %d us, p99 %d us, max %d us (bound %d ms)%n",
                    borrows.get(), maxA.get(), A_MAX, maxAll.get(), POOL, maxOpen.get(), w.length,
                    w[w.length / 2] / 1000, p99 / 1000, w[w.length - 1] / 1000, B_P99_BOUND.toMillis());
            assertTrue(p99 < B_P99_BOUND.toNanos(), "B's p99 wait " + p99 / 1000 + " us; waits " + Arrays.toString(
                    Arrays.copyOfRange(w, Math.max(0, w.length - 10), w.length)));
        } finally {
            pool.close();
        }
    }
}
