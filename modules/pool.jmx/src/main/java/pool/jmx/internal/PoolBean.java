package pool.jmx.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import pool.api.ConnectionPool;
import pool.api.LiveSettings;
import pool.api.PoolEvent;
import pool.api.PoolState;
import pool.api.PoolListener;
import pool.api.PoolStats;
import pool.jmx.LeakSuspectRow;
import pool.jmx.LiveSetting;
import pool.jmx.SettingChangeRow;
import pool.jmx.PoolMXBean;
import pool.jmx.PoolNotifications;

/**
 * {@link PoolMXBean} over one pool; also the pool's listener that turns its leak and
 * exhaustion events into notifications, each with a {@link CompositeData} as user data
 * (see {@link PoolNotifications}).
 */
public final class PoolBean implements PoolMXBean, PoolListener, OneReadSnapshot.Reads {

    /**
     * The hold-back of {@code poold.pool.exhausted} when the pool's borrow timeout is 0 (borrows
     * that do not wait, refused at once): one per second at most.
     */
    private static final Duration NO_WAIT_HOLD_BACK = Duration.ofSeconds(1);

    private static final CompositeType LEAK = type("poold.leak", "A leak suspected or reclaimed",
            new String[] {"pool", "part", "connection", "thread", "heldMillis"},
            new String[] {"The pool the bean shows", "The engine pool the connection belongs to (a sharded pool's"
                    + " sub-pool, a routed pool's replica), else the pool", "The connection's id",
                    "The thread that borrowed it", "How long it was held, in milliseconds"},
            new OpenType<?>[] {SimpleType.STRING, SimpleType.STRING, SimpleType.LONG, SimpleType.STRING,
                    SimpleType.LONG});
    private static final CompositeType EXHAUSTED = type("poold.pool.exhausted", "The pool when a borrow found it full",
            new String[] {"pool", "active", "idle", "total", "pending", "maxSize", "heldBack"},
            new String[] {"The pool", "Connections borrowed", "Connections idle", "Connections open",
                    "Borrowers waiting", "The maxSize setting", "Borrows that found the pool exhausted since the"
                    + " previous notification, not notified on their own"},
            new OpenType<?>[] {SimpleType.STRING, SimpleType.INTEGER, SimpleType.INTEGER, SimpleType.INTEGER,
                    SimpleType.INTEGER, SimpleType.INTEGER, SimpleType.LONG});
    private static final CompositeType REPLICA = type("poold.replica", "A replica that stopped or started taking reads",
            new String[] {"pool", "replica", "reason"},
            new String[] {"The pool", "The replica's name", "Why it takes no reads (empty when it takes reads again)"},
            new OpenType<?>[] {SimpleType.STRING, SimpleType.STRING, SimpleType.STRING});
    private static final CompositeType STATE = type("poold.pool.state", "A pool suspended or resumed",
            new String[] {"pool", "state"},
            new String[] {"The pool", "Its state after the change (SUSPENDED, RUNNING, DEGRADED)"},
            new OpenType<?>[] {SimpleType.STRING, SimpleType.STRING});

    private volatile ConnectionPool pool;
    private final ObjectName name;
    private final NotificationBroadcasterSupport broadcaster;
    private final AtomicLong sequence = new AtomicLong();
    private final Supplier<LiveSettings> fileSettings;
    /** Apart from the pool's lock, which a settings change holds while the pool applies it. */
    private final Object exhaustedLock = new Object();
    /** Reads the field at each call: a reload may have given the bean another pool ({@link #show}). */
    private final OneReadSnapshot<PoolStats> figures = new OneReadSnapshot<>(() -> pool.stats());
    private Instant lastExhausted;
    private long exhaustedHeldBack;

    /**
     * @param fileSettings the pool's settings as its configuration file gives them, or null
     *                     where there is no file (a pool made in-process)
     */
    public PoolBean(ConnectionPool pool, ObjectName name, Supplier<LiveSettings> fileSettings) {
        this.pool = pool;
        this.name = name;
        this.fileSettings = fileSettings;
        this.broadcaster = new NotificationBroadcasterSupport(new MBeanNotificationInfo(new String[] {
                PoolNotifications.LEAK_SUSPECTED, PoolNotifications.LEAK_RECLAIMED, PoolNotifications.POOL_EXHAUSTED,
                PoolNotifications.REPLICA_DOWN, PoolNotifications.REPLICA_UP, PoolNotifications.POOL_SUSPENDED,
                PoolNotifications.POOL_RESUMED},
                Notification.class.getName(), "Leaks suspected and reclaimed, borrows that found the pool exhausted"
                        + " (one for the borrows that waited together), replicas that stopped or"
                        + " started taking reads, the pool suspended or resumed; user data: a composite with the pool"
                        + " and the figures of the event"));
    }

