package pool.jmx;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import pool.api.ConnectionPool;
import pool.jmx.internal.DescribedMBean;
import pool.jmx.internal.PoolBean;
import pool.jmx.internal.TenantBeans;

/**
 * The {@link PoolMXBean}s of a set of pools in one MBean server, kept in step with the
 * pools that run: {@link #sync} registers new pools, unregisters removed ones and
 * re-registers a name whose pool was replaced (a reload that changed its connection).
 * For pools with tenancy it also keeps one {@link TenantMXBean} per tenant the pool knows,
 * {@code poold:type=Tenant,pool=<pool>,name=<tenant>}: in step at every sync and, as unknown
 * tenants come and go, every {@link #TENANT_REFRESH_SECONDS} seconds on a thread of its own.
 */
public final class PoolBeans implements AutoCloseable {

    /** Notification type: a connection was held longer than the leak threshold. */
    public static final String LEAK_SUSPECTED = "poold.leak.suspected";
    /** Notification type: a leaked connection was taken back from its holder. */
    public static final String LEAK_RECLAIMED = "poold.leak.reclaimed";
    /** Notification type: a borrow timed out or was refused because every connection was in use. */
    public static final String POOL_EXHAUSTED = "poold.pool.exhausted";
    /** Notification type: a replica stopped taking reads (down, or lagging past maxLag). */
    public static final String REPLICA_DOWN = "poold.replica.down";
    /** Notification type: a replica takes reads again. */
    public static final String REPLICA_UP = "poold.replica.up";

    private static final System.Logger LOG = System.getLogger("poold.jmx");

    private final MBeanServer server;
    private final Map<String, PoolBean> registered = new HashMap<>();

    /** How often the tenant beans follow the tenants the pools know (unknown tenants come and go). */
    public static final int TENANT_REFRESH_SECONDS = 2;
    private final TenantBeans tenants;
    private java.util.concurrent.ScheduledExecutorService tenantRefresher;

    /** @param server where the beans go; the platform MBean server in the daemon */
    public PoolBeans(MBeanServer server) {
        this.server = server;
        this.tenants = new TenantBeans(server);
    }

    /** @return {@code poold:type=Tenant,pool=<pool>,name=<tenant>} */
    public static ObjectName tenantNameOf(String pool, String tenant) {
        try {
            return new ObjectName("poold:type=Tenant,pool=" + value(pool) + ",name=" + value(tenant));
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("tenant '" + tenant + "' cannot be part of a JMX name", e);
        }
    }

    /** Registers and unregisters tenant beans to match the tenants the pools know now. */
    public synchronized void syncTenants() {
        List<ConnectionPool> pools = new ArrayList<>();
        registered.values().forEach(b -> pools.add(b.pool()));
        tenants.sync(pools, PoolBeans::tenantNameOf);
        boolean any = pools.stream().anyMatch(p -> p.liveSettings().tenancy() != null);
        if (any && tenantRefresher == null) {
            tenantRefresher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                    r -> Thread.ofPlatform().daemon().name("poold-jmx-tenants").unstarted(r));
            tenantRefresher.scheduleWithFixedDelay(this::refreshTenants, TENANT_REFRESH_SECONDS,
                    TENANT_REFRESH_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private void refreshTenants() {
        try {
            syncTenants();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not refresh the tenant MBeans: " + e);
        }
    }

    /** @return beans in the platform MBean server, which JConsole and VisualVM attach to */
    public static PoolBeans platform() {
        return new PoolBeans(ManagementFactory.getPlatformMBeanServer());
    }

    /** @return {@code poold:type=Pool,name=<pool>}, the name quoted when it holds characters ObjectName reserves */
    public static ObjectName nameOf(String pool) {
        try {
            return new ObjectName("poold:type=Pool,name=" + value(pool));
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("pool name '" + pool + "' cannot be part of a JMX name", e);
        }
    }

    /** @return {@code poold:type=Replica,pool=<pool>,name=<replica>} */
    public static ObjectName replicaNameOf(String pool, String replica) {
        try {
            return new ObjectName("poold:type=Replica,pool=" + value(pool) + ",name=" + value(replica));
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("replica '" + replica + "' cannot be part of a JMX name", e);
        }
    }

    private static String value(String s) {
        for (char c : s.toCharArray()) {
            if (",=:\"*?\n".indexOf(c) >= 0) {
                return ObjectName.quote(s);
            }
        }
        return s;
    }

    /** Makes the registered beans exactly those of {@code pools}. */
    public synchronized void sync(Collection<ConnectionPool> pools) {
        Map<String, ConnectionPool> wanted = new HashMap<>();
        pools.forEach(p -> wanted.put(p.name(), p));
        for (String name : registered.keySet().toArray(new String[0])) {
            ConnectionPool p = wanted.get(name);
            if (p == null || p != registered.get(name).pool()) {
                unregister(name);
            }
        }
        for (ConnectionPool p : wanted.values()) {
            if (!registered.containsKey(p.name())) {
                register(p);
            }
        }
        syncTenants();
    }

    private void register(ConnectionPool pool) {
        ObjectName name = nameOf(pool.name());
        PoolBean bean = new PoolBean(pool, name);
        try {
            server.registerMBean(DescribedMBean.of(bean), name);
        } catch (InstanceAlreadyExistsException e) {
            // Another owner in this JVM (a second daemon in a test) has the name: leave it theirs.
            LOG.log(System.Logger.Level.WARNING, "JMX name " + name + " is taken; pool '" + pool.name()
                    + "' has no MBean in this JVM");
            return;
        } catch (JMException e) {
            throw new IllegalStateException("could not register " + name, e);
        }
        pool.addListener(bean);
        registered.put(pool.name(), bean);
        ReplicaBeans.register(server, pool);
    }

    private void unregister(String pool) {
        PoolBean bean = registered.remove(pool);
        bean.pool().removeListener(bean);
        ReplicaBeans.unregister(server, bean.pool());
        try {
            server.unregisterMBean(nameOf(pool));
        } catch (InstanceNotFoundException e) {
            // unregistered by someone else meanwhile: nothing left to do
        } catch (JMException e) {
            LOG.log(System.Logger.Level.WARNING, "could not unregister " + nameOf(pool) + ": " + e);
        }
    }

    /** @return the pools with a bean now */
    public synchronized java.util.Set<String> registered() {
        return java.util.Set.copyOf(registered.keySet());
    }

    /** Unregisters every bean. */
    @Override
    public synchronized void close() {
        if (tenantRefresher != null) {
            tenantRefresher.shutdownNow();
            tenantRefresher = null;
        }
        tenants.close();
        for (String name : registered.keySet().toArray(new String[0])) {
            unregister(name);
        }
    }
}
