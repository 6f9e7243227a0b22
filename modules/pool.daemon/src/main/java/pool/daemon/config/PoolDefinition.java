package pool.daemon.config;

import pool.api.PoolConfig;

/**
 * One {@code <pool>} of the file: the engine's configuration plus what only the
 * daemon needs.
 *
 * @param config   the pool's configuration, secrets resolved
 * @param driver   the database kind
 * @param location where the pool is defined, for messages about it at run time
 */
public record PoolDefinition(PoolConfig config, DriverKind driver, Location location) {

    public String name() {
        return config.name();
    }

    /**
     * @return whether {@code next} can be applied to a pool built from this definition
     *         in place, through {@code ConnectionPool.apply(LiveSettings)}, instead of
     *         replacing the pool
     */
    public boolean isLiveChangeTo(PoolDefinition next) {
        return driver == next.driver && config.sameConnectionSettings(next.config);
    }
}
