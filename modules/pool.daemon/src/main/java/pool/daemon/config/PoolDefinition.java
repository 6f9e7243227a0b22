package pool.daemon.config;

import java.util.List;
import pool.api.PoolConfig;

/**
 * One {@code <pool>} of the file: the engine's configuration plus what only the
 * daemon needs.
 *
 * @param config      the pool's configuration, secrets resolved
 * @param driver      the database kind
 * @param location    where the pool is defined, for messages about it at run time
 * @param clientUsers the client users that may use the pool remotely, or null for every
 *                    user in {@code <clients>}
 * @param h2User      the H2 in-memory database the daemon creates with the pool's user
 *                    unprivileged ({@code <h2UnprivilegedUser>}), or null
 */
public record PoolDefinition(PoolConfig config, DriverKind driver, Location location, List<String> clientUsers,
                             UnprivilegedH2User h2User) {

    public PoolDefinition {
        clientUsers = clientUsers == null ? null : List.copyOf(clientUsers);
    }

    /** A definition whose pool every client user may use. */
    public PoolDefinition(PoolConfig config, DriverKind driver, Location location) {
        this(config, driver, location, null, null);
    }

    public String name() {
        return config.name();
    }

    /** @return whether client user {@code user} may use this pool */
    public boolean admits(String user) {
        return clientUsers == null || clientUsers.contains(user);
    }

    /**
     * @return whether {@code next} can be applied to a pool built from this definition
     *         in place, through {@code ConnectionPool.apply(LiveSettings)}, instead of
     *         replacing the pool
     */
    public boolean isLiveChangeTo(PoolDefinition next) {
        return isLiveChange(config, next.config, next);
    }

    /**
     * @return whether {@code next} differs from this, beyond live settings, only in its
     *         {@code <replicas>} section, both having one: the running pool takes it in place
     *         ({@code pool.api.spi.ReplicasInPlace}), keeping the primary's connections and
     *         those of the replicas that stay
     */
    public boolean isReplicaChangeTo(PoolDefinition next) {
        return config.replicas() != null && next.config.replicas() != null
                && isLiveChange(config.toBuilder().replicas(null).build(),
                        next.config.toBuilder().replicas(null).build(), next);
    }

    private boolean isLiveChange(PoolConfig from, PoolConfig to, PoolDefinition next) {
        return driver == next.driver && from.sameConnectionSettings(to)
                && java.util.Objects.equals(h2User, next.h2User);
    }
}