    /** @return the pool this bean shows */
    public ConnectionPool pool() {
        return pool;
    }

    /**
     * Shows {@code next} from now on, a pool a reload made to replace the one of the same name:
     * the name stays registered, so that the listeners of JConsole, VisualVM and scripts keep
     * receiving this name's notifications. The caller moves this bean's listener over.
     */
    public void show(ConnectionPool next) {
        pool = next;
    }

    NotificationBroadcasterSupport broadcaster() {
        return broadcaster;
    }

    private PoolStats stats() {
        return figures.get();
    }

    @Override
    public <R> R withOneSnapshot(java.util.function.Supplier<R> read) {
        return figures.during(read);
    }

    @Override public String getName() { return pool.name(); }
    @Override public String getState() { return stats().state().name(); }
    @Override public int getActiveConnections() { return stats().active(); }
    @Override public int getIdleConnections() { return stats().idle(); }
    @Override public int getTotalConnections() { return stats().total(); }
    @Override public int getPendingBorrowers() { return stats().pending(); }
    @Override public long getBorrowCount() { return stats().borrowCount(); }
    @Override public long getTimeoutCount() { return stats().timeoutCount(); }
    @Override public long getCreatedCount() { return stats().createdCount(); }
    @Override public long getDestroyedCount() { return stats().destroyedCount(); }
    @Override public long getCreateFailureCount() { return stats().createFailureCount(); }
    @Override public long getValidationFailureCount() { return stats().validationFailureCount(); }
    @Override public long getLeakSuspectCount() { return stats().leakSuspectCount(); }
    @Override public long getLeakReclaimCount() { return stats().leakReclaimCount(); }
    @Override public long getRejectedBorrowCount() { return stats().rejectedCount(); }
    @Override public long getReaperRunCount() { return stats().reaperRuns(); }
    @Override public long getReaperLastDurationMicros() { return stats().reaperLastRunMicros(); }

    @Override
    public long getReaperLastRun() {
        java.time.Instant at = stats().reaperLastRunAt();
        return at == null ? 0 : at.toEpochMilli();
    }

    @Override
    public List<SettingChangeRow> getChangedSettings() {
        LiveSettings file = fileSettings == null ? null : fileSettings.get();
        if (file == null) {
            return List.of();
        }
        LiveSettings live = pool.liveSettings();
        List<SettingChangeRow> rows = new ArrayList<>();
        for (LiveSetting s : LiveSetting.values()) {
            String now = s.format(live);
            String configured = s.format(file);
            if (!now.equals(configured)) {
                rows.add(new SettingChangeRow(s.settingName(), now, configured));
            }
        }
        if (live.tenancy() != null && file.tenancy() != null) {
            tenancyChanges(live.tenancy(), file.tenancy(), rows);
        }
        return rows;
    }

    /** Quotas changed live (a Tenant bean's Min, Max, Weight, or apply), as the file names them. */
    private static void tenancyChanges(pool.api.Tenancy live, pool.api.Tenancy file, List<SettingChangeRow> rows) {
        changed(rows, "unknownTenants", live.unknownTenants().name().toLowerCase(java.util.Locale.ROOT),
                file.unknownTenants().name().toLowerCase(java.util.Locale.ROOT));
        changed(rows, "maxTenants", live.maxTenants(), file.maxTenants());
        changed(rows, "atMax", live.failAtMax() ? "fail" : "wait", file.failAtMax() ? "fail" : "wait");
        limitChanges(rows, "defaultTenant", live.defaultLimits(), file.defaultLimits());
        java.util.Set<String> tenants = new java.util.LinkedHashSet<>(file.tenants().keySet());
        tenants.addAll(live.tenants().keySet());
        for (String t : tenants) {
            // Written through its bean, an unknown tenant becomes named, with the file's default limits
            // or others: a change from the file even when the limits are the same (named tenants are
            // never forgotten, and count against maxTenants).
            changed(rows, "tenant " + t + " named", live.tenants().containsKey(t), file.tenants().containsKey(t));
            // A tenant named only live ran under the file's default limits there.
            limitChanges(rows, "tenant " + t, live.limitsOf(t), file.limitsOf(t));
        }
    }

    private static void limitChanges(List<SettingChangeRow> rows, String who, pool.api.TenantLimits live,
                                     pool.api.TenantLimits file) {
        changed(rows, who + " min", live.min(), file.min());
        changed(rows, who + " max", live.max(), file.max());
        changed(rows, who + " weight", live.weight(), file.weight());
    }

    private static void changed(List<SettingChangeRow> rows, String setting, Object live, Object file) {
        if (!live.equals(file)) {
            rows.add(new SettingChangeRow(setting, live.toString(), file.toString()));
        }
    }

