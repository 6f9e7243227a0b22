package pool.remote.internal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One kind of warning that a stranger can trigger at will (a connection over the cap, a
 * request too large or too slow): written at most once per interval, so that a flood
 * cannot fill the log or the disk, yet every occurrence is counted and the next line
 * says how many were not written.
 */
final class RateLimitedLog {

    private final System.Logger logger;
    private final long intervalNanos;
    private final LongSupplier clock;
    /** When the next line may be written, by {@link #clock}. */
    private final AtomicLong nextAt;
    private final LongAdder unwritten = new LongAdder();

    RateLimitedLog(System.Logger logger, Duration interval, LongSupplier nanoClock) {
        this.logger = logger;
        this.intervalNanos = interval.toNanos();
        this.clock = nanoClock;
        this.nextAt = new AtomicLong(nanoClock.getAsLong());
    }

    /** Writes {@code line} as a warning unless one was written less than the interval ago; then only counts it. */
    void warn(Supplier<String> line) {
        log(Level.WARNING, line);
    }

    /** Writes {@code line} at {@code level} unless a line was written less than the interval ago; then only counts it. */
    void log(Level level, Supplier<String> line) {
        long now = clock.getAsLong();
        long at = nextAt.get();
        if (now - at < 0 || !nextAt.compareAndSet(at, now + intervalNanos)) {
            unwritten.increment();
            return;
        }
        long more = unwritten.sumThenReset();
        logger.log(level, more == 0 ? line.get()
                : line.get() + " (and " + more + " more like it since the last such line)");
    }
}
