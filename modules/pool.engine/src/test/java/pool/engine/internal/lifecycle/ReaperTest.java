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
    void connectionsOpenedTogetherRetireSpreadOverTheLifetimeAppliedLive() throws Exception {
        // Opened while maxLifetime was 0: their lifetimes are still spread once one is set.
        StubDatabase db = StubDatabase.unique("spread");
        ManualClock clock = new ManualClock();
        try (EnginePool pool = StubPools.start(StubPools.config(db).maxSize(20).idleTimeout(Duration.ZERO)
                .maxLifetime(Duration.ZERO).build(), clock.tuning())) {
            List<Connection> held = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                held.add(pool.getConnection());
            }
            for (Connection c : held) {
                c.close();
            }
            pool.apply(pool.liveSettings().withMaxLifetime(Duration.ofMinutes(10)));
            // Half way into the last 2.5 % of the lifetime: each has had about an even chance.
            clock.advance(Duration.ofMinutes(10).minusMillis(7_500));
            pool.runReaperNow();
            int left = pool.stats().total();
            assertTrue(left > 0 && left < 20, (20 - left) + " of 20 retired at once");
            clock.advance(Duration.ofSeconds(8));
            pool.runReaperNow();
            assertEquals(0, pool.stats().total(), "all retired by the end of their lifetime");
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

    @Test
    void aFactoryWhoseValidationThrowsLosesNoConnectionAndTheReaperKeepsRunning() throws Exception {
        // A custom factory (or its driver) may throw from validate: that connection is taken as
        // invalid, and neither the reaper's pass nor a borrow leaves connections out of the pool.
        StubDatabase db = StubDatabase.unique("validatethrows");
        ManualClock clock = new ManualClock();
        pool.api.PoolConfig config = StubPools.config(db).maxSize(2).build();
        java.util.concurrent.atomic.AtomicInteger throwing = new java.util.concurrent.atomic.AtomicInteger();
        pool.engine.internal.create.JdbcConnectionFactory jdbc = new pool.engine.internal.create.JdbcConnectionFactory(config);
        pool.api.spi.ConnectionFactory factory = new pool.api.spi.ConnectionFactory() {
            @Override
            public Connection create() throws java.sql.SQLException {
                return jdbc.create();
            }

            @Override
            public boolean validate(Connection connection, Duration timeout) {
                if (throwing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new IllegalStateException("validation blew up");
                }
                return jdbc.validate(connection, timeout);
            }

            @Override
            public void destroy(Connection connection) {
                jdbc.destroy(connection);
            }
        };
        try (EnginePool pool = EnginePool.start(config, factory, clock.tuning())) {
            Connection a = pool.getConnection();
            Connection b = pool.getConnection();
            a.close();
            b.close();
            clock.advance(Duration.ofNanos(EngineTuning.DEFAULTS.keepaliveNanos()).plusSeconds(1));
            throwing.set(1);
            pool.runReaperNow();
            assertEquals(1, pool.stats().validationFailureCount(), pool.stats().toString());
            assertEquals(1, pool.stats().idle(), "the other connection is back in the pool: " + pool.stats());
            pool.apply(pool.liveSettings().withValidationSkipWindow(Duration.ZERO));
            throwing.set(1);
            try (Connection c = pool.getConnection(); Connection d = pool.getConnection()) {
                assertEquals(2, pool.stats().active(), "both borrows served: " + pool.stats());
            }
            assertEquals(2, pool.stats().validationFailureCount(), pool.stats().toString());
            assertEquals(2, pool.stats().total(), pool.stats().toString());
        }
    }
}
