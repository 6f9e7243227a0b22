package pool.testsupport.await;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Waits for something asynchronous to hold, and fails the test when it does not: the one
 * waiting loop of the tests. A wait that runs out throws an {@link AssertionError} naming
 * what was awaited and the last value seen, never falls through silently. Polls every
 * millisecond at first, backing off to every 20 ms, so a condition that holds soon costs
 * little and a slow one does not spin.
 */
public final class Await {

    /** A condition that may throw (a query, an RMI call). */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private static final long MAX_PAUSE_NANOS = 20_000_000L;

    private Await() {
    }

    /**
     * Returns once {@code condition} holds.
     *
     * @param what   what is awaited, for the failure message
     * @param within how long to wait at most
     * @throws AssertionError when it still does not hold after {@code within}
     */
    public static void until(String what, Duration within, Condition condition) throws Exception {
        value(what, within, condition::holds, Boolean::booleanValue);
    }

    /**
     * Returns the first value of {@code probe} that {@code accepted} takes.
     *
     * @throws AssertionError naming the last value when none is accepted within {@code within}
     */
    public static <T> T value(String what, Duration within, Callable<T> probe, Predicate<? super T> accepted)
            throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        long pause = 1_000_000L;
        for (;;) {
            T seen = probe.call();
            if (accepted.test(seen)) {
                return seen;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + within.toMillis() + " ms waiting for: " + what
                        + " (last seen: " + seen + ")");
            }
            LockSupport.parkNanos(pause);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for: " + what);
            }
            pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
        }
    }
}
