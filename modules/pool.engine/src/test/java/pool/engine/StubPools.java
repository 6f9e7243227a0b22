package pool.engine;

import java.sql.SQLException;
import java.time.Duration;
import pool.api.PoolConfig;
import pool.engine.internal.EnginePool;
import pool.engine.internal.core.EngineTuning;
import pool.engine.internal.create.JdbcConnectionFactory;
import pool.engine.internal.proxy.ProxyConnection;
import pool.stubdriver.StubConnection;
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

    /**
     * The stub connection behind a pool's handle, read without {@code unwrap}: an unwrap
     * hands the application the driver's object, which the pool counts as a possible
     * session change (and the stub's dialect has no session reset).
     */
    public static StubConnection raw(java.sql.Connection handle) {
        return (StubConnection) ((ProxyConnection) handle).state().raw();
    }

    /** Waits (parked, up to 5 s) until the condition holds; fails the test when it does not. */
    public static void await(String what, java.util.function.BooleanSupplier condition) {
        try {
            pool.testsupport.await.Await.until(what, java.time.Duration.ofSeconds(5), condition::getAsBoolean);
        } catch (AssertionError | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("interrupted waiting for: " + what, e);
        }
    }
}
