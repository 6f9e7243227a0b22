package pool.engine.internal.core;

import java.util.concurrent.ScheduledExecutorService;
import pool.api.PoolConfig;
import pool.api.spi.ConnectionFactory;
import pool.engine.internal.bag.Bag;
import pool.engine.internal.metrics.EventDispatcher;
import pool.engine.internal.metrics.Metrics;

/**
 * What the engine's parts share, built once per pool by the pool itself: the borrower,
 * the creator and the reaper each take this one object instead of a dozen arguments.
 *
 * @param name        the pool's name, for messages and events
 * @param config      the configuration the pool was built with (fixed settings)
 * @param settings    the live-tunable settings
 * @param tuning      engine constants, and the {@link PoolClock} everything ages by
 * @param factory     opens, validates and closes physical connections
 * @param bag         the connections, idle and in use, and the waiters
 * @param size        the places taken, regular and burst
 * @param retirement  takes connections out for good
 * @param metrics     the pool's counters
 * @param events      the listeners' dispatcher
 * @param housekeeper the pool's one scheduler (reaper runs, creation retries, async timeouts)
 */
public record EngineCore(String name, PoolConfig config, LiveSettingsHolder settings, EngineTuning tuning,
                         ConnectionFactory factory, Bag<PoolEntry> bag, PoolSize size, Retirement retirement,
                         Metrics metrics, EventDispatcher events, ScheduledExecutorService housekeeper) {

    /** @return the clock everything that ages reads */
    public PoolClock clock() {
        return tuning.clock();
    }
}
