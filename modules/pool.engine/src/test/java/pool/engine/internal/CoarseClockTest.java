package pool.engine.internal;

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
            long coarse = CoarseClock.now();
            long after = System.nanoTime();
            // Early by up to a kernel tick (plus scheduling noise), never later than the precise clock.
            assertTrue(coarse <= after, "coarse " + coarse + " is ahead of nanoTime " + after);
            assertTrue(before - coarse < 100_000_000L, "coarse lags nanoTime by " + (before - coarse) + " ns");
        }
    }

    @Test
    void neverGoesBackwards() {
        long last = CoarseClock.now();
        for (int i = 0; i < 1_000_000; i++) {
            long now = CoarseClock.now();
            assertTrue(now >= last, "went back by " + (last - now) + " ns");
            last = now;
        }
    }
}
