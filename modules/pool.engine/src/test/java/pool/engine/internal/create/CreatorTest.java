package pool.engine.internal.create;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import pool.api.PoolEvent;
import pool.engine.StubPools;
import pool.engine.internal.EnginePool;
import pool.stubdriver.StubDatabase;
import pool.testsupport.await.Await;

class CreatorTest {

    @Test
    void connectionsAreOpenedOffTheBorrowersThread() throws Exception {
        StubDatabase db = StubDatabase.unique("offthread");
        try (EnginePool pool = StubPools.start(StubPools.config(db).build())) {
            pool.getConnection().close();
            assertTrue(db.lastConnectThread().startsWith("poold-" + pool.name() + "-creator"), db.lastConnectThread());
        }
    }

    @Test
    void configurationErrorIsSurfacedToBorrowersAlreadyWaiting() throws Exception {
        StubDatabase db = StubDatabase.unique("cfgwait");
        try (EnginePool pool = StubPools.start(StubPools.config(db).maxSize(2)
                .borrowTimeout(Duration.ofSeconds(10)).build())) {
            List<PoolEvent> events = new CopyOnWriteArrayList<>();
            pool.addListener(events::add);
            Connection held = pool.getConnection(); // the pool has a connection: borrowers wait rather than fail
            db.configurationError(true);
            long t0 = System.nanoTime();
            CompletableFuture<Connection> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return pool.getConnection();
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(5, TimeUnit.SECONDS));
            assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "failed long before its 10 s timeout");
            SQLException cause = (SQLException) e.getCause().getCause();
            assertEquals("28P01", cause.getSQLState());
            assertTrue(cause.getMessage().contains("password authentication failed"), cause.getMessage());
            StubPools.await("CreateFailed event", () -> events.stream().anyMatch(
                    ev -> ev instanceof PoolEvent.CreateFailed f && f.fatalConfiguration()));
            // The log it becomes is where remote clients are told to look: it names the database.
            PoolEvent.CreateFailed failed = events.stream().filter(ev -> ev instanceof PoolEvent.CreateFailed)
                    .map(PoolEvent.CreateFailed.class::cast).findFirst().orElseThrow();
            assertTrue(failed.message().contains("password authentication failed") && failed.message().contains(
                    "(database " + db.url() + ", user 'app')"), failed.message());
            held.close();
        }
    }

    @Test
    void neverOpensMoreThanMaxSize() throws Exception {
        StubDatabase db = StubDatabase.unique("cap").connectLatency(Duration.ofMillis(5));
        try (EnginePool pool = StubPools.start(StubPools.config(db).maxSize(3).maxConcurrentCreates(3)
                .borrowTimeout(Duration.ofSeconds(30)).build())) {
            // Every borrower keeps its connection until all 50 are in: the 47 that find none
            // wait together, the most demand the creator can see, however the threads are scheduled.
            CountDownLatch release = new CountDownLatch(1);
            List<Thread> ts = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                ts.add(Thread.ofVirtual().start(() -> {
                    try (Connection c = pool.getConnection()) {
                        release.await();
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }));
            }
            Await.until("3 borrowed, 47 waiting", Duration.ofSeconds(25),
                    () -> pool.stats().active() == 3 && pool.stats().pending() == 47);
            assertEquals(3, db.opened());
            release.countDown();
            for (Thread t : ts) {
                t.join();
            }
            assertEquals(3, db.opened());
            assertEquals(3, pool.stats().total());
            assertEquals(50, pool.stats().borrowCount());
        }
    }
}
