package pool.jmx;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import pool.api.ConnectionPool;
import pool.api.LiveSettings;
import pool.jmx.internal.DescribedMBean;
import pool.jmx.internal.PoolBean;
import pool.jmx.internal.TenantBeans;

/**
 * The {@link PoolMXBean}s of a set of pools in one MBean server, kept in step with the
 * pools that run: {@link #sync} registers new pools, unregisters removed ones and points
 * the bean of a name whose pool was replaced (a reload that changed its connection) at the
 * new pool, keeping its registration and so its listeners.
 * For pools with tenancy it also keeps one {@link TenantMXBean} per tenant the pool knows,
 * {@code poold:type=Tenant,pool=<pool>,name=<tenant>}: in step at every sync and, as unknown
 * tenants come and go, every {@link #TENANT_REFRESH_SECONDS} seconds on a thread of its own.
 */
public final class PoolBeans implements AutoCloseable {

    /** Same as {@link PoolNotifications#LEAK_SUSPECTED}. */
    public static final String LEAK_SUSPECTED = PoolNotifications.LEAK_SUSPECTED;
    /** Same as {@link PoolNotifications#LEAK_RECLAIMED}. */
    public static final String LEAK_RECLAIMED = PoolNotifications.LEAK_RECLAIMED;
    /** Same as {@link PoolNotifications#POOL_EXHAUSTED}. */
    public static final String POOL_EXHAUSTED = PoolNotifications.POOL_EXHAUSTED;
    /** Same as {@link PoolNotifications#REPLICA_DOWN}. */
    public static final String REPLICA_DOWN = PoolNotifications.REPLICA_DOWN;
    /** Same as {@link PoolNotifications#REPLICA_UP}. */
    public static final String REPLICA_UP = PoolNotifications.REPLICA_UP;

    private static final System.Logger LOG = System.getLogger("poold.jmx");

    private final MBeanServer server;
    private final Map<String, PoolBean> registered = new HashMap<>();
    private final ReplicaBeans replicas;
    private final Function<String, LiveSettings> fileSettings;

    /** How often the tenant beans follow the tenants the pools know (unknown tenants come and go). */
    public static final int TENANT_REFRESH_SECONDS = 2;
    private final TenantBeans tenants;
    private java.util.concurrent.ScheduledExecutorService tenantRefresher;

    /** @param server where the beans go; the platform MBean server in the daemon */
    public PoolBeans(MBeanServer server) {
        this(server, null);
    }

    /**
     * @param server       where the beans go; the platform MBean server in the daemon
     * @param fileSettings each pool's live settings as the configuration file gives them
     *                     now (null for a pool the file does not have), so that a bean can
     *                     show which settings were changed live ({@link PoolMXBean#getChangedSettings()});
     *                     null when there is no file
     */
    public PoolBeans(MBeanServer server, Function<String, LiveSettings> fileSettings) {
        this.server = server;
        this.replicas = new ReplicaBeans(server);
        this.fileSettings = fileSettings;
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
            if (p == null) {
                unregister(name);
            } else if (p != registered.get(name).pool()) {
                replace(registered.get(name), p);
            } else {
                replicas.sync(p); // a reload may have changed its replicas in place
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
        PoolBean bean = new PoolBean(pool, name,
                fileSettings == null ? null : () -> fileSettings.apply(pool.name()));
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
        replicas.sync(pool);
    }

    /**
     * A reload replaced the pool of this name: the bean shows the new pool under the same
     * registration, so that remote listeners keep their subscription (an unregistered name
     * drops them, and JMX tells a remote client nothing of it).
     */
    private void replace(PoolBean bean, ConnectionPool next) {
        ConnectionPool old = bean.pool();
        old.removeListener(bean);
        replicas.unregister(old.name());
        bean.show(next);
        next.addListener(bean);
        replicas.sync(next);
    }

    private void unregister(String pool) {
        PoolBean bean = registered.remove(pool);
        bean.pool().removeListener(bean);
        replicas.unregister(pool);
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
