package pool.engine.internal.lifecycle;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import pool.api.PoolStats;
import pool.engine.StubPools;
import pool.engine.internal.EnginePool;
import pool.stubdriver.StubDatabase;

/**
 * Idle, then a heavy burst, then light load: the pool opens burst connections within
 * the reaction time, never above maxSize + burstMaxSize, then contracts gradually and
 * monotonically with no re-expansion under the light load. The size timeline is kept
 * as target/load-step.csv and drawn as target/load-step.png.
 */
class LoadStepTest {

    static final int MAX = 4;
    static final int BURST = 4;

    @Test
    void burstExpandsWithinReactionTimeThenContractsGraduallyWithoutReexpanding() throws Exception {
        StubDatabase db = StubDatabase.unique("loadstep");
        SizeTimeline timeline = new SizeTimeline();
        try (EnginePool pool = StubPools.start(StubPools.config(db).minIdle(2).maxSize(MAX).burstMaxSize(BURST)
                .burstWaitThreshold(Duration.ofMillis(2)).burstLifetime(Duration.ofMinutes(5))
                .borrowTimeout(Duration.ofSeconds(5)).reaperInterval(Duration.ofMillis(100)).build())) {
            long t0 = System.nanoTime();
            String[] phase = {"idle"};
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (sampling.get()) {
                    PoolStats s = pool.stats();
                    timeline.add(new SizeTimeline.Sample((System.nanoTime() - t0) / 1_000_000, s.total(), s.active(),
                            s.idle(), s.pending(), phase[0]));
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            Thread.sleep(600);

            phase[0] = "burst";
            long burstStart = (System.nanoTime() - t0) / 1_000_000;
            AtomicBoolean heavy = new AtomicBoolean(true);
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                workers.add(Thread.ofVirtual().start(() -> {
                    while (heavy.get()) {
                        try (Connection c = pool.getConnection()) {
                            Thread.sleep(5);
                        } catch (Exception e) {
                            throw new RuntimeException(e);
                        }
                    }
                }));
            }
            Thread.sleep(1_500);
            heavy.set(false);
            for (Thread w : workers) {
                w.join();
            }

            phase[0] = "light";
            long lightStart = (System.nanoTime() - t0) / 1_000_000;
            long lightEnd = System.nanoTime() + 2_500_000_000L;
            while (System.nanoTime() < lightEnd) {
                try (Connection c = pool.getConnection()) {
                    Thread.sleep(1);
                }
                Thread.sleep(20);
            }
            sampling.set(false);
            sampler.join();

            Path target = Path.of(System.getProperty("poold.project.root", "."), "modules", "pool.engine", "target");
            timeline.writeCsv(target.resolve("load-step.csv"));
            timeline.writePng(target.resolve("load-step.png"), MAX, MAX + BURST);

            List<SizeTimeline.Sample> ss = timeline.samples();
            int peak = ss.stream().mapToInt(SizeTimeline.Sample::total).max().orElse(0);
            assertTrue(peak <= MAX + BURST, "never above the cap: " + peak);
            long expandedAt = ss.stream().filter(s -> s.millis() >= burstStart && s.total() > MAX)
                    .mapToLong(SizeTimeline.Sample::millis).findFirst().orElse(Long.MAX_VALUE);
            assertTrue(expandedAt - burstStart <= 500, "expanded above maxSize within 500 ms: "
                    + (expandedAt - burstStart) + " ms");
            // Light phase: from its peak, the size only goes down, step by step, and ends at maxSize or below.
            List<SizeTimeline.Sample> light = ss.stream().filter(s -> s.millis() >= lightStart).toList();
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
}
