package pool.tenancy.internal;

import java.sql.SQLException;
import pool.api.ConnectionPool;
import pool.api.PoolConfig;
import pool.api.TenancyMode;
import pool.api.spi.TenancyProvider;

/** The {@link TenancyProvider} the engine finds: shared mode gates one pool, sharded mode splits it. */
public final class TenancyService implements TenancyProvider {

    @Override
    public ConnectionPool create(PoolConfig config, EnginePools engine) throws SQLException {
        if (config.tenancy().mode() == TenancyMode.SHARDED) {
            return ShardedPool.start(config, engine);
        }
        return engine.create(config, new TenantAdmission(config));
    }
}
