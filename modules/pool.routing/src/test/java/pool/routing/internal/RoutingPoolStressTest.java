package pool.routing.internal;

import static pool.testsupport.await.Await.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import pool.api.BorrowRequest;
import pool.api.ConnectionPool;
import pool.api.PoolConfig;
import pool.api.PoolStats;
import pool.api.ReplicaStats;
import pool.api.Replicas;
import pool.engine.Pools;
import pool.stubdriver.StubDatabase;

/**
 * Many more threads than cores borrowing from a routing pool over stub databases (a primary
 * and two replicas), mixing reads, writes, transactions and read-only borrows: no connection
 * is lost or handed out twice, every physical connection comes back, and reads spread over
 * both replicas.
 */
class RoutingPoolStressTest {

    @Test
    void manyThreadsMixingReadsWritesAndTransactionsLoseNoConnection() throws Exception {
        StubDatabase primary = StubDatabase.unique("routing-primary");
        StubDatabase r1 = StubDatabase.unique("routing-r1");
        StubDatabase r2 = StubDatabase.unique("routing-r2");
        PoolConfig config = PoolConfig.builder("stress").jdbcUrl(primary.url()).user("app").password("pw")
                .maxSize(6).borrowTimeout(Duration.ofSeconds(30)).reaperInterval(Duration.ofHours(1))
                .replicas(Replicas.builder().replica("r1", r1.url()).replica("r2", r2.url())
                        .readAfterWrite(Replicas.ReadAfterWrite.OFF).checkInterval(Duration.ofMillis(50)).build())
                .build();
        int threads = 48;
        int rounds = 300;
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        try (ConnectionPool pool = Pools.create(config)) {
            assertTrue(pool.stats().replicas().stream().allMatch(r -> r.state() == ReplicaStats.State.UP),
                    () -> pool.stats().replicas().toString());
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < rounds; i++) {
                            round(pool, ThreadLocalRandom.current().nextInt(4));
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            start.countDown();
            for (Thread w : workers) {
                w.join(120_000);
            }
            assertTrue(failures.isEmpty(), () -> failures.size() + " failed, first: " + failures.peek());
            PoolStats s = pool.stats();
            assertEquals(0, s.active(), s::toString);
            for (ReplicaStats r : s.replicas()) {
                assertEquals(0, r.active(), r::toString);
                assertTrue(r.readsServed() > threads * rounds / 10, r::toString);
            }
            // Beside the pooled ones, the health check holds one connection per replica. The
            // engine opens and closes connections on threads of their own, so the stubs' count
            // may trail the pools' for a moment.
            until("every open connection is pooled or a replica check's",
                    Duration.ofSeconds(10),
                    () -> primary.openNow() + r1.openNow() + r2.openNow() == pool.stats().total() + 2);
        }
        assertEquals(0, primary.openNow() + r1.openNow() + r2.openNow(), "all closed with the pool");
    }

    /**
     * Replicas added and removed in place (a reload's {@code changeReplicas}) again and again
     * while many threads borrow: no borrower sees an error, no connection is lost, a removed
     * replica's pool drains and closes every connection it opened, and the primary's pool is
     * never replaced (it closes none of its connections).
     */
    @Test
    void replicasChangedInPlaceWhileManyThreadsBorrowLoseNoConnectionAndFailNoBorrow() throws Exception {
        StubDatabase primary = StubDatabase.unique("rechange-primary");
        StubDatabase[] dbs = {StubDatabase.unique("rechange-r1"), StubDatabase.unique("rechange-r2"),
                StubDatabase.unique("rechange-r3")};
        java.util.function.IntFunction<Replicas> section = n -> {
            Replicas.Builder b = Replicas.builder().readAfterWrite(Replicas.ReadAfterWrite.OFF)
                    .checkInterval(Duration.ofMillis(50));
            for (int i = 0; i < 3; i++) {
                if (i != n % 3) { // two of the three, a different pair each time
                    b.replica("r" + (i + 1), dbs[i].url());
                }
            }
            return b.build();
        };
        PoolConfig config = PoolConfig.builder("rechange").jdbcUrl(primary.url()).user("app").password("pw")
                .maxSize(6).borrowTimeout(Duration.ofSeconds(30)).reaperInterval(Duration.ofHours(1))
                .replicas(section.apply(0)).build();
        int threads = 32;
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        try (ConnectionPool pool = Pools.create(config)) {
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(Thread.ofPlatform().start(() -> {
                    try {
                        while (!stop.get()) {
                            round(pool, ThreadLocalRandom.current().nextInt(4));
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            until("the workers borrow", Duration.ofSeconds(30), () -> primary.opened() > 2);
            long closedAtFirst = primary.closed();
            for (int n = 1; n <= 20 && failures.isEmpty(); n++) {
                ((pool.api.spi.ReplicasInPlace) pool).changeReplicas(section.apply(n), Duration.ofSeconds(20));
                assertEquals(2, pool.stats().replicas().size());
            }
            stop.set(true);
            for (Thread w : workers) {
                w.join(120_000);
            }
            assertTrue(failures.isEmpty(), () -> failures.size() + " failed, first: " + failures.peek());
            assertEquals(closedAtFirst, primary.closed(), "the primary's pool kept its connections");
            PoolStats s = pool.stats();
            assertEquals(0, s.active(), s::toString);
            // What stays open: the pooled connections and each replica's check connection (the
            // stubs have no replication positions: the primary is not checked).
            try {
                until("the removed replicas' pools closed what they opened", Duration.ofSeconds(30),
                        () -> primary.openNow() + dbs[0].openNow() + dbs[1].openNow() + dbs[2].openNow()
                                == pool.stats().total() + 2);
            } catch (AssertionError e) {
                throw new AssertionError("open: primary " + primary.openNow() + ", r1 " + dbs[0].openNow() + ", r2 "
                        + dbs[1].openNow() + ", r3 " + dbs[2].openNow() + "; " + pool.stats(), e);
            }
        }
        assertEquals(0, primary.openNow() + dbs[0].openNow() + dbs[1].openNow() + dbs[2].openNow(),
                "all closed with the pool");
    }

    private static void round(ConnectionPool pool, int kind) throws SQLException {
        switch (kind) {
            case 0 -> {
                try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                    s.executeQuery("SELECT 1").close();
                    s.executeUpdate("UPDATE t SET a = 1");
                    s.executeQuery("SELECT 2").close();
                }
            }
            case 1 -> {
                try (Connection c = pool.getConnection()) {
                    c.setAutoCommit(false);
                    try (Statement s = c.createStatement()) {
                        s.executeQuery("SELECT 1").close();
                        s.executeUpdate("UPDATE t SET a = 2");
                    }
                    c.commit();
                    c.setAutoCommit(true);
                }
            }
            case 2 -> {
                try (Connection c = pool.borrow(BorrowRequest.builder().readOnly().build());
                     Statement s = c.createStatement()) {
                    s.executeQuery("SELECT 1").close();
                }
            }
            default -> {
                try (Connection c = pool.getConnection(); var ps = c.prepareStatement("SELECT * FROM t WHERE id = ?")) {
                    for (int i = 0; i < 3; i++) {
                        ps.setInt(1, i);
                        ps.executeQuery().close();
                    }
                }
            }
        }
    }
}
