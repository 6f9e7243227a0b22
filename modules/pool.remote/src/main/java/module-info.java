/**
 * The daemon side of remote JDBC: publishes pools in an RMI registry, serves their
 * remote sessions under leases, authenticates clients. The daemon requires it; an
 * application server never does.
 */
module pool.remote {
    requires transitive pool.api;
    requires transitive pool.protocol;
    // The engine's SQL lexer and read classifier (pool.engine.internal.sql, exported to this module).
    requires pool.engine;

    exports pool.remote;
}