    @Override public long getWaitP50Micros() { return stats().waitP50Micros(); }
    @Override public long getWaitP95Micros() { return stats().waitP95Micros(); }
    @Override public long getWaitP99Micros() { return stats().waitP99Micros(); }

    @Override public int getMinIdle() { return pool.liveSettings().minIdle(); }
    @Override public int getMaxSize() { return pool.liveSettings().maxSize(); }
    @Override public long getBorrowTimeoutMillis() { return pool.liveSettings().borrowTimeout().toMillis(); }
    @Override public long getIdleTimeoutMillis() { return pool.liveSettings().idleTimeout().toMillis(); }
    @Override public long getMaxLifetimeMillis() { return pool.liveSettings().maxLifetime().toMillis(); }
    @Override public long getLeakThresholdMillis() { return pool.liveSettings().leakThreshold().toMillis(); }
    @Override public long getReaperIntervalMillis() { return pool.liveSettings().reaperInterval().toMillis(); }
    @Override public int getBurstMaxSize() { return pool.liveSettings().burstMaxSize(); }
    @Override public boolean isLeakReclaim() { return pool.liveSettings().leakReclaim(); }

    @Override
    public long getValidationSkipWindowMillis() {
        return pool.liveSettings().validationSkipWindow().toMillis();
    }

    @Override
    public void setBurstMaxSize(int burstMaxSize) {
        change(s -> LiveSetting.BURST_MAX_SIZE.with(s, burstMaxSize));
    }

    @Override
    public void setLeakReclaim(boolean leakReclaim) {
        change(s -> LiveSetting.LEAK_RECLAIM.with(s, leakReclaim));
    }

    @Override
    public void setValidationSkipWindowMillis(long millis) {
        change(s -> LiveSetting.VALIDATION_SKIP_WINDOW.with(s, millis));
    }

    @Override
    public void setMinIdle(int minIdle) {
        change(s -> s.withSize(minIdle, s.maxSize()));
    }

    @Override
    public void setMaxSize(int maxSize) {
        change(s -> s.withSize(s.minIdle(), maxSize));
    }

    @Override
    public void setBorrowTimeoutMillis(long millis) {
        change(s -> LiveSetting.BORROW_TIMEOUT.with(s, millis));
    }

    @Override
    public void setIdleTimeoutMillis(long millis) {
        change(s -> LiveSetting.IDLE_TIMEOUT.with(s, millis));
    }

    @Override
    public void setMaxLifetimeMillis(long millis) {
        change(s -> LiveSetting.MAX_LIFETIME.with(s, millis));
    }

    @Override
    public void setLeakThresholdMillis(long millis) {
        change(s -> LiveSetting.LEAK_THRESHOLD.with(s, millis));
    }

    @Override
    public void setReaperIntervalMillis(long millis) {
        change(s -> LiveSetting.REAPER_INTERVAL.with(s, millis));
    }

    @Override
    public void resize(int minIdle, int maxSize) {
        change(s -> s.withSize(minIdle, maxSize));
    }

    /**
     * One read-change-apply step of the pool ({@link ConnectionPool#update}), as its tenant
     * beans' writes and a reload make theirs, so that two operators' writes (a resize and a
     * tenant's max, say) do not undo each other; the pool checks the result and, when it
     * refuses, changes nothing.
     */
    private void change(UnaryOperator<LiveSettings> edit) {
        pool.update(edit);
    }

    @Override
    public int reclaimLeaks() {
        return pool.reclaimLeaks();
    }

    @Override
    public java.util.List<LeakSuspectRow> leakSuspects() {
        return pool.leakSuspects().stream().map(s -> new LeakSuspectRow(s.connectionId(), s.thread(),
                s.held().toMillis(), s.borrowStackText())).toList();
    }

    @Override
    public void softEvict() {
        pool.softEvict();
    }

    @Override
    public void suspend() {
        ConnectionPool p = pool;
        boolean was = p.stats().state() == PoolState.SUSPENDED;
        p.suspend();
        stateChanged(p, was, PoolNotifications.POOL_SUSPENDED, "suspended: borrows wait until it is resumed");
    }

    @Override
    public void resume() {
        ConnectionPool p = pool;
        boolean was = p.stats().state() == PoolState.SUSPENDED;
        p.resume();
        stateChanged(p, was, PoolNotifications.POOL_RESUMED, "resumed: borrows are served again");
    }

    /** Sends {@code type} when suspend or resume changed whether the pool is suspended; a repeat is quiet. */
    private void stateChanged(ConnectionPool p, boolean wasSuspended, String type, String what) {
        PoolState now = p.stats().state();
        if (wasSuspended != (now == PoolState.SUSPENDED)) {
            send(type, "pool '" + p.name() + "' " + what, Instant.now(),
                    data(STATE, java.util.Map.of("pool", p.name(), "state", now.name())));
        }
    }

