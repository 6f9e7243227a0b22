package pool.jmx.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import pool.api.ConnectionPool;
import pool.api.TenantStats;

/**
 * The {@code poold:type=Tenant} beans of the pools with tenancy, kept in step with the
 * tenants each pool knows (named ones, and unknown ones as they come and are forgotten,
 * at most maxTenants per pool). Callers serialize calls.
 */
public final class TenantBeans {

    private static final System.Logger LOG = System.getLogger("poold.jmx");

    private final MBeanServer server;
    /** Registered beans by ObjectName, with the pool each shows. */
    private final Map<ObjectName, ConnectionPool> registered = new HashMap<>();

    public TenantBeans(MBeanServer server) {
        this.server = server;
    }

    /** Makes the registered tenant beans exactly those of the tenants {@code pools} know now. */
    public void sync(Iterable<ConnectionPool> pools, java.util.function.BiFunction<String, String, ObjectName> naming) {
        Map<ObjectName, ConnectionPool> wanted = new HashMap<>();
        Map<ObjectName, String> tenantOf = new HashMap<>();
        for (ConnectionPool p : pools) {
            if (p.liveSettings().tenancy() == null) {
                continue;
            }
            for (TenantStats t : p.stats().tenants()) {
                ObjectName n = naming.apply(p.name(), t.tenant());
                wanted.put(n, p);
                tenantOf.put(n, t.tenant());
            }
            for (String named : p.liveSettings().tenancy().tenants().keySet()) {
                ObjectName n = naming.apply(p.name(), named);
                wanted.put(n, p);
                tenantOf.put(n, named);
            }
        }
        for (ObjectName n : new HashSet<>(registered.keySet())) {
            if (wanted.get(n) != registered.get(n)) {
                unregister(n);
            }
        }
        for (Map.Entry<ObjectName, ConnectionPool> e : wanted.entrySet()) {
            if (!registered.containsKey(e.getKey())) {
                register(e.getKey(), e.getValue(), tenantOf.get(e.getKey()));
            }
        }
    }

    private void register(ObjectName name, ConnectionPool pool, String tenant) {
        try {
            server.registerMBean(new DescribedMBean<>(new TenantBean(pool, tenant), pool.jmx.TenantMXBean.class,
                    new javax.management.NotificationBroadcasterSupport()), name);
            registered.put(name, pool);
        } catch (InstanceAlreadyExistsException e) {
            LOG.log(System.Logger.Level.WARNING, "JMX name " + name + " is taken; tenant '" + tenant + "' of pool '"
                    + pool.name() + "' has no MBean in this JVM");
        } catch (JMException e) {
            throw new IllegalStateException("could not register " + name, e);
        }
    }

    private void unregister(ObjectName name) {
        registered.remove(name);
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException e) {
            // gone already
        } catch (JMException e) {
            LOG.log(System.Logger.Level.WARNING, "could not unregister " + name + ": " + e);
        }
    }

    /** @return the registered names */
    public Set<ObjectName> registered() {
        return Set.copyOf(registered.keySet());
    }

    /** Unregisters every tenant bean. */
    public void close() {
        for (ObjectName n : new HashSet<>(registered.keySet())) {
            unregister(n);
        }
    }
}
