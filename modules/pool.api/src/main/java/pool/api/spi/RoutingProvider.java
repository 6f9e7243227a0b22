package pool.api.spi;

import java.sql.SQLException;
import pool.api.ConnectionPool;
import pool.api.PoolConfig;

/**
 * Builds the pool of a configuration that names replicas ({@link PoolConfig#replicas()}):
 * the extension point through which {@code pool.engine}'s {@code Pools.create} reaches the
 * read/write routing of module {@code pool.routing} without either module knowing the
 * other's internals. {@code Pools.create} finds the provider with
 * {@link java.util.ServiceLoader} only when the configuration has replicas, so a pool
 * without replicas costs exactly what it costs without this interface.
 *
 * <p>A provider builds one pool per server through {@link Servers} (the engine's pools,
 * each with its own connections, limits, reaper and reset-on-return) and returns one
 * {@link ConnectionPool} over them whose connections route each statement.
 */
public interface RoutingProvider {

    /**
     * @param config  the pool's configuration; {@code config.replicas()} is not null
     * @param servers makes the pool of each server
     * @return the routing pool, started; closing it closes the servers' pools
     * @throws SQLException when a server pool refused to start (see {@code Pools.create})
     */
    ConnectionPool create(PoolConfig config, Servers servers) throws SQLException;

    /** Makes the plain pool of one server; given by {@code Pools.create}. */
    interface Servers {
        /**
         * @param config the primary's configuration (without replicas)
         * @return its pool, with the connection factory and executor {@code Pools.create} was given
         */
        ConnectionPool primary(PoolConfig config) throws SQLException;

        /**
         * @param config one replica's configuration (without replicas)
         * @return its pool, over the JDBC driver of {@code config.jdbcUrl()}
         */
        ConnectionPool replica(PoolConfig config) throws SQLException;
    }
}
