package pool.daemon;

import java.util.Map;
import java.util.Set;
import pool.api.ConnectionPool;
import pool.daemon.config.DaemonSettings;
import pool.remote.LoginGuard;

/**
 * Where the daemon makes its pools reachable for remote clients: the RMI registry
 * ({@link RmiPublisher}) in the daemon, a recorder in tests of the lifecycle.
 */
interface Publisher extends AutoCloseable {

    /**
     * Publishes {@code pool} under its name for these users (user name to encoded
     * password hash). Publishing the same pool object again changes only its users;
     * another pool under a published name replaces it for every new borrow.
     */
    void publish(ConnectionPool pool, Map<String, String> users);

    /**
     * As {@link #publish(ConnectionPool, Map)}, with the tenants some users are bound to
     * (user name to the tenants its logins may claim; users not in it may claim any).
     */
    default void publish(ConnectionPool pool, Map<String, String> users, Map<String, Set<String>> tenants) {
        publish(pool, users);
    }

    /**
     * As {@link #publish(ConnectionPool, Map, Map)}; when {@code pool} replaces another pool
     * under its name, the remote connections open on the replaced one keep working until they
     * are returned or {@code drainTimeout} has passed, then those left are rolled back and returned.
     */
    default void publish(ConnectionPool pool, Map<String, String> users, Map<String, Set<String>> tenants,
                         java.time.Duration drainTimeout) {
        publish(pool, users, tenants);
    }

    /** Withdraws a pool: no new lookups or borrows; its remote connections are rolled back and returned. */
    void unpublish(String name);

    /**
     * Withdraws a pool: no new lookups, logins or borrows; its remote connections keep working
     * until they are returned or {@code drainTimeout} has passed, then those left are rolled
     * back and returned.
     */
    default void unpublish(String name, java.time.Duration drainTimeout) {
        unpublish(name);
    }

    /**
     * The daemon's client users after a reload (user name to encoded hash, and the tenants
     * some are bound to): the remote connections still draining on a replaced or removed
     * pool's endpoint end at once for a user who is gone or has another password or tenants.
     */
    default void retainClients(Map<String, String> users, Map<String, Set<String>> tenants) {
    }

    /** @return the names published now */
    Set<String> published();

    /**
     * No new lookups, logins or borrows; waits up to {@code timeout} for remote clients to
     * return the connections they hold.
     *
     * @return whether every remote connection came back in time
     */
    default boolean drain(java.time.Duration timeout) {
        return true;
    }

    /** Unpublishes everything and stops listening. */
    @Override
    void close();

    /** Starts the publisher with the daemon's settings. */
    @FunctionalInterface
    interface Factory {
        /**
         * @param logins the daemon's one bound on password checks, shared with its JMX logins
         * @throws ConfigException when the settings cannot be used (port taken, unreadable
         *                         key store): the daemon does not start, exit 78
         */
        Publisher start(DaemonSettings settings, LoginGuard logins) throws ConfigException;
    }
}
