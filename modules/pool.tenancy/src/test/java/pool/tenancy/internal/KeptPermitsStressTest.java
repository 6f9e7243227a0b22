package pool.tenancy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
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
import pool.engine.Pools;
import pool.stubdriver.StubDatabase;

/**
 * Permits kept on idle connections under churn: three tenants whose threads mostly find
 * their own kept permits (few waits), blocking and async borrows, while figures are read,
 * idle connections are evicted and a tenant's max changes live. On 2 cores, 18 borrowing
 * threads. No tenant ever above its max, the pool's cap never crossed, no connection handed
 * to two borrowers, and at the end no permit lost: each tenant can hold its whole max again
 * and every borrow is counted once.
 */
class KeptPermitsStressTest {

    private static final int POOL = 8;
    private static final Map<String, Integer> MAX = Map.of("a", 4, "b", 4, "c", 3);

    @Test
    void keptPermitsNeverLetATenantPastItsMaxAndNoneIsLost() throws Exception {
        StubDatabase db = StubDatabase.unique("kept-stress");
        Tenancy tenancy = Tenancy.builder().tenant("a", 1, 4, 2).tenant("b", 1, 4, 1).tenant("c", 0, 3, 1).build();
        ConnectionPool pool = Pools.create(PoolConfig.builder("kept-stress").jdbcUrl(db.url()).maxSize(POOL)
                .minIdle(POOL).borrowTimeout(Duration.ofSeconds(60)).reaperInterval(Duration.ofHours(1))
                .tenancy(tenancy).build());
        Map<String, AtomicInteger> held = new ConcurrentHashMap<>();
        MAX.keySet().forEach(t -> held.put(t, new AtomicInteger()));
        AtomicInteger allHeld = new AtomicInteger();
        Map<Object, String> owners = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicLong borrows = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            String tenant = List.of("a", "b", "c").get(i % 3);
            boolean async = i >= 15;
            BorrowRequest request = BorrowRequest.builder().tenant(tenant).build();
            threads.add(Thread.ofPlatform().name(tenant + "-" + i).start(() -> {
                try {
                    go.await();
                    while (!stop.get()) {
                        Connection c = async ? pool.borrowAsync(request).get(60, TimeUnit.SECONDS) : pool.borrow(request);
                        try (c) {
                            Object raw = c.unwrap(Connection.class);
                            String before = owners.putIfAbsent(raw, Thread.currentThread().getName());
                            if (before != null) {
                                violations.add("handed to " + before + " and " + Thread.currentThread().getName());
                            }
                            int all = allHeld.incrementAndGet();
                            int mine = held.get(tenant).incrementAndGet();
                            int max = MAX.get(tenant); // c's lowered max lets connections out above it come back
                            if (all > POOL) {
                                violations.add("global cap crossed: " + all);
                            }
                            if (mine > max) {
                                violations.add(tenant + " above its max: " + mine);
                            }
                            borrows.incrementAndGet();
                            if (ThreadLocalRandom.current().nextInt(8) == 0) {
                                LockSupport.parkNanos(50_000L);
                            }
                            held.get(tenant).decrementAndGet();
                            allHeld.decrementAndGet();
                            owners.remove(raw);
                        }
                    }
                } catch (Throwable e) {
                    violations.add(Thread.currentThread().getName() + ": " + e);
                }
            }));
        }
        Thread meddler = Thread.ofPlatform().start(() -> {
            int round = 0;
            while (!stop.get()) {
                pool.stats().tenants().forEach(t -> {
                    if (t.active() > MAX.getOrDefault(t.tenant(), POOL)) { // a lowered max: those out above it come back
                        violations.add("stats: " + t);
                    }
                });
                if (++round % 50 == 0) {
                    pool.softEvict();
                }
                if (round % 70 == 0) {
                    Tenancy now = pool.liveSettings().tenancy();
                    int next = now.limitsOf("c").max() == 3 ? 2 : 3;
                    pool.apply(pool.liveSettings().withTenancy(now.withTenant("c", now.limitsOf("c").withMax(next))));
                }
                LockSupport.parkNanos(300_000L);
            }
        });
        go.countDown();
        Thread.sleep(3_000); // real time: the churn runs for a fixed 3 s
        stop.set(true);
        for (Thread t : threads) {
            t.join(60_000);
        }
        meddler.join();
        try {
            assertTrue(violations.isEmpty(), "violations: " + violations.stream().limit(10).toList());
            assertEquals(0, pool.stats().active(), "every connection came back");
            pool.stats().tenants().forEach(t -> assertEquals(0, t.active(), t.tenant() + " holds nothing"));
            assertEquals(borrows.get(), pool.stats().tenants().stream().mapToLong(t -> t.borrowCount()).sum(),
                    "every borrow counted once");
            for (String tenant : MAX.keySet()) {
                int max = pool.liveSettings().tenancy().limitsOf(tenant).max();
                BorrowRequest r = BorrowRequest.builder().tenant(tenant).timeout(Duration.ofSeconds(5)).build();
                List<Connection> all = new ArrayList<>();
                for (int i = 0; i < max; i++) {
                    all.add(pool.borrow(r)); // a permit lost would leave the tenant short of its max: timeout
                }
                assertEquals(max, pool.tenantStats(tenant).orElseThrow().active());
                for (Connection c : all) {
                    c.close();
                }
            }
            System.out.printf("kept-permit stress: %d borrows in 3 s%n", borrows.get());
        } finally {
            pool.close();
        }
    }
}
