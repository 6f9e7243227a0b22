package pool.daemon.lifecycle;

import pool.api.ConnectionPool;
import pool.daemon.config.PoolDefinition;

/**
 * A pool the daemon runs, with the definition it was started from (live settings
 * applied since are in {@code pool.config()}; the definition is what reload compares).
 */
record RunningPool(PoolDefinition definition, ConnectionPool pool) {

    String name() {
        return definition.name();
    }
}
