package pool.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import pool.api.BorrowRequest;
import pool.api.PoolSaturatedException;
import pool.api.PoolStats;
import pool.api.PoolTimeoutException;
import pool.engine.StubPools;
import pool.engine.internal.core.EngineTuning;
import pool.engine.internal.create.JdbcConnectionFactory;
import pool.stubdriver.StubDatabase;

class AsyncBorrowerTest {

    @Test
    void idleConnectionCompletesTheFutureAtOnce() throws Exception {
        StubDatabase db = StubDatabase.unique("asyncidle");
        try (EnginePool pool = StubPools.start(StubPools.config(db).minIdle(1).build())) {
            StubPools.await("idle", () -> pool.stats().idle() == 1);
            CompletableFuture<Connection> f = pool.getConnectionAsync();
            assertTrue(f.isDone());
            try (Connection c = f.join()) {
                assertTrue(c.isValid(1));
            }
        }
    }

    @Test
    void asyncAndBlockingBorrowersShareOneFairQueue() throws Exception {
        StubDatabase db = StubDatabase.unique("asyncfair");
        try (EnginePool pool = StubPools.start(StubPools.config(db).maxSize(1).build())) {
            Connection held = pool.getConnection();
            List<String> order = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(3);
            Thread.ofVirtual().start(() -> {
                try (Connection c = pool.getConnection()) {
                    order.add("blocking-1");
                } catch (SQLException e) {
                    order.add("failed");
                } finally {
                    done.countDown();
                }
            });
            StubPools.await("queued", () -> pool.stats().pending() == 1);
            pool.getConnectionAsync().thenAccept(c -> {
                order.add("async-2");
                try {
                    c.close();
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            }).whenComplete((v, t) -> done.countDown());
            StubPools.await("queued", () -> pool.stats().pending() == 2);
            Thread.ofVirtual().start(() -> {
                try (Connection c = pool.getConnection()) {
                    order.add("blocking-3");
                } catch (SQLException e) {
                    order.add("failed");
                } finally {
                    done.countDown();
                }
            });
            StubPools.await("queued", () -> pool.stats().pending() == 3);
            held.close();
            assertTrue(done.await(5, TimeUnit.SECONDS));
            assertEquals(List.of("blocking-1", "async-2", "blocking-3"), order);
        }
    }

    @Test
    void asyncBorrowTimesOut() throws Exception {
        StubDatabase db = StubDatabase.unique("asynctimeout");
        try (EnginePool pool = StubPools.start(StubPools.config(db).maxSize(1).build())) {
            Connection held = pool.getConnection();
            CompletableFuture<Connection> f = pool.borrowAsync(BorrowRequest.DEFAULT.withTimeout(Duration.ofMillis(100)));
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
            assertInstanceOf(PoolTimeoutException.class, e.getCause());
            assertEquals(0, pool.stats().pending());
            held.close();
            assertEquals(1, pool.stats().idle(), "nothing was lost to the timed-out future");
        }
    }

    @Test
    void asyncPendingIsBoundedByMaxPending() throws Exception {
        StubDatabase db = StubDatabase.unique("asyncbound");
        try (EnginePool pool = StubPools.start(StubPools.config(db).maxSize(1).maxPending(2).build())) {
            Connection held = pool.getConnection();
            CompletableFuture<Connection> a = pool.getConnectionAsync();
            CompletableFuture<Connection> b = pool.getConnectionAsync();
            CompletableFuture<Connection> refused = pool.getConnectionAsync();
            assertTrue(refused.isCompletedExceptionally(), "refused at once");
            ExecutionException e = assertThrows(ExecutionException.class, refused::get);
            assertInstanceOf(PoolSaturatedException.class, e.getCause());
            held.close();
            a.get(5, TimeUnit.SECONDS).close();
            b.get(5, TimeUnit.SECONDS).close();
        }
    }

    @Test
    void cancelledFutureGivesUpItsPlaceInLine() throws Exception {
        StubDatabase db = StubDatabase.unique("asynccancel");
        try (EnginePool pool = StubPools.start(StubPools.config(db).maxSize(1).build())) {
            Connection held = pool.getConnection();
            CompletableFuture<Connection> first = pool.getConnectionAsync();
            CompletableFuture<Connection> second = pool.getConnectionAsync();
            assertTrue(first.cancel(false));
            assertEquals(1, pool.stats().pending());
            held.close();
            second.get(5, TimeUnit.SECONDS).close();
            assertEquals(1, pool.stats().idle());
        }
    }

    @Test
    void aFutureTheApplicationEndsItselfGivesUpItsPlaceInLine() throws Exception {
        // orTimeout and completeExceptionally end the future without cancel(): its waiter must
        // not stay queued until the pool's own timeout, counted against maxPending.
        StubDatabase db = StubDatabase.unique("asyncortimeout");
        try (EnginePool pool = StubPools.start(StubPools.config(db).maxSize(1).maxPending(1)
                .borrowTimeout(Duration.ofMinutes(5)).build())) {
            Connection held = pool.getConnection();
            CompletableFuture<Connection> bounded = pool.getConnectionAsync().orTimeout(10, TimeUnit.MILLISECONDS);
            ExecutionException e = assertThrows(ExecutionException.class, () -> bounded.get(1, TimeUnit.MINUTES));
            assertInstanceOf(java.util.concurrent.TimeoutException.class, e.getCause());
            assertEquals(0, pool.stats().pending(), "the timed-out future left the queue");
            CompletableFuture<Connection> ended = pool.getConnectionAsync();
            assertFalse(ended.isDone(), "queued, not refused for maxPending");
            ended.completeExceptionally(new IllegalStateException("the application gave up"));
            assertEquals(0, pool.stats().pending(), "the future the application failed left the queue");
            CompletableFuture<Connection> next = pool.getConnectionAsync();
            assertFalse(next.isDone(), "queued, not refused for maxPending");
            held.close();
            next.get(1, TimeUnit.MINUTES).close();
            assertEquals(1, pool.stats().idle(), "nothing was lost to the futures that gave up");
            assertEquals(0, pool.stats().active());
        }
    }

    @Test
    void anAsyncBorrowTimesOutWhileTheReaperValidatesAgainstAStalledDatabase() throws Exception {
        // The reaper's keepalive checks run one after another, each up to the database's answer:
        // an async borrow's timeout must not wait behind them.
        StubDatabase db = StubDatabase.unique("asyncstalled");
        try (EnginePool pool = StubPools.start(StubPools.config(db).minIdle(2).maxSize(2)
                .validationSkipWindow(Duration.ZERO).reaperInterval(Duration.ofMillis(20)).build(),
                EngineTuning.DEFAULTS.withKeepaliveNanos(1))) {
            StubPools.await("two idle", () -> pool.stats().idle() == 2);
            Connection held = pool.getConnection();
            long before = db.validations();
            db.validationLatency(Duration.ofSeconds(8));
            StubPools.await("the reaper checking the idle one", () -> db.validations() > before);
            CompletableFuture<Connection> f = pool.borrowAsync(BorrowRequest.DEFAULT.withTimeout(Duration.ofMillis(50)));
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(4, TimeUnit.SECONDS),
                    "timed out on its own, not after the reaper's check");
            assertInstanceOf(PoolTimeoutException.class, e.getCause());
            db.validationLatency(Duration.ZERO);
            held.close();
        }
    }

