package pool.jmx;

import java.util.List;

/**
 * One pool as JMX shows it, registered as {@code poold:type=Pool,name=<pool>}. Counters
 * count since the pool started; gauges are read when asked. Writable settings take effect
 * at once through the pool's live settings, the same place a configuration reload uses.
 *
 * <p>Notifications: {@value PoolNotifications#LEAK_SUSPECTED}, {@value PoolNotifications#LEAK_RECLAIMED} and
 * {@value PoolNotifications#POOL_EXHAUSTED}.
 */
public interface PoolMXBean {

    @Description("The pool's name")
    String getName();

    @Description("RUNNING, DEGRADED (the last attempts to open a connection failed), SUSPENDED, DRAINING or CLOSED")
    String getState();

    @Description("Connections borrowed now")
    int getActiveConnections();

    @Description("Connections open and idle now")
    int getIdleConnections();

    @Description("Connections open now, borrowed or idle")
    int getTotalConnections();

    @Description("Borrowers waiting for a connection now")
    int getPendingBorrowers();

    @Description("Borrows served since the pool started")
    long getBorrowCount();

    @Description("Borrows that timed out waiting since the pool started")
    long getTimeoutCount();

    @Description("Connections opened since the pool started")
    long getCreatedCount();

    @Description("Connections closed since the pool started")
    long getDestroyedCount();

    @Description("Failed attempts to open a connection since the pool started")
    long getCreateFailureCount();

    @Description("Connections that failed validation since the pool started")
    long getValidationFailureCount();

    @Description("Connections held longer than the leak threshold since the pool started")
    long getLeakSuspectCount();

    @Description("Leaked connections taken back from their holder since the pool started")
    long getLeakReclaimCount();

    @Description("Borrows refused at once because maxPending borrowers were already waiting, since the pool started")
    long getRejectedBorrowCount();

    @Description("Median wait for a connection of the borrows that waited, in microseconds")
    long getWaitP50Micros();

    @Description("95th percentile of the wait for a connection, in microseconds")
    long getWaitP95Micros();

    @Description("99th percentile of the wait for a connection, in microseconds")
    long getWaitP99Micros();

    @Description("Runs of the reaper since the pool started")
    long getReaperRunCount();

    @Description("When the reaper last finished a run, in milliseconds since 1970-01-01 UTC (0: not yet)")
    long getReaperLastRun();

    @Description("How long the reaper's last run took, in microseconds")
    long getReaperLastDurationMicros();

    @Description("Live settings changed (JMX, poolctl set) that now differ from the configuration file: setting,"
            + " live value, file value; tenant quotas as 'tenant acme max'. A reload keeps them while the file leaves the pool's settings as they were")
    List<SettingChangeRow> getChangedSettings();

    @Description("Connections kept open even when idle; writable")
    int getMinIdle();

    void setMinIdle(int minIdle);

    @Description("Most connections open at once; writable")
    int getMaxSize();

    void setMaxSize(int maxSize);

    @Description("Connections opened above maxSize while borrowers wait, closed again when idle; writable")
    int getBurstMaxSize();

    void setBurstMaxSize(int burstMaxSize);

    @Description("Longest wait for a connection before a borrow fails, in milliseconds; writable")
    long getBorrowTimeoutMillis();

    void setBorrowTimeoutMillis(long millis);

    @Description("Idle time after which a connection above minIdle is closed, in milliseconds (0: never); writable")
    long getIdleTimeoutMillis();

    void setIdleTimeoutMillis(long millis);

    @Description("Age at which a connection is retired, in milliseconds (0: never); writable")
    long getMaxLifetimeMillis();

    void setMaxLifetimeMillis(long millis);

    @Description("Borrow time after which a connection is a leak suspect, in milliseconds (0: off); writable")
    long getLeakThresholdMillis();

    void setLeakThresholdMillis(long millis);

    @Description("Whether connections held longer than the leak threshold are taken back by force; writable")
    boolean isLeakReclaim();

    void setLeakReclaim(boolean leakReclaim);

    @Description("A connection used this recently is handed out without validation, in milliseconds (0: validate"
            + " every borrow); writable")
    long getValidationSkipWindowMillis();

    void setValidationSkipWindowMillis(long millis);

    @Description("Time between two runs of the reaper, in milliseconds; writable")
    long getReaperIntervalMillis();

    void setReaperIntervalMillis(long millis);

    @Description("Sets minIdle and maxSize together (one change, so no order of the two is ever invalid)")
    void resize(@Description(value = "Connections kept open even when idle", name = "minIdle") int minIdle,
                @Description(value = "Most connections open at once", name = "maxSize") int maxSize);

    @Description("Takes back every connection held longer than the leak threshold; returns how many")
    int reclaimLeaks();

    @ReadOnly
    @Description("Connections held longer than the leak threshold now: connection, thread, held millis, borrow stack")
    List<LeakSuspectRow> leakSuspects();

    @Description("Retires every connection: idle ones now, borrowed ones when they come back")
    void softEvict();

    @Description("Borrows wait (up to their timeout) until resume, and no connection is opened for them meanwhile;"
            + " borrowed connections stay in use")
    void suspend();

    @Description("Ends a suspend: waiting borrowers are served in order")
    void resume();

    @Description("Runs the reaper now: idle timeouts, lifetimes, leak detection, minIdle")
    void runReaperNow();
}
