package pool.engine;

import java.sql.SQLException;
import java.util.ServiceLoader;
import java.util.concurrent.Executor;
import pool.api.ConnectionPool;
import pool.api.PoolConfig;
import pool.api.spi.ConnectionFactory;
import pool.api.spi.RoutingProvider;

/**
 * A pool with replicas: built by the {@link RoutingProvider} of module {@code pool.routing},
 * from one plain engine pool per server. Only reached when the configuration names replicas.
 */
final class RoutingPools {

    private RoutingPools() {
    }

    static ConnectionPool create(PoolConfig config, ConnectionFactory factory, Executor asyncCompletions)
            throws SQLException {
        RoutingProvider provider = ServiceLoader.load(RoutingProvider.class, RoutingPools.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("pool '" + config.name()
                        + "' names replicas, but module pool.routing (the read/write routing) is not present:"
                        + " add it to the module path or class path"));
        return provider.create(config, new RoutingProvider.Servers() {
            @Override
            public ConnectionPool primary(PoolConfig primary) throws SQLException {
                return Pools.create(withoutReplicas(primary), factory, asyncCompletions);
            }

            @Override
            public ConnectionPool replica(PoolConfig replica) throws SQLException {
                return Pools.create(withoutReplicas(replica), null, asyncCompletions);
            }
        });
    }

    private static PoolConfig withoutReplicas(PoolConfig c) {
        return c.replicas() == null ? c : c.toBuilder().replicas(null).build();
    }
}
