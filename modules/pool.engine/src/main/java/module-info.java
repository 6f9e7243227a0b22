/**
 * The pool engine: an in-process {@link pool.api.ConnectionPool} over a JDBC driver.
 * Only {@code pool.engine} (the {@code Pools} factory) is exported; everything else is
 * internal.
 */
module pool.engine {
    requires transitive pool.api;

    exports pool.engine;

    uses pool.api.spi.TenancyProvider;
}
