package pool.engine.internal.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CoarseClockTest {

    @Test
    void readsTheKernelsCoarseClockOnLinuxWithNativeAccess() {
        // The engine's tests run with --enable-native-access=pool.engine, as the daemon does.
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertTrue(CoarseClock.coarse(), "CLOCK_MONOTONIC_COARSE should be in use");
        }
    }

    @Test
    void isOnTheNanoTimeBaseAndAtMostATickBehind() {
        for (int i = 0; i < 100_000; i++) {
            long before = System.nanoTime();
            long coarse = CoarseClock.INSTANCE.now();
            long after = System.nanoTime();
            // Early by up to a kernel tick (plus scheduling noise), never later than the precise clock.
            assertTrue(coarse <= after, "coarse " + coarse + " is ahead of nanoTime " + after);
            assertTrue(before - coarse < 100_000_000L, "coarse lags nanoTime by " + (before - coarse) + " ns");
        }
    }

    @Test
    void manyThreadsSharingStripesEachReadTheirOwnTime() throws Exception {
        // 256 threads over 64 buffers: a clobbered or torn read would show up as a time
        // ahead of the precise clock or far behind it.
        java.util.concurrent.atomic.AtomicReference<String> bad = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 256; t++) {
            Thread.Builder b = t % 2 == 0 ? Thread.ofPlatform() : Thread.ofVirtual();
            threads.add(b.start(() -> {
                for (int i = 0; i < 20_000 && bad.get() == null; i++) {
                    long before = System.nanoTime();
                    long coarse = CoarseClock.INSTANCE.now();
                    long after = System.nanoTime();
                    if (coarse > after || before - coarse > 1_000_000_000L) {
                        bad.set("coarse " + coarse + " outside [" + before + " - 1 s, " + after + "]");
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(bad.get() == null, bad.get());
    }

    @Test
    void neverGoesBackwards() {
        long last = CoarseClock.INSTANCE.now();
        for (int i = 0; i < 1_000_000; i++) {
            long now = CoarseClock.INSTANCE.now();
            assertTrue(now >= last, "went back by " + (last - now) + " ns");
            last = now;
        }
    }
}
