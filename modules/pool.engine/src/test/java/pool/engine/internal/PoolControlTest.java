package pool.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import pool.api.BorrowRequest;
import pool.api.PoolClosedException;
import pool.api.PoolEvent;
import pool.api.PoolState;
import pool.api.PoolTimeoutException;
import pool.engine.StubPools;
import pool.testsupport.concurrent.Together;
import pool.stubdriver.StubDatabase;

class PoolControlTest {

    @Test
    void suspendMakesBorrowersWaitAndResumeServesThem() throws Exception {
        StubDatabase db = StubDatabase.unique("suspend");
        try (EnginePool pool = StubPools.start(StubPools.config(db).build())) {
            pool.getConnection().close();
            pool.suspend();
            assertEquals(PoolState.SUSPENDED, pool.stats().state());
            CompletableFuture<Boolean> borrowed = CompletableFuture.supplyAsync(() -> {
                try (Connection c = pool.getConnection()) {
                    return true;
                } catch (Exception e) {
                    return false;
                }
            });
            StubPools.await("waiting while suspended", () -> pool.stats().pending() == 1);
            assertFalse(borrowed.isDone());
            pool.resume();
            assertTrue(borrowed.get(5, TimeUnit.SECONDS));
            assertEquals(PoolState.RUNNING, pool.stats().state());
        }
    }

