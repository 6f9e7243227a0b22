package pool.engine;

import java.sql.SQLException;
import java.time.Duration;
import pool.api.PoolConfig;
import pool.engine.internal.EnginePool;
import pool.engine.internal.EngineTuning;
import pool.engine.internal.create.JdbcConnectionFactory;
import pool.stubdriver.StubDatabase;

/** Test helper: pools over a fresh stub database each. */
public final class StubPools {

    private StubPools() {
    }

    /** A config for {@code db} with short timeouts suitable for tests; the reaper is effectively off. */
    public static PoolConfig.Builder config(StubDatabase db) {
        return PoolConfig.builder(db.name().replace('-', '_'))
                .jdbcUrl(db.url())
                .user("app").password("secret")
                .maxSize(4)
                .borrowTimeout(Duration.ofSeconds(2))
                .reaperInterval(Duration.ofHours(1))
                .createBackoffInitial(Duration.ofMillis(10))
                .createBackoffMax(Duration.ofMillis(100));
    }

    public static EnginePool start(PoolConfig config) throws SQLException {
        return EnginePool.start(config, new JdbcConnectionFactory(config), EngineTuning.DEFAULTS);
    }

    public static EnginePool start(PoolConfig config, EngineTuning tuning) throws SQLException {
        return EnginePool.start(config, new JdbcConnectionFactory(config), tuning);
    }

    /** Waits (parked, bounded) until the condition holds. */
    public static void await(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
        }
    }
}
