package pool.engine.internal.leak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import pool.api.ConnectionReclaimedException;
import pool.api.LeakSuspect;
import pool.api.PoolEvent;
import pool.api.StackCapture;
import pool.engine.StubPools;
import pool.engine.internal.EnginePool;
import pool.engine.internal.core.ManualClock;
import pool.stubdriver.StubConnection;
import pool.stubdriver.StubDatabase;

class LeakDetectorTest {

    /** Borrows age by this clock only: a connection is held past the threshold when the test says so. */
    private final ManualClock clock = new ManualClock();

    private EnginePool pool(StubDatabase db, StackCapture capture, boolean reclaim) throws Exception {
        return StubPools.start(StubPools.config(db).leakThreshold(Duration.ofMinutes(1)).leakStackCapture(capture)
                .leakReclaim(reclaim).build(), clock.tuning());
    }

    @Test
    void leakSuspectIsListedWithThreadTimeAndBorrowStack() throws Exception {
        StubDatabase db = StubDatabase.unique("leak");
        try (EnginePool pool = pool(db, StackCapture.ALWAYS, false)) {
            Connection c = pool.getConnection();
            clock.advance(Duration.ofMinutes(2));
            List<LeakSuspect> suspects = pool.leakSuspects();
            assertEquals(1, suspects.size());
            LeakSuspect s = suspects.get(0);
            assertTrue(s.thread().contains(Thread.currentThread().getName()), s.thread());
            assertTrue(s.held().compareTo(Duration.ofMinutes(2)) >= 0, s.held().toString());
            assertTrue(s.borrowStackText().contains("leakSuspectIsListedWithThreadTimeAndBorrowStack"),
                    s.borrowStackText());
            assertEquals(LeakDetectorTest.class.getName(), s.borrowStack().get(0).getClassName(),
                    "stack starts at the application's call, not inside the pool");
            c.close();
            assertTrue(pool.leakSuspects().isEmpty());
        }
    }

    @Test
    void noStackIsCapturedWhenCaptureIsOff() throws Exception {
        StubDatabase db = StubDatabase.unique("leakoff");
        try (EnginePool pool = pool(db, StackCapture.OFF, false)) {
            Connection c = pool.getConnection();
            clock.advance(Duration.ofMinutes(2));
            assertTrue(pool.leakSuspects().get(0).borrowStack().isEmpty());
            c.close();
        }
    }

    @Test
    void reaperReportsEachLeakOnceWithAnEvent() throws Exception {
        StubDatabase db = StubDatabase.unique("leakevent");
        try (EnginePool pool = pool(db, StackCapture.OFF, false)) {
            List<PoolEvent> events = new CopyOnWriteArrayList<>();
            pool.addListener(events::add);
            Connection c = pool.getConnection();
            clock.advance(Duration.ofMinutes(2));
            pool.runReaperNow();
            pool.runReaperNow();
            assertEquals(1, pool.stats().leakSuspectCount());
            StubPools.await("event", () -> events.stream().anyMatch(e -> e instanceof PoolEvent.LeakSuspected));
            c.close();
        }
    }

    @Test
    void reclaimedConnectionThrowsOnUse() throws Exception {
        StubDatabase db = StubDatabase.unique("reclaim");
        try (EnginePool pool = pool(db, StackCapture.ALWAYS, false)) {
            Connection c = pool.getConnection();
            StubConnection raw = StubPools.raw(c);
            c.setAutoCommit(false);
            c.createStatement().executeUpdate("insert into t values (1)");
            clock.advance(Duration.ofMinutes(2));
            assertEquals(1, pool.reclaimLeaks());
            ConnectionReclaimedException e = assertThrows(ConnectionReclaimedException.class, c::createStatement);
            assertTrue(e.getMessage().contains("reclaimed after being held for"), e.getMessage());
            assertTrue(e.getMessage().contains("reclaimedConnectionThrowsOnUse"), "names where it was borrowed: "
                    + e.getMessage());
            assertEquals("08003", e.getSQLState());
            c.close(); // harmless
            StubPools.await("rolled back and closed", () -> raw.isClosed());
            assertEquals(1, raw.rollbackCalls());
            assertEquals(1, pool.stats().leakReclaimCount());
            assertEquals(1, pool.stats().leakSuspectCount(), "reclaimed before the reaper met it: still a leak");
            assertEquals(0, pool.stats().active());
        }
    }

    @Test
    void reaperReclaimsLeaksWhenLeakReclaimIsOn() throws Exception {
        StubDatabase db = StubDatabase.unique("reclaimauto");
        try (EnginePool pool = pool(db, StackCapture.OFF, true)) {
            Connection c = pool.getConnection();
            clock.advance(Duration.ofMinutes(2));
            pool.runReaperNow();
            assertThrows(ConnectionReclaimedException.class, () -> c.prepareStatement("select 1"));
            try (Connection fresh = pool.getConnection()) {
                assertTrue(fresh.isValid(1));
            }
        }
    }

    @Test
    void connectionClosedBeforeReclaimIsNotReclaimed() throws Exception {
        StubDatabase db = StubDatabase.unique("noreclaim");
        try (EnginePool pool = pool(db, StackCapture.OFF, false)) {
            Connection c = pool.getConnection();
            clock.advance(Duration.ofMinutes(2));
            c.close();
            assertEquals(0, pool.reclaimLeaks());
            assertEquals(0, db.closed());
        }
    }
}
