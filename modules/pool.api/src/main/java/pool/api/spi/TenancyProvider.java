package pool.api.spi;

import java.sql.SQLException;
import pool.api.ConnectionPool;
import pool.api.PoolConfig;

/**
 * Builds pools with {@link pool.api.Tenancy}. The engine ({@code pool.engine.Pools.create})
 * finds the implementation with {@link java.util.ServiceLoader} when a configuration has
 * tenancy (module {@code pool.tenancy} provides it) and hands over the building: shared mode
 * puts a {@link BorrowAdmission} in front of one engine pool; sharded mode builds one engine
 * pool per tenant group behind a routing pool.
 */
public interface TenancyProvider {

    /**
     * @param config a configuration whose {@link PoolConfig#tenancy()} is not null
     * @param engine builds the engine pools the tenancy is made of
     * @return the started pool; closing it closes everything it built
     * @throws SQLException as {@code Pools.create} does
     */
    ConnectionPool create(PoolConfig config, EnginePools engine) throws SQLException;

    /** How a {@link TenancyProvider} gets engine pools: the connection factory and executor of the original call come along. */
    @FunctionalInterface
    interface EnginePools {
        /**
         * Creates and starts one engine pool.
         *
         * @param config    its configuration; its {@code tenancy} is ignored
         * @param admission the gate every borrow passes through, or null for none
         */
        ConnectionPool create(PoolConfig config, BorrowAdmission admission) throws SQLException;
    }
}
