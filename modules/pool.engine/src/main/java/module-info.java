/**
 * The pool engine: an in-process {@link pool.api.ConnectionPool} over a JDBC driver.
 * Only {@code pool.engine} (the {@code Pools} factory) is exported; everything else is
 * internal.
 */
module pool.engine {
    requires transitive pool.api;

    exports pool.engine;
    // Reading SQL (lexer, session effects, read classification): for the routing module and the
    // daemon's remote sessions only.
    exports pool.engine.internal.sql to pool.routing, pool.remote;

    uses pool.api.spi.RoutingProvider;
    uses pool.api.spi.TenancyProvider;
}
