package pool.api.spi;

import java.sql.SQLException;
import java.time.Duration;
import pool.api.Replicas;

/**
 * A pool over a primary and replicas that takes a changed {@code <replicas>} section in place,
 * as a reload needs it to: the primary's pool and the pools of replicas that stay (same name,
 * same URL) keep their connections; a replica added gets a pool of its own, one removed (or
 * whose URL changed) stops taking reads at once and its pool drains; {@code maxLag},
 * {@code readAfterWrite}, {@code whenNoReplica} and {@code checkInterval} apply from the next
 * check and the next read. Implemented by the routing pool of module {@code pool.routing}.
 */
public interface ReplicasInPlace {

    /**
     * @param next         the new section; not null
     * @param drainTimeout how long a removed replica's borrowed connections get to come back
     *                     before its pool closes them
     * @throws SQLException when a new replica's pool could not be made; nothing changed then
     */
    void changeReplicas(Replicas next, Duration drainTimeout) throws SQLException;
}
