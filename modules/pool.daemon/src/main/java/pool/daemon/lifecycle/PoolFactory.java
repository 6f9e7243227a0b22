package pool.daemon.lifecycle;

import java.sql.SQLException;
import pool.api.ConnectionPool;
import pool.api.PoolConfig;

/**
 * Makes a running pool from its configuration: {@code pool.engine.Pools::create} in the
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
}
