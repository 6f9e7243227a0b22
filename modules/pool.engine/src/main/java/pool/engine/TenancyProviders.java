package pool.engine;

import java.util.ServiceLoader;
import pool.api.PoolConfig;
import pool.api.spi.TenancyProvider;

/** Finds the {@link TenancyProvider} a configuration with tenancy needs (module {@code pool.tenancy}). */
final class TenancyProviders {

    private TenancyProviders() {
    }

    static TenancyProvider find(PoolConfig config) {
        // Looked up per create, not cached: pools are created rarely, and a cache would pin
        // a class loader of an application that has gone.
        for (TenancyProvider p : ServiceLoader.load(TenancyProvider.class, Pools.class.getClassLoader())) {
            return p;
        }
        for (TenancyProvider p : ServiceLoader.load(TenancyProvider.class)) {
            return p;
        }
        throw new IllegalStateException("pool '" + config.name() + "' has tenancy, but no tenancy implementation "
                + "was found: put the module pool.tenancy (pool.tenancy.jar) on the module path or class path");
    }
}
