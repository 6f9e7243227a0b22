/**
 * What the application holds: {@link pool.engine.internal.proxy.ProxyConnection} (one small
 * handle per borrow) and statement, result-set and metadata wrappers, the per-connection
 * {@link pool.engine.internal.proxy.ConnectionState} that records what the application changed
 * (by JDBC setters, and by SQL that may change the database session) so that reset-on-return
 * touches only that, the pool's {@link pool.engine.internal.proxy.SessionSetup} that sets a
 * session up (init SQL, defaults) and sets it up again after its dialect reset it, and the
 * {@link pool.engine.internal.proxy.ClosedConnection} null object a handle becomes after
 * close, reclaim or shutdown. The {@code Delegating*} and
 * {@code ThrowingConnection} bases are generated at build time by {@code tools/JdbcGen.java}
 * (style {@code delegating}) into {@code target/generated-sources/jdbc}.
 */
package pool.engine.internal.proxy;