    @Test
    void closingASuspendedPoolFailsItsWaitersInsteadOfServingThem() throws Exception {
        StubDatabase db = StubDatabase.unique("suspendclose");
        EnginePool pool = StubPools.start(StubPools.config(db).borrowTimeout(Duration.ofMinutes(5)).build());
        pool.getConnection().close(); // one idle connection the waiters must not be given
        pool.suspend();
        CompletableFuture<Connection> async = pool.getConnectionAsync();
        CompletableFuture<Object> blocking = CompletableFuture.supplyAsync(() -> {
            try {
                return pool.getConnection();
            } catch (java.sql.SQLException e) {
                return e;
            }
        });
        StubPools.await("both waiting while suspended", () -> pool.stats().pending() == 2);
        pool.close();
        Object outcome = blocking.get(1, TimeUnit.MINUTES);
        assertTrue(outcome instanceof PoolClosedException, "the blocking waiter was failed, not served: " + outcome);
        java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> async.get(1, TimeUnit.MINUTES));
        assertTrue(e.getCause() instanceof PoolClosedException, "the async waiter was failed: " + e.getCause());
        assertEquals(0, pool.stats().active());
    }

    @Test
    void drainingASuspendedPoolFailsItsWaitersAndEndsWithNothingBorrowed() throws Exception {
        StubDatabase db = StubDatabase.unique("suspenddrain");
        EnginePool pool = StubPools.start(StubPools.config(db).borrowTimeout(Duration.ofMinutes(5)).build());
        pool.getConnection().close();
        pool.suspend();
        CompletableFuture<Connection> waiting = pool.getConnectionAsync();
        StubPools.await("waiting while suspended", () -> pool.stats().pending() == 1);
        assertTrue(pool.drainAndClose(Duration.ofSeconds(30)), "nothing was borrowed, so nothing to wait for");
        java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> waiting.get(1, TimeUnit.MINUTES));
        assertTrue(e.getCause() instanceof PoolClosedException, "the waiter was failed: " + e.getCause());
    }

    @Test
    void aSuspendedPoolOpensNoConnectionsForItsWaitersUntilResumed() throws Exception {
        StubDatabase db = StubDatabase.unique("suspendopen");
        try (EnginePool pool = StubPools.start(StubPools.config(db).maxSize(4).build())) {
            pool.getConnection().close();
            pool.suspend();
            List<CompletableFuture<Connection>> waiting = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                waiting.add(pool.borrowAsync(BorrowRequest.DEFAULT.withTimeout(Duration.ofSeconds(10))));
            }
            for (int i = 0; i < 3; i++) {
                assertThrows(PoolTimeoutException.class, () -> pool.borrow(BorrowRequest.DEFAULT.withTimeout(Duration.ZERO)));
            }
            StubPools.await("three waiting", () -> pool.stats().pending() == 3);
            pool.runReaperNow();
            assertEquals(1, db.opened(), "nothing opened for borrowers a suspended pool cannot serve");
            pool.resume();
            for (CompletableFuture<Connection> f : waiting) {
                f.get(5, TimeUnit.SECONDS).close();
            }
            assertTrue(db.opened() <= 3, "resumed: opened at most what the waiters needed, " + db.opened());
        }
    }

    @Test
    void aBorrowThatTimesOutWhileSuspendedSaysSoAndFoundNoExhaustedPool() throws Exception {
        StubDatabase db = StubDatabase.unique("suspendmsg");
        try (EnginePool pool = StubPools.start(StubPools.config(db).build())) {
            pool.getConnection().close();
            pool.suspend();
            List<PoolEvent> events = new CopyOnWriteArrayList<>();
            pool.addListener(events::add);
            PoolTimeoutException e = assertThrows(PoolTimeoutException.class,
                    () -> pool.borrow(BorrowRequest.DEFAULT.withTimeout(Duration.ofMillis(50))));
            assertTrue(e.getMessage().contains("suspended") && e.getMessage().contains("resumed"), e.getMessage());
            assertThrows(PoolTimeoutException.class, () -> pool.borrow(BorrowRequest.DEFAULT.withTimeout(Duration.ZERO)));
            pool.resume();
            try (Connection only = pool.getConnection()) {
                // nothing in use while suspended: neither timeout found the pool exhausted
                pool.apply(pool.liveSettings().withSize(0, 1));
                assertThrows(PoolTimeoutException.class, () -> pool.borrow(BorrowRequest.DEFAULT.withTimeout(Duration.ZERO)));
            }
            StubPools.await("the full pool's timeout announced", () -> events.stream()
                    .anyMatch(x -> x instanceof PoolEvent.PoolExhausted));
            assertEquals(1, events.stream().filter(x -> x instanceof PoolEvent.PoolExhausted).count(), events.toString());
        }
    }

    @Test
    void softEvictRetiresIdleNowAndInUseOnReturn() throws Exception {
        StubDatabase db = StubDatabase.unique("evict");
        try (EnginePool pool = StubPools.start(StubPools.config(db).build())) {
            Connection a = pool.getConnection();
            Connection b = pool.getConnection();
            b.close();
            pool.softEvict();
            StubPools.await("idle one closed", () -> db.closed() == 1);
            assertTrue(a.isValid(1), "in use: not closed under the borrower");
            a.close();
            StubPools.await("in-use one retired on return", () -> db.closed() == 2);
            try (Connection c = pool.getConnection()) {
                assertTrue(c.isValid(1));
            }
        }
    }

    @Test
    void drainAndCloseWaitsForBorrowedConnections() throws Exception {
        StubDatabase db = StubDatabase.unique("drain");
        EnginePool pool = StubPools.start(StubPools.config(db).build());
        Connection c = pool.getConnection();
        CompletableFuture<Boolean> drained =
                CompletableFuture.supplyAsync(() -> pool.drainAndClose(Duration.ofSeconds(30)));
        StubPools.await("draining", () -> pool.stats().state() == PoolState.DRAINING);
        assertFalse(drained.isDone(), "waits while a connection is borrowed");
        c.close();
        assertTrue(drained.get());
        assertEquals(PoolState.CLOSED, pool.stats().state());
        assertEquals(0, db.openNow());
        assertThrows(PoolClosedException.class, pool::getConnection);
    }

    @Test
    void drainingPoolOpensNoNewConnectionsToRefillMinIdle() throws Exception {
        StubDatabase db = StubDatabase.unique("drainnorefill");
        EnginePool pool = StubPools.start(StubPools.config(db).minIdle(3).maxSize(4).build());
        StubPools.await("minIdle filled", () -> pool.stats().idle() == 3);
        Connection c = pool.getConnection();
        pool.runReaperNow(); // tops idle back up to minIdle before the drain starts
        StubPools.await("minIdle refilled beside the borrowed one", () -> pool.stats().idle() == 3);
        long openedBefore = db.opened();
        // Draining retires the idle connections at once; a refill toward minIdle would open
        // new ones against a database that is about to be left (or already gone).
        CompletableFuture<Boolean> drained =
                CompletableFuture.supplyAsync(() -> pool.drainAndClose(Duration.ofSeconds(30)));
        StubPools.await("idle retired while draining", () -> pool.stats().state() == PoolState.DRAINING
                && db.openNow() == 1);
        pool.runReaperNow(); // the housekeeper's refill, which a draining pool must not do
        c.close();
        assertTrue(drained.get());
        assertEquals(openedBefore, db.opened(), "connections opened while draining");
        assertEquals(0, db.openNow());
    }

    @Test
    void drainAndCloseGivesUpAfterItsTimeoutAndClosesAnyway() throws Exception {
        StubDatabase db = StubDatabase.unique("draintimeout");
        EnginePool pool = StubPools.start(StubPools.config(db).build());
        Connection c = pool.getConnection();
        assertFalse(pool.drainAndClose(Duration.ofMillis(100)));
        assertEquals(0, db.openNow());
        assertTrue(c.isClosed());
    }

    @Test
    void drainingPoolRefusesNewBorrows() throws Exception {
        StubDatabase db = StubDatabase.unique("drainrefuse");
        EnginePool pool = StubPools.start(StubPools.config(db).build());
        Connection c = pool.getConnection();
        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> pool.drainAndClose(Duration.ofSeconds(5)));
        StubPools.await("draining", () -> pool.stats().state() == PoolState.DRAINING);
        PoolClosedException e = assertThrows(PoolClosedException.class, pool::getConnection);
        assertTrue(e.getMessage().contains("draining"));
        c.close();
        assertTrue(drained.get(5, TimeUnit.SECONDS));
    }

    @Test
    void updatesMadeAtOnceNeverUndoEachOther() throws Exception {
        StubDatabase db = StubDatabase.unique("updates");
        try (EnginePool pool = StubPools.start(StubPools.config(db).maxSize(2).build())) {
            Together.run(16, 25, () -> pool.update(s -> s.withSize(s.minIdle(), s.maxSize() + 1)));
            assertEquals(2 + 16 * 25, pool.liveSettings().maxSize(), "every one of the 400 increments kept");
            pool.setLoginTimeout(7);
            assertEquals(Duration.ofSeconds(7), pool.liveSettings().borrowTimeout());
            assertEquals(2 + 16 * 25, pool.liveSettings().maxSize());
        }
    }

    @Test
    void aConnectionReturnedWhileABurstOneOpensIsHandedOnNotRetired() throws Exception {
        StubDatabase db = StubDatabase.unique("burstopening");
        try (EnginePool pool = StubPools.start(StubPools.config(db).maxSize(2).burstMaxSize(1)
                .borrowTimeout(Duration.ofSeconds(30)).build())) {
            Connection a = pool.getConnection();
            Connection b = pool.getConnection();
            db.connectLatency(Duration.ofSeconds(3));
            CompletableFuture<Connection> c = CompletableFuture.supplyAsync(() -> {
                try {
                    return pool.getConnection();
                } catch (java.sql.SQLException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            StubPools.await("a burst connection being opened for the waiter", () -> db.connectAttempts() == 3);
            a.close(); // the pool is at maxSize + a burst place: this regular one is not over maxSize
            Connection served = c.get(30, TimeUnit.SECONDS);
            assertEquals(0, pool.stats().destroyedCount(), "the returned connection was retired: " + pool.stats());
            served.close();
            b.close();
        }
    }

    @Test
    void resizeGrowsInTheBackground() throws Exception {
        StubDatabase db = StubDatabase.unique("grow");
        try (EnginePool pool = StubPools.start(StubPools.config(db).maxSize(2).build())) {
            pool.resize(6, 8);
            StubPools.await("grown to minIdle 6", () -> pool.stats().idle() == 6);
            assertEquals(8, pool.stats().maxSize());
        }
    }

    @Test
    void resizeShrinksIdleFirstAndInUseOnReturn() throws Exception {
        StubDatabase db = StubDatabase.unique("shrink");
        try (EnginePool pool = StubPools.start(StubPools.config(db).maxSize(4).build())) {
            List<Connection> held = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                held.add(pool.getConnection());
            }
            held.remove(3).close();
            held.remove(2).close();
            pool.resize(0, 1);
            StubPools.await("idle ones retired", () -> db.closed() == 2);
            assertTrue(held.get(0).isValid(1) && held.get(1).isValid(1), "in use: never closed under a borrower");
            held.get(0).close();
            StubPools.await("retired on return", () -> db.closed() == 3);
            held.get(1).close();
            assertEquals(1, pool.stats().total());
        }
    }

    @Test
    void applyRejectsInvalidSettingsAndKeepsTheOldOnes() throws Exception {
        StubDatabase db = StubDatabase.unique("apply");
        try (EnginePool pool = StubPools.start(StubPools.config(db).maxSize(4).build())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.resize(5, 4));
            assertTrue(e.getMessage().contains("minIdle"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> pool.resize(0, 5000));
            assertEquals(4, pool.liveSettings().maxSize());
            pool.apply(pool.liveSettings().withBorrowTimeout(Duration.ofMillis(123)));
            assertEquals(Duration.ofMillis(123), pool.config().borrowTimeout());
        }
    }

    @Test
    void listenersReceiveEventsOffThePoolsThreads() throws Exception {
        StubDatabase db = StubDatabase.unique("events");
        try (EnginePool pool = StubPools.start(StubPools.config(db).maxSize(1)
                .borrowTimeout(Duration.ofMillis(50)).build())) {
            List<PoolEvent> events = new CopyOnWriteArrayList<>();
            List<String> threads = new CopyOnWriteArrayList<>();
            pool.addListener(e -> {
                events.add(e);
                threads.add(Thread.currentThread().getName());
            });
            pool.addListener(e -> {
                throw new IllegalStateException("a broken listener does not stop the others");
            });
            // The first connection is opened on the pool's thread: under load that can take longer
            // than the 50 ms the exhausting borrow below is meant to wait.
            Connection c = pool.borrow(BorrowRequest.builder().timeout(Duration.ofSeconds(30)).build());
            assertThrows(java.sql.SQLException.class, pool::getConnection);
            c.close();
            pool.softEvict();
            StubPools.await("events", () -> events.stream().anyMatch(e -> e instanceof PoolEvent.ConnectionCreated)
                    && events.stream().anyMatch(e -> e instanceof PoolEvent.PoolExhausted)
                    && events.stream().anyMatch(e -> e instanceof PoolEvent.ConnectionDestroyed));
            assertTrue(threads.stream().allMatch(t -> t.endsWith("-events")), threads.toString());
        }
    }
}
