package pool.routing.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import pool.api.ConnectionPool;
import pool.api.PoolConfig;
import pool.api.Replicas;
import pool.api.spi.RoutingProvider;
import pool.routing.internal.replica.ReplicaServer;

/**
 * The {@link RoutingProvider} of module {@code pool.routing}: a pool per server (the primary
 * named as the pool, each replica {@code <pool>.<replica>}, all with the pool's credentials
 * and settings) under one {@link RoutingPool}.
 */
public final class ReplicaRoutingProvider implements RoutingProvider {

    @Override
    public ConnectionPool create(PoolConfig config, Servers servers) throws SQLException {
        ConnectionPool primary = servers.primary(config.toBuilder().replicas(null).build());
        List<ReplicaServer> replicas = new ArrayList<>();
        try {
            for (Replicas.Replica r : config.replicas().servers()) {
                PoolConfig rc = config.toBuilder().replicas(null).name(config.name() + "." + r.name())
                        .jdbcUrl(r.jdbcUrl()).build();
                replicas.add(new ReplicaServer(r.name(), servers.replica(rc)));
            }
        } catch (SQLException | RuntimeException e) {
            primary.close();
            replicas.forEach(r -> r.pool().close());
            throw e;
        }
        RoutingPool pool = new RoutingPool(config, primary, replicas);
        pool.start();
        return pool;
    }
}
