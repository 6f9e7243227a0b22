package pool.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import pool.api.BorrowRequest;
import pool.api.PoolSaturatedException;
import pool.api.PoolTimeoutException;
import pool.api.Priority;
import pool.engine.StubPools;
import pool.engine.internal.core.ManualClock;
import pool.stubdriver.StubConnection;
import pool.stubdriver.StubDatabase;
import pool.testsupport.await.Await;

class BorrowerTest {

    @Test
    void borrowTimesOutWhenExhausted() throws Exception {
        StubDatabase db = StubDatabase.unique("timeout");
        try (EnginePool pool = StubPools.start(StubPools.config(db).maxSize(1)
                .borrowTimeout(Duration.ofMillis(200)).build())) {
            Connection held = pool.getConnection();
            long t0 = System.nanoTime();
            PoolTimeoutException e = assertThrows(PoolTimeoutException.class, pool::getConnection);
            long waitedMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(waitedMs >= 190 && waitedMs < 2_000, "waited " + waitedMs + " ms");
            String m = e.getMessage();
            for (String part : List.of("pool '" + pool.name() + "'", "200 ms", "waited", "maxSize 1", "active 1",
                    "idle 0", "pending", "every connection is in use", "raise maxSize")) {
                assertTrue(m.contains(part), "message lacks '" + part + "': " + m);
            }
            assertEquals(1, pool.stats().timeoutCount());
            held.close();
        }
    }

    @Test
    void zeroTimeoutDoesNotWait() throws Exception {
        StubDatabase db = StubDatabase.unique("zero");
        try (EnginePool pool = StubPools.start(StubPools.config(db).maxSize(1).build())) {
            Connection held = pool.getConnection();
            long t0 = System.nanoTime();
            assertThrows(PoolTimeoutException.class, () -> pool.borrow(BorrowRequest.DEFAULT.withTimeout(Duration.ZERO)));
            assertTrue(System.nanoTime() - t0 < 500_000_000L);
            held.close();
        }
    }

    @Test
    void aPoolWhoseBorrowsNeverWaitStillOpensConnectionsForLaterBorrows() throws Exception {
        StubDatabase db = StubDatabase.unique("zeropool");
        try (EnginePool pool = StubPools.start(StubPools.config(db).maxSize(2).borrowTimeout(Duration.ZERO).build())) {
            assertThrows(PoolTimeoutException.class, pool::getConnection, "nothing idle yet and the borrow does not wait");
            Await.until("a connection opened for the next borrow", Duration.ofSeconds(5),
                    () -> pool.stats().idle() == 1);
            Connection c = pool.getConnection();
            assertThrows(PoolTimeoutException.class, pool::getConnection);
            Await.until("a second connection opened", Duration.ofSeconds(5), () -> pool.stats().idle() == 1);
            pool.getConnection().close();
            c.close();
            assertEquals(2, pool.stats().total(), "never more than maxSize");
        }
    }

    @Test
    void tryBorrowIsFailFast() throws Exception {
        StubDatabase db = StubDatabase.unique("try");
        try (EnginePool pool = StubPools.start(StubPools.config(db).maxSize(1).build())) {
            assertTrue(pool.tryBorrow().isEmpty(), "nothing idle yet: no wait, no connect on the caller's thread");
            Connection c = pool.getConnection();
            assertTrue(pool.tryBorrow().isEmpty());
            c.close();
            Connection again = pool.tryBorrow().orElseThrow();
            again.close();
        }
    }

