package pool.engine.internal.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import pool.api.PoolStats;
import pool.engine.StubPools;
import pool.engine.internal.EnginePool;
import pool.engine.internal.core.ManualClock;
import pool.stubdriver.StubDatabase;
import pool.testsupport.await.Await;

/**
 * Idle, then a heavy burst, then light load: the pool opens burst connections as soon as
 * borrowers wait with nothing idle, never above maxSize + burstMaxSize, then contracts
 * gradually and monotonically with no re-expansion under the light load. The test drives
 * the reaper itself, one pass per step of pool time, so the outcome does not depend on how
 * the machine schedules threads. The size timeline (pool time) is kept as
 * target/load-step.csv and drawn as target/load-step.png.
 */
class LoadStepTest {

    static final int MAX = 4;
    static final int BURST = 4;
    static final Duration STEP = Duration.ofMillis(100);

    private final ManualClock clock = new ManualClock();
    private final long t0 = clock.now();
    private final SizeTimeline timeline = new SizeTimeline();

    @Test
    void burstExpandsAtOnceThenContractsGraduallyWithoutReexpanding() throws Exception {
        StubDatabase db = StubDatabase.unique("loadstep");
        try (EnginePool pool = StubPools.start(StubPools.config(db).minIdle(2).maxSize(MAX).burstMaxSize(BURST)
                .burstWaitThreshold(Duration.ofMillis(2)).burstLifetime(Duration.ofMinutes(5))
                .borrowTimeout(Duration.ofSeconds(60)).build(), clock.tuning())) {
            Await.until("minIdle filled", Duration.ofSeconds(30), () -> pool.stats().idle() == 2);
            for (int i = 0; i < 6; i++) {
                step(pool, "idle");
            }

            // Heavy: more borrowers than the cap, each holding its connection until released.
            int borrowers = MAX + BURST + 4;
            CountDownLatch release = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < borrowers; i++) {
                workers.add(Thread.ofVirtual().start(() -> {
                    try (Connection c = pool.getConnection()) {
                        release.await();
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }));
            }
            Await.until("the cap borrowed and the rest waiting", Duration.ofSeconds(30),
                    () -> pool.stats().active() == MAX + BURST && pool.stats().pending() == borrowers - MAX - BURST);
            sample(pool, "burst");
            assertEquals(MAX + BURST, pool.stats().total(), "expanded to the cap with no pool time passing");
            for (int i = 0; i < 3; i++) {
                step(pool, "burst"); // waiters: the reaper sees pressure and keeps the burst connections
            }
            release.countDown();
            for (Thread w : workers) {
                w.join();
            }
            assertEquals(MAX + BURST, db.opened(), "never more opened than the cap");

            // Light: one borrow at a time, one reaper pass per step.
            long openedBeforeLight = db.opened();
            for (int i = 0; i < 25; i++) {
                pool.getConnection().close();
                step(pool, "light");
            }

            Path target = Path.of(System.getProperty("poold.project.root", "."), "modules", "pool.engine", "target");
            timeline.writeCsv(target.resolve("load-step.csv"));
            timeline.writePng(target.resolve("load-step.png"), MAX, MAX + BURST);

            List<SizeTimeline.Sample> ss = timeline.samples();
            int peak = ss.stream().mapToInt(SizeTimeline.Sample::total).max().orElse(0);
            assertTrue(peak <= MAX + BURST, "never above the cap: " + peak);
            assertEquals(openedBeforeLight, db.opened(), "light load opened nothing");
            // Light phase: from its peak, the size only goes down, step by step, and ends at maxSize or below.
            List<SizeTimeline.Sample> light = ss.stream().filter(s -> s.phase().equals("light")).toList();
            int prev = Integer.MAX_VALUE;
            int steps = 0;
            for (SizeTimeline.Sample s : light) {
                assertTrue(s.total() <= prev, "re-expanded under light load at " + s.millis() + " ms: " + prev
                        + " -> " + s.total());
                if (s.total() < prev && prev != Integer.MAX_VALUE) {
                    steps++;
                }
                prev = s.total();
            }
            assertTrue(prev <= MAX, "contracted back to maxSize: " + prev);
            assertTrue(steps >= 2, "contraction is gradual (several steps), saw " + steps);
        }
    }

    /** One reaper interval of pool time passes and the reaper runs once. */
    private void step(EnginePool pool, String phase) {
        clock.advance(STEP);
        pool.runReaperNow();
        sample(pool, phase);
    }

    private void sample(EnginePool pool, String phase) {
        PoolStats s = pool.stats();
        timeline.add(new SizeTimeline.Sample((clock.now() - t0) / 1_000_000, s.total(), s.active(), s.idle(),
                s.pending(), phase));
    }
}