    @Test
    void completionRunsOnTheConfiguredExecutorNotOnTheReturningThread() throws Exception {
        StubDatabase db = StubDatabase.unique("asyncexec");
        ExecutorService exec = Executors.newSingleThreadExecutor(r -> new Thread(r, "app-completions"));
        try (EnginePool pool = EnginePool.start(StubPools.config(db).maxSize(1).build(),
                new JdbcConnectionFactory(StubPools.config(db).build()), EngineTuning.DEFAULTS, exec)) {
            Connection held = pool.getConnection();
            CompletableFuture<String> thread = pool.getConnectionAsync().thenApply(c -> {
                String name = Thread.currentThread().getName();
                try {
                    c.close();
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
                return name;
            });
            held.close();
            String name = thread.get(5, TimeUnit.SECONDS);
            assertEquals("app-completions", name);
            assertNotEquals(Thread.currentThread().getName(), name);
        } finally {
            exec.shutdown();
        }
    }

    @Test
    void anExecutorThatThrowsLosesNoConnection() throws Exception {
        StubDatabase db = StubDatabase.unique("asyncthrows");
        java.util.concurrent.Executor broken = task -> {
            throw new IllegalStateException("the application's executor is broken");
        };
        try (EnginePool pool = EnginePool.start(StubPools.config(db).maxSize(1).build(),
                new JdbcConnectionFactory(StubPools.config(db).build()), EngineTuning.DEFAULTS, broken)) {
            Connection held = pool.getConnection();
            CompletableFuture<Connection> f = pool.getConnectionAsync();
            held.close();
            try (Connection c = f.get(5, TimeUnit.SECONDS)) {
                assertTrue(c.isValid(1), "handed over on the returning thread instead");
            }
            assertEquals(1, pool.stats().idle());
            assertEquals(0, pool.stats().active());
        }
    }

    @Test
    void closingThePoolFailsPendingFutures() throws Exception {
        StubDatabase db = StubDatabase.unique("asyncclose");
        EnginePool pool = StubPools.start(StubPools.config(db).maxSize(1).build());
        Connection held = pool.getConnection();
        CompletableFuture<Connection> f = pool.getConnectionAsync();
        pool.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
        assertInstanceOf(pool.api.PoolClosedException.class, e.getCause());
        assertTrue(held.isClosed());
    }

    /**
     * Futures cancelled or timed out at the same moment a connection is handed to them,
     * hundreds of thousands of times: afterwards every connection is accounted for.
     */
    @Test
    void cancelRacingHandOffNeverLosesAConnection() throws Exception {
        StubDatabase db = StubDatabase.unique("asyncrace");
        AtomicLong issued = new AtomicLong();
        AtomicLong gotConnection = new AtomicLong();
        AtomicLong cancelled = new AtomicLong();
        AtomicLong otherwise = new AtomicLong();
        try (EnginePool pool = StubPools.start(StubPools.config(db).maxSize(2).maxPending(100_000)
                .borrowTimeout(Duration.ofMillis(2)).build())) {
            // Millions of races (issue 4): stop at 2,000,000 borrows or after 20 s on a slow machine.
            long target = 2_000_000;
            long end = System.nanoTime() + 20_000_000_000L;
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                threads.add(Thread.ofPlatform().daemon().start(() -> {
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    List<CompletableFuture<Connection>> batch = new ArrayList<>();
                    while (System.nanoTime() < end && issued.get() < target) {
                        batch.clear();
                        for (int i = 0; i < 16; i++) {
                            batch.add(pool.getConnectionAsync());
                            issued.incrementAndGet();
                        }
                        for (CompletableFuture<Connection> f : batch) {
                            if (r.nextBoolean()) {
                                f.cancel(false); // races the hand-off of a connection being returned
                            }
                        }
                        for (CompletableFuture<Connection> f : batch) {
                            try {
                                Connection c = f.get(5, TimeUnit.SECONDS);
                                gotConnection.incrementAndGet();
                                c.close();
                            } catch (java.util.concurrent.CancellationException e) {
                                cancelled.incrementAndGet();
                            } catch (ExecutionException e) {
                                otherwise.incrementAndGet(); // timed out (2 ms)
                            } catch (Exception e) {
                                throw new AssertionError(e);
                            }
                        }
                    }
                }));
            }
            for (Thread t : threads) {
                t.join(60_000);
            }
            assertEquals(issued.get(), gotConnection.get() + cancelled.get() + otherwise.get());
            StubPools.await("every connection back", () -> {
                PoolStats s = pool.stats();
                return s.active() == 0 && s.pending() == 0 && s.idle() == s.total() && db.openNow() == s.total();
            });
            PoolStats s = pool.stats();
            assertTrue(s.total() >= 1 && s.total() <= 2, "total " + s.total());
            // Hand-offs that lost to a cancel count as borrows and were given straight back.
            assertTrue(s.borrowCount() >= gotConnection.get());
            assertTrue(issued.get() > 200_000, "issued " + issued.get());
            System.out.printf("async race: %d issued, %d served, %d cancelled, %d timed out%n", issued.get(),
                    gotConnection.get(), cancelled.get(), otherwise.get());
        }
        assertEquals(0, db.openNow());
    }

    @Test
    void closedPoolFailsAsyncBorrowAtOnce() throws Exception {
        StubDatabase db = StubDatabase.unique("asyncclosed");
        EnginePool pool = StubPools.start(StubPools.config(db).build());
        pool.close();
        assertTrue(pool.getConnectionAsync().isCompletedExceptionally());
        assertFalse(pool.getConnectionAsync().isCancelled());
    }
}