    @Test
    void maxPendingRefusesAtOnce() throws Exception {
        StubDatabase db = StubDatabase.unique("pending");
        try (EnginePool pool = StubPools.start(StubPools.config(db).maxSize(1).maxPending(1)
                .borrowTimeout(Duration.ofSeconds(5)).build())) {
            Connection held = pool.getConnection();
            Thread waiter = Thread.ofVirtual().start(() -> {
                try {
                    pool.getConnection().close();
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            StubPools.await("one waiter", () -> pool.stats().pending() == 1);
            long t0 = System.nanoTime();
            PoolSaturatedException e = assertThrows(PoolSaturatedException.class, pool::getConnection);
            assertTrue(System.nanoTime() - t0 < 500_000_000L, "refused at once");
            assertTrue(e.getMessage().contains("maxPending"), e.getMessage());
            assertEquals(1, pool.stats().rejectedCount());
            held.close();
            waiter.join(5_000);
        }
    }

    @Test
    void returnedConnectionGoesToLongestWaiter() throws Exception {
        StubDatabase db = StubDatabase.unique("fifo");
        try (EnginePool pool = StubPools.start(StubPools.config(db).maxSize(1).build())) {
            Connection held = pool.getConnection();
            List<String> order = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(3);
            for (String name : List.of("first", "second", "third")) {
                int before = pool.stats().pending();
                Thread.ofVirtual().start(() -> {
                    try (Connection c = pool.getConnection()) {
                        order.add(name);
                    } catch (SQLException e) {
                        order.add(name + " failed: " + e);
                    } finally {
                        done.countDown();
                    }
                });
                StubPools.await(name + " queued", () -> pool.stats().pending() == before + 1);
            }
            held.close();
            done.await();
            assertEquals(List.of("first", "second", "third"), order);
        }
    }

    @Test
    void highPriorityBorrowerIsServedBeforeEarlierNormalOnes() throws Exception {
        StubDatabase db = StubDatabase.unique("prio");
        try (EnginePool pool = StubPools.start(StubPools.config(db).maxSize(1).build())) {
            Connection held = pool.getConnection();
            List<String> order = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(2);
            for (Priority p : List.of(Priority.NORMAL, Priority.HIGH)) {
                int before = pool.stats().pending();
                Thread.ofVirtual().start(() -> {
                    try (Connection c = pool.borrow(BorrowRequest.builder().priority(p).build())) {
                        order.add(p.name());
                    } catch (SQLException e) {
                        order.add(p + " failed");
                    } finally {
                        done.countDown();
                    }
                });
                StubPools.await(p + " queued", () -> pool.stats().pending() == before + 1);
            }
            held.close();
            done.await();
            assertEquals(List.of("HIGH", "NORMAL"), order);
        }
    }

    @Test
    void configurationErrorFailsBorrowersAtOnceWithTheDriversReason() throws Exception {
        StubDatabase db = StubDatabase.unique("auth").configurationError(true);
        try (EnginePool pool = StubPools.start(StubPools.config(db).borrowTimeout(Duration.ofSeconds(10)).build())) {
            long t0 = System.nanoTime();
            SQLException e = assertThrows(SQLException.class, pool::getConnection);
            assertTrue(System.nanoTime() - t0 < 3_000_000_000L, "did not wait out the 10 s timeout");
            assertEquals("28P01", e.getSQLState());
            assertTrue(e.getMessage().contains("password authentication failed"), e.getMessage());
            assertTrue(e.getMessage().contains("configuration error"), e.getMessage());
            // Fixing the database side heals the pool without a restart.
            db.configurationError(false);
            StubPools.await("recovered", () -> {
                try (Connection c = pool.getConnection()) {
                    return true;
                } catch (SQLException ex) {
                    return false;
                }
            });
        }
    }

    @Test
    void transientConnectFailuresAreRetriedWithBackoff() throws Exception {
        StubDatabase db = StubDatabase.unique("transient").failNextConnects(3);
        try (EnginePool pool = StubPools.start(StubPools.config(db).build())) {
            try (Connection c = pool.getConnection()) {
                assertTrue(c.isValid(1));
            }
            assertEquals(3, pool.stats().createFailureCount());
            assertEquals(4, db.connectAttempts());
        }
    }

    @Test
    void timeoutMessageCarriesTheLastConnectFailure() throws Exception {
        StubDatabase db = StubDatabase.unique("down").failNextConnects(1_000_000);
        try (EnginePool pool = StubPools.start(StubPools.config(db).borrowTimeout(Duration.ofMillis(300)).build())) {
            PoolTimeoutException e = assertThrows(PoolTimeoutException.class, pool::getConnection);
            assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
            assertTrue(e.getCause() != null);
        }
    }

    @Test
    void atMostMaxConcurrentCreatesConnectAtOnce() throws Exception {
        StubDatabase db = StubDatabase.unique("storm").connectLatency(Duration.ofMillis(50));
        // Timeouts far beyond the 8 connects (4 rounds of 50 ms): on a loaded machine no
        // borrower gives up before its connection is opened.
        try (EnginePool pool = StubPools.start(StubPools.config(db).maxSize(8).maxConcurrentCreates(2)
                .borrowTimeout(Duration.ofSeconds(60)).build())) {
            CountDownLatch done = new CountDownLatch(8);
            CountDownLatch hold = new CountDownLatch(1);
            for (int i = 0; i < 8; i++) {
                Thread.ofVirtual().start(() -> {
                    try (Connection c = pool.getConnection()) {
                        hold.await();
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    } finally {
                        done.countDown();
                    }
                });
            }
            Await.until("8 open", Duration.ofSeconds(60), () -> db.opened() == 8);
            hold.countDown();
            done.await();
            assertTrue(db.maxConcurrentConnects() <= 2, "max concurrent connects " + db.maxConcurrentConnects());
            assertEquals(8, pool.stats().total());
        }
    }

    @Test
    void recentlyUsedConnectionSkipsValidation() throws Exception {
        StubDatabase db = StubDatabase.unique("skip");
        try (EnginePool pool = StubPools.start(StubPools.config(db).validationSkipWindow(Duration.ofSeconds(5)).build())) {
            for (int i = 0; i < 10; i++) {
                pool.getConnection().close();
            }
            assertEquals(0, db.validations());
        }
    }

    @Test
    void zeroSkipWindowValidatesEveryBorrowEvenBackToBack() throws Exception {
        // Back-to-back borrows fall within one tick of the coarse clock: elapsed reads 0.
        StubDatabase db = StubDatabase.unique("skipzero");
        try (EnginePool pool = StubPools.start(StubPools.config(db).validationSkipWindow(Duration.ZERO).build())) {
            for (int i = 0; i < 100; i++) {
                pool.getConnection().close();
            }
            assertEquals(100, db.validations());
        }
    }

    @Test
    void staleConnectionIsValidatedAndReplacedWhenInvalid() throws Exception {
        StubDatabase db = StubDatabase.unique("validate");
        ManualClock clock = new ManualClock();
        try (EnginePool pool = StubPools.start(StubPools.config(db).validationSkipWindow(Duration.ofSeconds(5)).build(),
                clock.tuning())) {
            pool.getConnection().close();
            clock.advance(Duration.ofSeconds(6));
            db.valid(false);
            try (Connection c = pool.getConnection()) {
                assertEquals(2, StubPools.raw(c).id(), "the stale one was dropped, a new one opened");
            }
            assertEquals(1, pool.stats().validationFailureCount());
            StubPools.await("closed", () -> db.closed() == 1);
        }
    }

    @Test
    void fatalErrorMarksConnectionBrokenAndItIsDestroyedOnReturn() throws Exception {
        StubDatabase db = StubDatabase.unique("fatal");
        try (EnginePool pool = StubPools.start(StubPools.config(db).build())) {
            Connection c = pool.getConnection();
            StubConnection raw = StubPools.raw(c);
            raw.breakConnection();
            SQLException e = assertThrows(SQLException.class, () -> c.createStatement().execute("select 1"));
            assertEquals("08006", e.getSQLState());
            c.close();
            StubPools.await("destroyed", () -> db.closed() == 1);
            try (Connection next = pool.getConnection()) {
                assertNotSame(raw, StubPools.raw(next));
            }
        }
    }

    @Test
    void expiredConnectionIsNotClosedWhileInUseButRetiredOnReturn() throws Exception {
        StubDatabase db = StubDatabase.unique("lifetime");
        ManualClock clock = new ManualClock();
        try (EnginePool pool = StubPools.start(StubPools.config(db).maxLifetime(Duration.ofMinutes(30)).build(),
                clock.tuning())) {
            Connection c = pool.getConnection();
            clock.advance(Duration.ofMinutes(31));
            pool.runReaperNow();
            assertTrue(c.isValid(1), "in use: never closed for age");
            assertEquals(0, db.closed());
            c.close();
            StubPools.await("retired on return", () -> db.closed() == 1);
        }
    }
}
