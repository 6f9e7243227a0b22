package pool.client;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A function for H2 ({@code CREATE ALIAS HOLD FOR 'pool.client.Holds.hold'}) that keeps
 * the statement calling it running until the test lets it go, so that a test sees how
 * many calls the daemon runs at once. Public: H2 calls it by reflection.
 */
public final class Holds {

    static final AtomicInteger INSIDE = new AtomicInteger();
    static volatile CountDownLatch release = new CountDownLatch(1);

    private Holds() {
    }

    /** Waits until released (at most a minute); @return the length of {@code payload} */
    public static int hold(String payload) throws InterruptedException {
        INSIDE.incrementAndGet();
        release.await(60, TimeUnit.SECONDS);
        return payload.length();
    }

    static void reset() {
        INSIDE.set(0);
        release = new CountDownLatch(1);
    }
}
