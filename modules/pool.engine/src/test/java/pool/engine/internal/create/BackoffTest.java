package pool.engine.internal.create;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delayDoublesWithJitterUpToTheCap() {
        Backoff b = new Backoff(100, 1_000);
        assertEquals(0, b.delayNanos(0));
        for (int i = 0; i < 1_000; i++) {
            long d1 = b.delayNanos(1);
            assertTrue(d1 >= 50 && d1 <= 100, "first: " + d1);
            long d3 = b.delayNanos(3);
            assertTrue(d3 >= 200 && d3 <= 400, "third: " + d3);
            long d30 = b.delayNanos(30);
            assertTrue(d30 >= 500 && d30 <= 1_000, "capped: " + d30);
            assertTrue(b.delayNanos(1_000) <= 1_000);
        }
    }

    @Test
    void jitterSpreadsRetries() {
        Backoff b = new Backoff(1_000_000, 1_000_000_000);
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 50; i++) {
            seen.add(b.delayNanos(5));
        }
        assertTrue(seen.size() > 10, "jitter: " + seen.size() + " distinct delays");
    }
}
