/**
 * Read/write splitting over a primary and its replicas: SQL classification, replica health
 * and lag, read-after-write, failover. It exports nothing: {@code pool.engine}'s
 * {@code Pools.create} reaches it through the {@link pool.api.spi.RoutingProvider} service
 * when a pool's configuration names replicas.
 */
module pool.routing {
    requires transitive pool.api;
    requires pool.engine;

    provides pool.api.spi.RoutingProvider with pool.routing.internal.ReplicaRoutingProvider;
}
