package pool.jmx;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import pool.api.ConnectionPool;
import pool.api.ReplicaStats;
import pool.jmx.internal.DescribedMBean;
import pool.jmx.internal.ReplicaBean;

/**
 * The {@link ReplicaMXBean}s of the pools, registered and unregistered with each pool's own
 * bean, and kept to the replicas a pool has now: a reload may add or remove a pool's replicas
 * in place, and the beans of those that left must go with them (the pool no longer names them).
 * Guarded by the {@link PoolBeans} that owns it.
 */
final class ReplicaBeans {

    private static final System.Logger LOG = System.getLogger("poold.jmx");

    private final MBeanServer server;
    /** Per pool name, the replicas it has a bean for. */
    private final Map<String, Set<String>> registered = new HashMap<>();

    ReplicaBeans(MBeanServer server) {
        this.server = server;
    }

    /** Registers the beans of the replicas {@code pool} has now, unregistering those of replicas it no longer has. */
    void sync(ConnectionPool pool) {
        Set<String> now = new LinkedHashSet<>();
        for (ReplicaStats r : pool.stats().replicas()) {
            now.add(r.name());
        }
        Set<String> had = registered.computeIfAbsent(pool.name(), p -> new LinkedHashSet<>());
        for (String gone : had.toArray(new String[0])) {
            if (!now.contains(gone)) {
                unregister(pool.name(), gone);
                had.remove(gone);
            }
        }
        for (String r : now) {
            if (had.contains(r)) {
                continue;
            }
            try {
                server.registerMBean(DescribedMBean.of(new ReplicaBean(pool, r)), PoolBeans.replicaNameOf(pool.name(), r));
                had.add(r);
            } catch (JMException e) {
                LOG.log(System.Logger.Level.WARNING, "replica '" + r + "' of pool '" + pool.name()
                        + "' has no MBean in this JVM: " + e);
            }
        }
        if (had.isEmpty()) {
            registered.remove(pool.name());
        }
    }

    /** Unregisters every replica bean of pool {@code pool}. */
    void unregister(String pool) {
        Set<String> had = registered.remove(pool);
        if (had != null) {
            had.forEach(r -> unregister(pool, r));
        }
    }

    private void unregister(String pool, String replica) {
        try {
            server.unregisterMBean(PoolBeans.replicaNameOf(pool, replica));
        } catch (InstanceNotFoundException e) {
            // gone already
        } catch (JMException e) {
            LOG.log(System.Logger.Level.WARNING, "could not unregister replica '" + replica + "': " + e);
        }
    }
}
