package pool.jmx;

import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import pool.api.ConnectionPool;
import pool.api.ReplicaStats;
import pool.jmx.internal.DescribedMBean;
import pool.jmx.internal.ReplicaBean;

/** The {@link ReplicaMXBean}s of one pool, registered and unregistered with the pool's own bean. */
final class ReplicaBeans {

    private static final System.Logger LOG = System.getLogger("poold.jmx");

    private ReplicaBeans() {
    }

    static void register(MBeanServer server, ConnectionPool pool) {
        for (ReplicaStats r : pool.stats().replicas()) {
            try {
                server.registerMBean(DescribedMBean.of(new ReplicaBean(pool, r.name())),
                        PoolBeans.replicaNameOf(pool.name(), r.name()));
            } catch (JMException e) {
                LOG.log(System.Logger.Level.WARNING, "replica '" + r.name() + "' of pool '" + pool.name()
                        + "' has no MBean in this JVM: " + e);
            }
        }
    }

    static void unregister(MBeanServer server, ConnectionPool pool) {
        for (ReplicaStats r : pool.stats().replicas()) {
            try {
                server.unregisterMBean(PoolBeans.replicaNameOf(pool.name(), r.name()));
            } catch (InstanceNotFoundException e) {
                // never registered (the name was taken) or gone already
            } catch (JMException e) {
                LOG.log(System.Logger.Level.WARNING, "could not unregister replica '" + r.name() + "': " + e);
            }
        }
    }
}
