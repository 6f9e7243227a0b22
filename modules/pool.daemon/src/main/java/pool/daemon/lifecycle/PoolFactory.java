package pool.daemon.lifecycle;

import java.sql.SQLException;
import pool.api.ConnectionPool;
import pool.api.PoolConfig;
import pool.api.spi.ConnectionFactory;

/**
 * Makes a running pool from its configuration: {@link #ENGINE}, {@code pool.engine.Pools}, in the
 * daemon. An interface so that lifecycle and reload can be tested without a database.
 */
@FunctionalInterface
public interface PoolFactory {

    /**
     * @return a started pool; with {@code Initialization.BACKGROUND} it is returned
     *         even when the database is down, and keeps trying
     * @throws SQLException when the pool is {@code FAIL_FAST} and cannot connect
     */
    ConnectionPool create(PoolConfig config) throws SQLException;

    /**
     * @return a started pool whose physical connections come from {@code connections} (the
     *         daemon's own H2 databases); a factory for tests may ignore it
     */
    default ConnectionPool create(PoolConfig config, ConnectionFactory connections) throws SQLException {
        return create(config);
    }

    /** The engine's pools: {@code pool.engine.Pools}. */
    PoolFactory ENGINE = new PoolFactory() {
        @Override
        public ConnectionPool create(PoolConfig config) throws SQLException {
            return pool.engine.Pools.create(config);
        }

        @Override
        public ConnectionPool create(PoolConfig config, ConnectionFactory connections) throws SQLException {
            return pool.engine.Pools.create(config, connections);
        }
    };
}
