package pool.jmx.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;
import pool.api.ConnectionPool;
import pool.api.LiveSettings;
import pool.api.PoolEvent;
import pool.api.PoolListener;
import pool.api.PoolStats;
import pool.jmx.LeakSuspectRow;
import pool.jmx.LiveSetting;
import pool.jmx.SettingChangeRow;
import pool.jmx.PoolMXBean;
import pool.jmx.PoolNotifications;

/**
 * {@link PoolMXBean} over one pool; also the pool's listener that turns its leak and
 * exhaustion events into notifications.
 */
public final class PoolBean implements PoolMXBean, PoolListener {

    private final ConnectionPool pool;
    private final ObjectName name;
    private final NotificationBroadcasterSupport broadcaster;
    private final AtomicLong sequence = new AtomicLong();
    private final Supplier<LiveSettings> fileSettings;

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
                PoolNotifications.REPLICA_DOWN, PoolNotifications.REPLICA_UP},
                Notification.class.getName(), "Leaks suspected and reclaimed, borrows that found the pool exhausted,"
                        + " replicas that stopped or started taking reads"));
    }

    /** @return the pool this bean shows */
    public ConnectionPool pool() {
        return pool;
    }

    NotificationBroadcasterSupport broadcaster() {
        return broadcaster;
    }

    private PoolStats stats() {
        return pool.stats();
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
        change(s -> s.withBorrowTimeout(millis("BorrowTimeoutMillis", millis)));
    }

    @Override
    public void setIdleTimeoutMillis(long millis) {
        change(s -> s.withIdleTimeout(millis("IdleTimeoutMillis", millis)));
    }

    @Override
    public void setMaxLifetimeMillis(long millis) {
        change(s -> s.withMaxLifetime(millis("MaxLifetimeMillis", millis)));
    }

    @Override
    public void setLeakThresholdMillis(long millis) {
        change(s -> s.withLeakThreshold(millis("LeakThresholdMillis", millis)));
    }

    @Override
    public void setReaperIntervalMillis(long millis) {
        change(s -> s.withReaperInterval(millis("ReaperIntervalMillis", millis)));
    }

    @Override
    public void resize(int minIdle, int maxSize) {
        change(s -> s.withSize(minIdle, maxSize));
    }

    /**
     * Read, change and apply under this bean's lock, so that two operators' writes do not
     * undo each other; the pool checks the result and, when it refuses, changes nothing.
     */
    private synchronized void change(UnaryOperator<LiveSettings> edit) {
        pool.apply(edit.apply(pool.liveSettings()));
    }

    private static Duration millis(String attribute, long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException(attribute + " must be 0 or more milliseconds, not " + millis);
        }
        return Duration.ofMillis(millis);
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
        pool.suspend();
    }

    @Override
    public void resume() {
        pool.resume();
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
                    + e.suspect().thread(), e.at().toEpochMilli());
            case PoolEvent.LeakReclaimed e -> send(PoolNotifications.LEAK_RECLAIMED, "connection " + e.suspect().connectionId()
                    + " of " + poolOf(e) + " taken back from thread " + e.suspect().thread() + " after "
                    + e.suspect().held().toMillis() + " ms", e.at().toEpochMilli());
            case PoolEvent.PoolExhausted e -> send(PoolNotifications.POOL_EXHAUSTED, poolOf(e) + " is exhausted: "
                    + e.stats().active() + " of " + e.stats().maxSize() + " connections borrowed, "
                    + e.stats().pending() + " borrowers waiting", e.at().toEpochMilli());
            case PoolEvent.ReplicaDown e -> send(PoolNotifications.REPLICA_DOWN, "replica '" + e.replica() + "' of "
                    + poolOf(e) + " takes no reads: " + e.reason(), e.at().toEpochMilli());
            case PoolEvent.ReplicaUp e -> send(PoolNotifications.REPLICA_UP, "replica '" + e.replica() + "' of "
                    + poolOf(e) + " takes reads again", e.at().toEpochMilli());
            default -> { } // connections opened and closed: counted in the attributes, too many to notify
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

    private void send(String type, String message, long at) {
        broadcaster.sendNotification(new Notification(type, name, sequence.incrementAndGet(), at, message));
    }
}
