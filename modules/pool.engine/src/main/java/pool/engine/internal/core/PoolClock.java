package pool.engine.internal.core;

/**
 * The pool's time, for everything that ages: lifetimes, idle timeouts, the validation skip
 * window, keepalives, leak thresholds, the wait-time window. Nanoseconds on the
 * {@link System#nanoTime()} time base. {@link CoarseClock} in production; tests give a
 * clock they move, so nothing has to sleep for a connection to grow old.
 *
 * <p>Waiting itself (borrow deadlines, creation backoff, how long a reaper pass took) is
 * real time and reads {@code System.nanoTime()}: a parked thread wakes by the real clock.
 *
 * <p>The borrow and return paths call {@link #now()} on every cycle; production loads one
 * implementation only, so the call stays monomorphic and is inlined.
 */
public interface PoolClock {

    /** @return now, in nanoseconds on the {@link System#nanoTime()} time base */
    long now();
}
