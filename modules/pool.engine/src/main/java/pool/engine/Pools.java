package pool.engine;

import java.sql.SQLException;
import java.util.concurrent.Executor;
import pool.api.ConnectionPool;
import pool.api.PoolConfig;
import pool.api.spi.BorrowAdmission;
import pool.api.spi.ConnectionFactory;
import pool.engine.internal.EnginePool;
import pool.engine.internal.core.EngineTuning;
import pool.engine.internal.create.JdbcConnectionFactory;
import pool.engine.internal.dialect.Dialect;

/**
 * Creates in-process connection pools.
 *
 * <pre>{@code
 * try (ConnectionPool pool = Pools.create(PoolConfig.builder("orders")
 *         .jdbcUrl("jdbc:postgresql://127.0.0.1:5432/app").user("app").password(pw)
 *         .minIdle(4).maxSize(16).build())) {
 *     try (Connection c = pool.getConnection()) { ... }
 * }
 * }</pre>
 */
public final class Pools {

    /**
     * Most connections one pool may ever hold, maxSize + burstMaxSize: the size of its
     * idle structure, fixed when the pool is made. Public so that a configuration can be
     * checked against it before any pool starts.
     */
    public static final int MAX_CONNECTIONS_PER_POOL = EngineTuning.DEFAULT_GLOBAL_CAP;

    private Pools() {
    }

    /**
     * Creates and starts a pool over the JDBC driver that accepts {@code config.jdbcUrl()}.
     * minIdle connections are opened in the background.
     *
     * @throws SQLException only with {@link pool.api.Initialization#FAIL_FAST}, when the first
     *                      connection cannot be opened (the message names the cause)
     * @throws IllegalArgumentException when maxSize + burstMaxSize exceeds the engine's global
     *                                  cap of 1024 connections per pool
     * @throws IllegalStateException    when the configuration names replicas and module
     *                                  {@code pool.routing} is not present
     * @throws IllegalStateException    when the configuration has {@link pool.api.Tenancy} and no
     *                                  {@link pool.api.spi.TenancyProvider} (module {@code pool.tenancy})
     *                                  is on the module or class path
     */
    public static ConnectionPool create(PoolConfig config) throws SQLException {
        return create(config, null, null);
    }

    /**
     * Creates and starts a pool whose physical connections come from {@code factory}.
     * The pool runs the configured init SQL and applies its defaults to each connection
     * {@code factory} opens, and again whenever it resets a connection's database session
     * (see {@link pool.api.spi.ConnectionFactory#create()}).
     *
     * @param factory where physical connections come from; null for the JDBC driver of the URL
     * @throws SQLException only with {@link pool.api.Initialization#FAIL_FAST}; see {@link #create(PoolConfig)}
     */
    public static ConnectionPool create(PoolConfig config, ConnectionFactory factory) throws SQLException {
        return create(config, factory, null);
    }

    /**
     * Creates and starts a pool whose async borrows ({@code borrowAsync}, {@code getConnectionAsync})
     * complete on {@code asyncCompletions} instead of the default, which runs each completion on
     * its own virtual thread. The executor must not run tasks inline on the submitting thread
     * if callbacks can be slow: the submitting thread may be one returning a connection.
     *
     * @param factory where physical connections come from; null for the JDBC driver of the URL
     * @throws SQLException only with {@link pool.api.Initialization#FAIL_FAST}; see {@link #create(PoolConfig)}
     */
    public static ConnectionPool create(PoolConfig config, ConnectionFactory factory, Executor asyncCompletions)
            throws SQLException {
        if (config.replicas() != null) {
            return RoutingPools.create(config, factory, asyncCompletions);
        }
        if (config.tenancy() != null) {
            return TenancyProviders.find(config).create(config,
                    (part, admission) -> start(part, factory, asyncCompletions, admission));
        }
        return start(config, factory, asyncCompletions, null);
    }

    private static EnginePool start(PoolConfig config, ConnectionFactory factory, Executor asyncCompletions,
                                        BorrowAdmission admission) throws SQLException {
        Dialect dialect = Dialect.forUrl(config.jdbcUrl());
        return EnginePool.start(config, factory == null ? new JdbcConnectionFactory(config, dialect) : factory,
                EngineTuning.DEFAULTS, asyncCompletions, dialect, admission);
    }
}
