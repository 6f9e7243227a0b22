package pool.engine.internal.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import pool.engine.StubPools;
import pool.engine.internal.EnginePool;
import pool.engine.internal.core.EngineTuning;
import pool.engine.internal.core.ManualClock;
import pool.stubdriver.StubDatabase;

class ReaperTest {

    @Test
    void reaperFillsMinIdleInTheBackground() throws Exception {
        StubDatabase db = StubDatabase.unique("minidle");
        try (EnginePool pool = StubPools.start(StubPools.config(db).minIdle(3).maxSize(5).build())) {
            StubPools.await("3 idle", () -> pool.stats().idle() == 3);
            assertEquals(3, db.opened());
        }
    }

    @Test
    void minIdleIsNotOvershotWhileTheReaperSweeps() throws Exception {
        // The reaper takes every idle connection out for a moment on each pass; a fill
        // decision made in that moment must still see them, or the pool grows past minIdle.
        StubDatabase db = StubDatabase.unique("minidlesweep");
        try (EnginePool pool = StubPools.start(StubPools.config(db).minIdle(3).maxSize(8).build())) {
            StubPools.await("3 idle", () -> pool.stats().idle() == 3);
            Thread sweeper = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 200_000; i++) {
                    pool.runReaperNow();
                }
            });
            while (sweeper.isAlive()) {
                pool.apply(pool.liveSettings()); // asks the creator whether minIdle needs filling
            }
            sweeper.join();
            assertEquals(3, db.opened(), "connections opened");
            assertEquals(3, pool.stats().total());
        }
    }

    @Test
    void idleTimeoutShrinksTowardMinIdleOldestFirst() throws Exception {
        StubDatabase db = StubDatabase.unique("idletimeout");
        ManualClock clock = new ManualClock();
        try (EnginePool pool = StubPools.start(StubPools.config(db).minIdle(1).maxSize(4)
                .idleTimeout(Duration.ofMinutes(1)).build(), clock.tuning())) {
            List<Connection> held = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                held.add(pool.getConnection());
            }
            for (Connection c : held) {
                c.close();
            }
            pool.runReaperNow();
            assertEquals(4, pool.stats().total(), "none idle for a minute yet");
            clock.advance(Duration.ofMinutes(2));
            pool.runReaperNow();
            assertEquals(1, pool.stats().total());
            assertEquals(1, pool.stats().idle());
            StubPools.await("3 closed", () -> db.closed() == 3);
        }
    }

    @Test
    void expiredIdleConnectionsAreRetiredAndReplacedForMinIdle() throws Exception {
        StubDatabase db = StubDatabase.unique("expire");
        ManualClock clock = new ManualClock();
        try (EnginePool pool = StubPools.start(StubPools.config(db).minIdle(2).maxSize(4)
                .maxLifetime(Duration.ofMinutes(30)).build(), clock.tuning())) {
            StubPools.await("2 idle", () -> pool.stats().idle() == 2);
            pool.runReaperNow();
            assertEquals(0, db.closed(), "not expired yet");
            clock.advance(Duration.ofMinutes(31));
            pool.runReaperNow();
            StubPools.await("replaced", () -> db.closed() == 2 && pool.stats().idle() == 2);
            assertEquals(4, db.opened());
        }
    }

    @Test
    void idleConnectionsAreValidatedAfterTheKeepaliveInterval() throws Exception {
        StubDatabase db = StubDatabase.unique("keepalive");
        ManualClock clock = new ManualClock();
        try (EnginePool pool = StubPools.start(StubPools.config(db).build(), clock.tuning())) {
            pool.getConnection().close();
            db.valid(false);
            pool.runReaperNow();
            assertEquals(0, pool.stats().validationFailureCount(), "checked less than a keepalive interval ago");
            clock.advance(Duration.ofNanos(EngineTuning.DEFAULTS.keepaliveNanos()).plusSeconds(1));
            pool.runReaperNow();
            assertEquals(1, pool.stats().validationFailureCount());
            assertEquals(0, pool.stats().total());
            StubPools.await("closed", () -> db.closed() == 1);
        }
    }

    @Test
    void reaperIntervalIsTunableWhileRunning() throws Exception {
        StubDatabase db = StubDatabase.unique("interval");
        try (EnginePool pool = StubPools.start(StubPools.config(db).build())) {
            long before = pool.stats().reaperRuns();
            pool.apply(pool.liveSettings().withReaperInterval(Duration.ofMillis(20)));
            StubPools.await("reaper runs on the new interval", () -> pool.stats().reaperRuns() >= before + 3);
        }
    }

    @Test
    void reaperMeasuresItsOwnCost() throws Exception {
        StubDatabase db = StubDatabase.unique("cost");
        ManualClock clock = new ManualClock();
        try (EnginePool pool = StubPools.start(StubPools.config(db).build(), clock.tuning())) {
            pool.getConnection().close();
            // past the keepalive interval: the next run validates the idle connection
            clock.advance(Duration.ofNanos(EngineTuning.DEFAULTS.keepaliveNanos()).plusSeconds(1));
            db.validationLatency(Duration.ofMillis(40));
            long runsBefore = pool.stats().reaperRuns();
            pool.runReaperNow();
            assertEquals(runsBefore + 1, pool.stats().reaperRuns());
            assertTrue(pool.stats().reaperLastRunMicros() >= 40_000,
                    "a run that waited 40 ms on a validation took " + pool.stats().reaperLastRunMicros() + " µs");
        }
    }
}
