package pool.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WaitHistogramTest {

    @Test
    void bucketsCoverValuesWithinTwelveAndAHalfPercent() {
        for (long v = 0; v < 5_000_000; v = v < 100 ? v + 1 : v * 11 / 10) {
            int b = WaitHistogram.bucket(v);
            long upper = WaitHistogram.upperBound(b);
            assertTrue(upper >= v, v + " above its bucket's bound " + upper);
            assertTrue(upper <= Math.max(v, 7) * 1.125 + 1, v + " reported as " + upper);
        }
    }

    @Test
    void borrowsThatDidNotWaitCountAsZero() {
        WaitHistogram h = new WaitHistogram(0);
        for (int i = 0; i < 10; i++) {
            h.record(1_000);
        }
        WaitHistogram.Snapshot s = h.snapshot(500); // 490 borrows served at once, 2 % waited
        assertEquals(0, s.p50());
        assertEquals(0, s.p95());
        assertTrue(s.p99() >= 1_000 && s.p99() < 1_130, "p99 " + s.p99());
        assertEquals(1_000, s.max());
    }

    @Test
    void percentilesFollowTheRecordedWaits() {
        WaitHistogram h = new WaitHistogram(0);
        for (int i = 1; i <= 100; i++) {
            h.record(i * 100L);
        }
        WaitHistogram.Snapshot s = h.snapshot(100);
        assertTrue(s.p50() >= 5_000 && s.p50() <= 5_700, "p50 " + s.p50());
        assertTrue(s.p95() >= 9_500 && s.p95() <= 10_700, "p95 " + s.p95());
        assertTrue(s.p99() >= 9_900 && s.p99() <= 11_200, "p99 " + s.p99());
    }

    @Test
    void noPercentileExceedsTheLongestWait() {
        WaitHistogram h = new WaitHistogram(0);
        h.record(29_522); // its bucket's upper bound is 30_719
        WaitHistogram.Snapshot s = h.snapshot(1);
        assertEquals(29_522, s.max());
        assertEquals(29_522, s.p50());
        assertEquals(29_522, s.p99());
    }

    @Test
    void oldWaitsLeaveTheWindow() {
        WaitHistogram h = new WaitHistogram(0);
        h.record(50_000);
        long later = WaitHistogram.SLOT_NANOS * (WaitHistogram.SLOTS + 1);
        h.rotate(later, 1);
        WaitHistogram.Snapshot s = h.snapshot(1);
        assertEquals(0, s.p99());
        assertEquals(0, s.max());
    }

    @Test
    void aReusedSubWindowCountsOnlyItsNewWaits() {
        WaitHistogram h = new WaitHistogram(0);
        h.record(50_000);
        for (int i = 1; i <= WaitHistogram.SLOTS; i++) { // all the way round, back to the first sub-window
            h.rotate(i * WaitHistogram.SLOT_NANOS, 1);
        }
        h.record(100);
        WaitHistogram.Snapshot s = h.snapshot(2);
        assertTrue(s.max() == 100 && s.p99() <= 112, "only the new wait: " + s);
    }

    @Test
    void concurrentFirstRecordsOfASubWindowAreAllCounted() throws Exception {
        int threads = 8;
        int rounds = 3_000;
        WaitHistogram[] hs = new WaitHistogram[rounds];
        for (int r = 0; r < rounds; r++) {
            hs[r] = new WaitHistogram(0);
        }
        // Each round's threads race for the first record of a fresh sub-window.
        java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(threads);
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            ts[t] = new Thread(() -> {
                try {
                    for (WaitHistogram h : hs) {
                        barrier.await();
                        h.record(1_000);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ts[t].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        for (int r = 0; r < rounds; r++) {
            assertEquals(threads, hs[r].recorded(), "round " + r + ": every record counted once");
        }
    }
}
