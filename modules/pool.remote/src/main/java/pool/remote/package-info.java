/**
 * The daemon side of remote JDBC. How the daemon uses it:
 *
 * <pre>{@code
 * // once, before anything else in the JVM touches RMI (it sets the RMI hardening properties)
 * RemoteServer remote = RemoteServer.start(RemoteServerConfig.defaults()
 *         .withHost("127.0.0.1").withPort(1099).withLease(Duration.ofSeconds(30)));   // .withTls(...)
 * // per configured pool; users as configured (encoded PasswordHash strings)
 * remote.publish(pool, Users.ofEncoded(Map.of("app", "pbkdf2-sha256$600000$...$...")));
 * // reload: publish() the same pool again to change its users (nothing is cut off), a new pool
 * // object under the same name to replace it; unpublish(name) withdraws a removed pool; given the
 * // drain timeout, both let the old endpoint's remote connections finish until then
 * remote.publish(newPool, users, drainTimeout);
 * remote.unpublish("gone", drainTimeout);
 * // shutdown: remote.close() first (remote connections are rolled back and returned), then drain the pools
 * // "poold --hash-password": PasswordHash.create(password).encoded()
 * }</pre>
 */
package pool.remote;
