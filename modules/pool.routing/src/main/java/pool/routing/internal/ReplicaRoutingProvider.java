package pool.routing.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import pool.api.ConnectionPool;
import pool.api.Initialization;
import pool.api.PoolConfig;
import pool.api.Replicas;
import pool.api.spi.RoutingProvider;
import pool.routing.internal.replica.ReplicaServer;
import pool.routing.internal.replica.ReplicationProbe;

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
                replicas.add(new ReplicaServer(r.name(), servers.replica(replicaConfig(config, r))));
            }
        } catch (SQLException | RuntimeException e) {
            primary.close();
            replicas.forEach(r -> r.pool().close());
            throw e;
        }
        RoutingPool pool = new RoutingPool(config, primary, replicas, servers);
        pool.start();
        return pool;
    }

    /** @return the configuration of replica {@code r}'s own pool in a pool configured as {@code config} */
    static PoolConfig replicaConfig(PoolConfig config, Replicas.Replica r) {
        ReplicationProbe probe = ReplicationProbe.forUrl(config.jdbcUrl());
        Integer level = config.defaultTransactionIsolation();
        // A default level replicas refuse (serializable on PostgreSQL) would fail even the
        // pool's own checks there; sessions at that level read on the primary anyway.
        Integer replicaLevel = level != null && probe != null && !probe.replicaServes(level) ? null : level;
        return config.toBuilder().replicas(null).name(config.name() + "." + r.name())
                .jdbcUrl(r.jdbcUrl()).defaultTransactionIsolation(replicaLevel)
                // fail-fast is about the pool's database, the primary: a replica out at
                // start is DOWN, as later, and its check finds it when it comes up
                .initialization(Initialization.BACKGROUND).build();
    }
}