    @Override
    public void runReaperNow() {
        pool.runReaperNow();
    }

    @Override
    public void onEvent(PoolEvent event) {
        switch (event) {
            case PoolEvent.LeakSuspected e -> send(PoolNotifications.LEAK_SUSPECTED, "connection " + e.suspect().connectionId()
                    + " of " + poolOf(e) + " held " + e.suspect().held().toMillis() + " ms by thread "
                    + e.suspect().thread(), e.at(), leak(e.pool(), e.suspect()));
            case PoolEvent.LeakReclaimed e -> send(PoolNotifications.LEAK_RECLAIMED, "connection " + e.suspect().connectionId()
                    + " of " + poolOf(e) + " taken back from thread " + e.suspect().thread() + " after "
                    + e.suspect().held().toMillis() + " ms", e.at(), leak(e.pool(), e.suspect()));
            case PoolEvent.PoolExhausted e -> exhausted(e);
            case PoolEvent.ReplicaDown e -> send(PoolNotifications.REPLICA_DOWN, "replica '" + e.replica() + "' of "
                    + poolOf(e) + " takes no reads: " + e.reason(), e.at(),
                    replica(e.replica(), e.reason() == null ? "" : e.reason()));
            case PoolEvent.ReplicaUp e -> send(PoolNotifications.REPLICA_UP, "replica '" + e.replica() + "' of "
                    + poolOf(e) + " takes reads again", e.at(), replica(e.replica(), ""));
            default -> { } // connections opened and closed: counted in the attributes, too many to notify
        }
    }

    /**
     * One notification for the borrows that waited together: every borrow that times out on a
     * full pool is an event, and a hundred waiters timing out at once would otherwise be a hundred
     * notifications that say nothing the first did not. A timeout within one borrow timeout of
     * the last notification began waiting before it was sent, so it is counted in the next one
     * ({@code heldBack}) instead; a borrow that began later is a new exhaustion and is notified.
     * Under a steady overload that is one notification per borrow timeout.
     */
    private void exhausted(PoolEvent.PoolExhausted e) {
        Duration window = pool.liveSettings().borrowTimeout();
        if (window.isZero()) {
            window = NO_WAIT_HOLD_BACK;
        }
        long heldBack;
        synchronized (exhaustedLock) {
            if (lastExhausted != null && Duration.between(lastExhausted, e.at()).compareTo(window) < 0) {
                exhaustedHeldBack++;
                return;
            }
            lastExhausted = e.at();
            heldBack = exhaustedHeldBack;
            exhaustedHeldBack = 0;
        }
        PoolStats s = e.stats();
        send(PoolNotifications.POOL_EXHAUSTED, poolOf(e) + " is exhausted: " + s.active() + " of " + s.maxSize()
                + " connections borrowed, " + s.pending() + " borrowers waiting"
                + (heldBack == 0 ? "" : "; " + heldBack + (heldBack == 1 ? " more borrow" : " more borrows")
                        + " found it exhausted since the last notification"), e.at(),
                data(EXHAUSTED, java.util.Map.of("pool", pool.name(), "active", s.active(), "idle", s.idle(), "total",
                        s.total(), "pending", s.pending(), "maxSize", s.maxSize(), "heldBack", heldBack)));
    }

    private CompositeData leak(String part, pool.api.LeakSuspect suspect) {
        return data(LEAK, java.util.Map.of("pool", pool.name(), "part", part, "connection", suspect.connectionId(),
                "thread", java.util.Objects.toString(suspect.thread(), ""), "heldMillis", suspect.held().toMillis()));
    }

    private CompositeData replica(String replica, String reason) {
        return data(REPLICA, java.util.Map.of("pool", pool.name(), "replica", replica, "reason", reason));
    }

    private static CompositeData data(CompositeType type, java.util.Map<String, ?> values) {
        try {
            return new CompositeDataSupport(type, values);
        } catch (OpenDataException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CompositeType type(String name, String description, String[] items, String[] descriptions,
                                      OpenType<?>[] types) {
        try {
            return new CompositeType(name, description, items, descriptions, types);
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * @return the pool this bean shows, and the part of it the event came from when that is
     *         another engine pool (a sharded pool's sub-pool names itself in its events)
     */
    private String poolOf(PoolEvent e) {
        return e.pool().equals(pool.name()) ? "pool '" + pool.name() + "'"
                : "pool '" + pool.name() + "' (its part '" + e.pool() + "')";
    }

    private void send(String type, String message, Instant at, CompositeData userData) {
        Notification n = new Notification(type, name, sequence.incrementAndGet(), at.toEpochMilli(), message);
        n.setUserData(userData);
        broadcaster.sendNotification(n);
    }
}
