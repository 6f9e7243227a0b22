package pool.jmx;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;
import javax.management.openmbean.ArrayType;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import pool.jmx.internal.DescribedMBean;

/**
 * {@link DaemonMXBean} over callbacks into the daemon, so that this module knows nothing
 * of the daemon's classes. Register it with {@link #register}, tell it of every applied
 * reload with {@link #reloaded}, and {@link #close} it when the daemon stops.
 */
public final class DaemonBean implements DaemonMXBean, AutoCloseable {

    /** Notification type: a reload was applied; the message says what changed. */
    public static final String CONFIG_RELOADED = "poold.config.reloaded";
    /** Notification type: a reload was refused and the running configuration stays; the message says why. */
    public static final String CONFIG_REJECTED = "poold.config.rejected";

    /** {@code poold:type=Daemon}. */
    public static final ObjectName NAME = name();

    private static final System.Logger LOG = System.getLogger("poold.jmx");

    private final Supplier<List<String>> pools;
    private final String configFile;
    private final Supplier<String> reload;
    private final LongSupplier passwordChecks;
    private final Instant startedAt = Instant.now();
    private final NotificationBroadcasterSupport broadcaster = new NotificationBroadcasterSupport(
            new MBeanNotificationInfo(new String[] {CONFIG_RELOADED, CONFIG_REJECTED}, Notification.class.getName(),
                    "A configuration reload was applied (user data: the pools added, removed, retuned, replaced and"
                            + " unchanged) or refused (user data: its problems)"));
    private final AtomicLong sequence = new AtomicLong();
    private MBeanServer server;

    /**
     * @param pools      the names of the pools running now
     * @param configFile the configuration file, as shown
     * @param reload     reloads and returns what happened, in words
     * @param passwordChecks how many password checks the daemon has run
     */
    public DaemonBean(Supplier<List<String>> pools, String configFile, Supplier<String> reload,
                      LongSupplier passwordChecks) {
        this.pools = pools;
        this.configFile = configFile;
        this.reload = reload;
        this.passwordChecks = passwordChecks;
    }

    private static ObjectName name() {
        try {
            return new ObjectName("poold:type=Daemon");
        } catch (MalformedObjectNameException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Registers this bean in the platform MBean server; a name taken by another daemon in this JVM is left to it. */
    public synchronized void register() {
        register(ManagementFactory.getPlatformMBeanServer());
    }

    /** Registers this bean in {@code target}. */
    public synchronized void register(MBeanServer target) {
        try {
            target.registerMBean(new DescribedMBean<>(this, DaemonMXBean.class, broadcaster), NAME);
            server = target;
        } catch (javax.management.InstanceAlreadyExistsException e) {
            LOG.log(System.Logger.Level.WARNING, "JMX name " + NAME + " is taken; this daemon has no Daemon MBean");
        } catch (JMException e) {
            throw new IllegalStateException("could not register " + NAME, e);
        }
    }

    @Override
    public List<String> getPools() {
        return pools.get().stream().sorted().toList();
    }

    @Override
    public String getConfigFile() {
        return configFile;
    }

    @Override
    public String getStartedAt() {
        return startedAt.toString();
    }

    @Override
    public long getPasswordChecks() {
        return passwordChecks.getAsLong();
    }

    @Override
    public String reload() {
        return reload.get();
    }

    /** Sends {@value #CONFIG_RELOADED} with {@code summary}, naming no pools in its user data. */
    public void reloaded(String summary) {
        reloaded(summary, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /**
     * Sends {@value #CONFIG_RELOADED}: {@code summary} as its message and, as its user data, a
     * composite of the pools by what the reload did to them (each a sorted array of names), so
     * that a script need not parse the message.
     */
    public void reloaded(String summary, List<String> added, List<String> removed, List<String> retuned,
                         List<String> replaced, List<String> unchanged) {
        Notification n = new Notification(CONFIG_RELOADED, NAME, sequence.incrementAndGet(),
                System.currentTimeMillis(), summary);
        try {
            n.setUserData(new CompositeDataSupport(RELOADED, Map.of("added", sorted(added), "removed", sorted(removed),
                    "retuned", sorted(retuned), "replaced", sorted(replaced), "unchanged", sorted(unchanged))));
        } catch (OpenDataException e) {
            throw new IllegalStateException(e);
        }
        broadcaster.sendNotification(n);
    }

    /**
     * Sends {@value #CONFIG_REJECTED}: {@code summary} as its message and, as its user data, a
     * composite with {@code problems}, one entry per problem as the log says it.
     */
    public void rejected(String summary, List<String> problems) {
        Notification n = new Notification(CONFIG_REJECTED, NAME, sequence.incrementAndGet(),
                System.currentTimeMillis(), summary);
        try {
            n.setUserData(new CompositeDataSupport(REJECTED, Map.of("problems", problems.toArray(String[]::new))));
        } catch (OpenDataException e) {
            throw new IllegalStateException(e);
        }
        broadcaster.sendNotification(n);
    }

    private static final CompositeType REJECTED = rejectedType();

    private static CompositeType rejectedType() {
        try {
            return new CompositeType(CONFIG_REJECTED, "A reload the daemon refused",
                    new String[] {"problems"}, new String[] {"What is wrong, one problem each (file:line:column: ...)"},
                    new OpenType<?>[] {ArrayType.getArrayType(SimpleType.STRING)});
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static String[] sorted(List<String> names) {
        return names.stream().sorted().toArray(String[]::new);
    }

    private static final CompositeType RELOADED = reloadedType();

    private static CompositeType reloadedType() {
        try {
            ArrayType<String[]> names = ArrayType.getArrayType(SimpleType.STRING);
            return new CompositeType(CONFIG_RELOADED, "The pools by what an applied reload did to them",
                    new String[] {"added", "removed", "retuned", "replaced", "unchanged"},
                    new String[] {"Pools the reload started", "Pools it drained and closed",
                            "Pools whose live settings it changed in place, connections kept",
                            "Pools it replaced by a new pool of the same name (a connection setting changed)",
                            "Pools it left as they were"},
                    new OpenType<?>[] {names, names, names, names, names});
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Unregisters the bean, if this daemon registered it. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        try {
            server.unregisterMBean(NAME);
        } catch (JMException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not unregister " + NAME + ": " + e);
        }
        server = null;
    }
}
