/**
 * The pool engine: an in-process {@link pool.api.ConnectionPool} over a JDBC driver.
 * Only {@code pool.engine} (the {@code Pools} factory) is exported; everything else is
 * internal.
 */
module pool.engine {
    requires transitive pool.api;

    exports pool.engine;
    // The SQL lexer and session-effects reading, for the routing module's statement classifier only.
    exports pool.engine.internal.sql to pool.routing;

    uses pool.api.spi.RoutingProvider;
    uses pool.api.spi.TenancyProvider;
}
