package pool.engine.internal.core;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A pool clock that stands still until the test moves it: connections, borrows and idle
 * times age by exactly what the test says, with no sleep. Starts at the real
 * {@link System#nanoTime()}, so readings stay on its time base.
 */
public final class ManualClock implements PoolClock {

    private final AtomicLong now = new AtomicLong(System.nanoTime());

    @Override
    public long now() {
        return now.get();
    }

    /** Moves the time forward by {@code d}. */
    public void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    /** @return the default tuning with this clock */
    public EngineTuning tuning() {
        return EngineTuning.DEFAULTS.withClock(this);
    }
}
