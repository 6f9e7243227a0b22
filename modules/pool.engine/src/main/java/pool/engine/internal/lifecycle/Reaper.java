package pool.engine.internal.lifecycle;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import pool.api.LiveSettings;
import pool.api.spi.ConnectionFactory;
import pool.engine.internal.bag.Bag;
import pool.engine.internal.bag.BagItem;
import pool.engine.internal.core.EngineCore;
import pool.engine.internal.core.LiveSettingsHolder;
import pool.engine.internal.core.PoolClock;
import pool.engine.internal.core.PoolEntry;
import pool.engine.internal.core.PoolSize;
import pool.engine.internal.core.Retirement;
import pool.engine.internal.create.Creator;
import pool.engine.internal.leak.LeakDetector;
import pool.engine.internal.metrics.Metrics;

/**
 * The pool's one housekeeper. Each run: advances the wait-time window; takes the idle
 * connections out briefly to retire the expired, the soft-evicted, those above maxSize
 * and those idle past idleTimeout (keeping minIdle, oldest go first); validates idle
 * connections not checked for a keepalive interval (one at a time, outside the idle set,
 * so borrowers never wait on that I/O); checks for leaks; asks the creator to refill
 * minIdle; and records how long it took.
 *
 * <p>It reschedules itself after each run with the interval in force then, so a live
 * change of reaperInterval applies from the next run; {@link #reschedule()} applies it
 * at once. Runs are serialised by {@code runLock}, which only reaper runs (and
 * {@link #stop()}, to wait out a run in progress) take: never borrowers, returns or
 * {@code apply()}; scheduling state has its own lock that is never held across I/O.
 */
public final class Reaper {

    private static final Logger LOG = System.getLogger("poold.reaper");

    private final String pool;
    private final Bag<PoolEntry> bag;
    private final PoolSize size;
    private final LifecyclePolicy policy;
    private final LiveSettingsHolder settings;
    private final ConnectionFactory factory;
    private final Duration validationTimeout;
    private final Retirement retirement;
    private final Creator creator;
    private final LeakDetector leaks;
    private final BurstPolicy burst;
    private final Metrics metrics;
    private final ScheduledExecutorService scheduler;
    private final PoolClock clock;
    private final long keepaliveNanos;
    private final BagItem[] buffer;
    private final ReentrantLock runLock = new ReentrantLock();
    private final ReentrantLock scheduleLock = new ReentrantLock();
    private ScheduledFuture<?> next;
    private volatile boolean stopped;

    public Reaper(EngineCore core, LifecyclePolicy policy, Creator creator, LeakDetector leaks, BurstPolicy burst) {
        this.pool = core.name();
        this.bag = core.bag();
        this.size = core.size();
        this.policy = policy;
        this.settings = core.settings();
        this.factory = core.factory();
        this.validationTimeout = core.config().validationTimeout();
        this.retirement = core.retirement();
        this.creator = creator;
        this.leaks = leaks;
        this.burst = burst;
        this.metrics = core.metrics();
        this.scheduler = core.housekeeper();
        this.clock = core.clock();
        this.keepaliveNanos = core.tuning().keepaliveNanos();
        this.buffer = new BagItem[bag.capacity()];
    }

    /** Schedules the next run after the current interval (cancelling a pending one). */
    public void reschedule() {
        scheduleLock.lock();
        try {
            if (stopped) {
                return;
            }
            if (next != null) {
                next.cancel(false);
            }
            long interval = settings.get().reaperInterval().toNanos();
            next = scheduler.schedule(this::scheduledRun, interval, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shutDown) {
            // the pool is closing
        } finally {
            scheduleLock.unlock();
        }
    }

    /** Stops scheduling and waits for a run in progress to finish (it may hold idle connections). */
    public void stop() {
        scheduleLock.lock();
        try {
            stopped = true;
            if (next != null) {
                next.cancel(false);
            }
        } finally {
            scheduleLock.unlock();
        }
        runLock.lock(); // wait out a run in progress
        runLock.unlock();
    }

    private void scheduledRun() {
        try {
            runOnce();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "pool '" + pool + "': reaper run failed; it keeps running", e);
        }
        reschedule();
    }

    /** One full pass, on the calling thread. */
    public void runOnce() {
        runLock.lock();
        try {
            if (stopped) {
                return;
            }
            long start = System.nanoTime(); // how long the pass takes: real time
            long now = clock.now();
            metrics.reaperStarted(now);
            metrics.rotate(now);
            burst.observe();
            sweepIdle(now);
            LiveSettings s = settings.get();
            leaks.check(clock.now(), s.leakThreshold().toNanos(), s.leakReclaim());
            creator.demand();
            if (creator.configurationError() != null) {
                creator.probe();
            }
            metrics.reaperRan(System.nanoTime() - start, System.currentTimeMillis());
        } finally {
            runLock.unlock();
        }
    }

    private void sweepIdle(long now) {
        LiveSettings s = settings.get();
        int n = bag.reserveAllIdle(buffer);
        if (n == 0) {
            return;
        }
        int idleLeft = n;
        int burstToRetire = burst.burstToRetire();
        // Decide oldest first: under LIFO the oldest were taken last.
        boolean lifoOrder = bag.lifo();
        for (int k = 0; k < n; k++) {
            int i = lifoOrder ? n - 1 - k : k;
            PoolEntry e = (PoolEntry) buffer[i];
            String reason = null;
            if (e.evictRequested()) {
                reason = "evicted";
            } else if (policy.expired(e, now)) {
                reason = "lifetime";
            } else if (e.burst() && burstToRetire > 0) {
                burstToRetire--;
                reason = "burst-decay";
            } else if (size.get() > s.maxSize() + s.burstMaxSize() || !e.burst() && size.regular() > s.maxSize()) {
                reason = "shrink";
            } else if (idleLeft > s.minIdle() && policy.idleTimedOut(e, now)) {
                reason = "idle";
            }
            if (reason != null) {
                buffer[i] = null;
                idleLeft--;
                retirement.retire(e, reason, false);
            }
        }
        // Keepalive candidates leave the idle set while validated; the rest go back at once.
        int keep = 0;
        BagItem[] toValidate = null;
        for (int i = 0; i < n; i++) {
            PoolEntry e = (PoolEntry) buffer[i];
            if (e != null && policy.needsKeepalive(e, now, keepaliveNanos)) {
                if (toValidate == null) {
                    toValidate = new BagItem[n];
                }
                toValidate[keep++] = e;
                buffer[i] = null;
            }
        }
        bag.restore(buffer, 0, n);
        java.util.Arrays.fill(buffer, 0, n, null);
        for (int i = 0; i < keep; i++) {
            PoolEntry e = (PoolEntry) toValidate[i];
            if (factory.validate(e.raw(), validationTimeout)) {
                e.checkedAt(clock.now());
                bag.release(e);
            } else {
                metrics.validationFailures.increment();
                retirement.retire(e, "validation", false);
            }
        }
    }
}
