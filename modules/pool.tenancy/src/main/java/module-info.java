/**
 * Per-tenant quotas, reservations and fair sharing between tenants, shared and sharded.
 * Nothing is exported: the engine finds {@link pool.api.spi.TenancyProvider} through
 * {@link java.util.ServiceLoader} when a {@link pool.api.PoolConfig} has tenancy, and
 * users configure it through {@link pool.api.Tenancy}.
 */
module pool.tenancy {
    requires transitive pool.api;

    provides pool.api.spi.TenancyProvider with pool.tenancy.internal.TenancyService;
}
