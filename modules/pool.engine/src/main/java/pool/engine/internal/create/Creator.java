package pool.engine.internal.create;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import pool.api.LiveSettings;
import pool.api.PoolConfig;
import pool.api.PoolEvent;
import pool.api.spi.ConnectionFactory;
import pool.api.spi.Redaction;
import pool.engine.internal.bag.Bag;
import pool.engine.internal.bag.BagItem;
import pool.engine.internal.core.EngineCore;
import pool.engine.internal.core.LiveSettingsHolder;
import pool.engine.internal.core.PoolClock;
import pool.engine.internal.core.PoolEntry;
import pool.engine.internal.core.PoolSize;
import pool.engine.internal.metrics.EventDispatcher;
import pool.engine.internal.metrics.Metrics;
import pool.engine.internal.proxy.SessionSetup;

/**
 * Opens physical connections off the borrowers' threads, on its own small executor:
 * at most {@code maxConcurrentCreates} at once (no connect storm when a database comes
 * back), only while someone needs one (a waiting borrower not already covered by a
 * creation in flight, or idle below minIdle), never past maxSize.
 *
 * <p>Failures back off exponentially with jitter. A configuration error (bad
 * credentials, unknown database or host, no driver, failing init SQL) fails every
 * waiting borrower at once with the driver's reason, and new borrows fail fast while
 * the pool has no connection at all; attempts continue at the backoff cap, so fixing
 * the database side heals the pool without a restart.
 */
public final class Creator {

    /** Builds a pool entry around a new physical connection (session defaults, lifetime jitter). */
    public interface EntryBuilder {
        PoolEntry build(Connection raw, long nowNanos, boolean burst) throws SQLException;
    }

    private final String pool;
    private final ConnectionFactory factory;
    private final EntryBuilder builder;
    private final Bag<PoolEntry> bag;
    private final PoolSize size;
    private final LiveSettingsHolder settings;
    private final PoolClock clock;
    private final int maxConcurrent;
    private final Backoff backoff;
    private final Metrics metrics;
    private final EventDispatcher events;
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final Function<SQLException, SQLException> describe;
    private final BurstGate burstGate;
    private final String jdbcUrl;
    private final String user;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean retryScheduled = new AtomicBoolean();
    private volatile int consecutiveFailures;
    private volatile long nextAttemptNanos;
    private volatile SQLException lastFailure;
    private volatile SQLException configurationError;
    private volatile boolean closed;

    /**
     * @param executor where connections are opened (maxConcurrentCreates threads)
     * @param describe turns a driver's failure into the message borrowers see
     */
    public Creator(EngineCore core, EntryBuilder builder, BurstGate burstGate, ExecutorService executor,
                   Function<SQLException, SQLException> describe) {
        PoolConfig config = core.config();
        this.pool = core.name();
        this.factory = core.factory();
        this.builder = builder;
        this.bag = core.bag();
        this.size = core.size();
        this.settings = core.settings();
        this.clock = core.clock();
        this.maxConcurrent = config.maxConcurrentCreates();
        this.backoff = new Backoff(config.createBackoffInitial().toNanos(), config.createBackoffMax().toNanos());
        this.metrics = core.metrics();
        this.events = core.events();
        this.executor = executor;
        this.scheduler = core.housekeeper();
        this.describe = describe;
        this.burstGate = burstGate;
        this.jdbcUrl = config.jdbcUrl();
        this.user = config.user();
    }

    private static final int NONE = 0;
    private static final int REGULAR = 1;
    private static final int BURST = 2;

    /** @return {@link #REGULAR} or {@link #BURST} when a place was reserved (regular first, burst if the policy allows), else {@link #NONE} */
    private int reserve() {
        LiveSettings s = settings.get();
        if (size.tryReserve(s.maxSize()) > 0) {
            return REGULAR;
        }
        return burstGate.allowBurst() && size.tryReserveBurst(s.maxSize() + s.burstMaxSize()) > 0 ? BURST : NONE;
    }

    private void release(boolean burst) {
        if (burst) {
            size.releaseBurst();
        } else {
            size.release();
        }
    }

    /** @return the last failure to open a connection, or null once one succeeded since */
    public SQLException lastFailure() {
        return lastFailure;
    }

    /** @return the current configuration error (cleared by the next successful connect), or null */
    public SQLException configurationError() {
        return configurationError;
    }

    /** @return whether the last attempt failed */
    public boolean degraded() {
        return consecutiveFailures > 0;
    }

    public void close() {
        closed = true;
    }

    /**
     * Starts as many creations as are needed now and allowed. Cheap when nothing is
     * needed; safe to call from any thread at any time; never blocks.
     */
    public void demand() {
        while (!closed) {
            int running = inFlight.get();
            if (running >= maxConcurrent || wanted(running) <= 0) {
                return;
            }
            long wait = nextAttemptNanos - System.nanoTime();
            if (wait > 0) {
                scheduleRetry(wait);
                return;
            }
            if (!inFlight.compareAndSet(running, running + 1)) {
                continue;
            }
            int place = reserve();
            if (place == NONE) {
                inFlight.decrementAndGet();
                return;
            }
            boolean burst = place == BURST;
            try {
                executor.execute(() -> createOne(burst));
            } catch (RejectedExecutionException shutDown) {
                release(burst);
                inFlight.decrementAndGet();
                return;
            }
        }
    }

    /**
     * Starts one attempt even though nobody waits, if none is running and the backoff has
     * elapsed: while a configuration error makes borrowers fail at once, this is how the
     * pool notices the database side was fixed (the next borrower then finds a connection).
     */
    public void probe() {
        if (closed || inFlight.get() != 0 || nextAttemptNanos - System.nanoTime() > 0) {
            return;
        }
        if (!inFlight.compareAndSet(0, 1)) {
            return;
        }
        if (size.tryReserve(settings.get().maxSize()) < 0) {
            inFlight.decrementAndGet();
            return;
        }
        try {
            executor.execute(() -> createOne(false));
        } catch (RejectedExecutionException shutDown) {
            size.release();
            inFlight.decrementAndGet();
        }
    }

    /** @return how many more connections are wanted beyond those being opened */
    private int wanted(int running) {
        // While suspended nobody is served, so waiters and their waits ask for nothing: a
        // suspended pool under load would otherwise open maxSize connections to a database an
        // operator may have suspended it for. Resuming asks again (EnginePool.resume).
        int waiting = bag.paused() ? 0 : bag.waiting();
        int forWaiters = waiting - running;
        if (forWaiters > 0) {
            // RESERVED connections (out with the reaper for a moment, or just opened) go to
            // waiters when they come back; opening more for those waiters would grow the pool
            // on every reaper pass that meets a borrower. Ones the reaper retires instead ask
            // for demand again when they go (Retirement's afterRetire), so no waiter is left.
            forWaiters -= bag.count(BagItem.RESERVED);
            if (forWaiters > 0) {
                return forWaiters;
            }
        }
        if (!bag.paused() && burstGate.sustainedPressure() && bag.count(BagItem.IDLE) == 0 && running == 0) {
            return 1; // p95 wait above the threshold for a while: one more, even with nobody queued this instant
        }
        int minIdle = settings.get().minIdle();
        if (minIdle == 0) {
            return 0;
        }
        // Below minIdle counts idle plus those on their way: being opened, or RESERVED (just
        // opened, or out for a moment with the reaper). One scan for both states: the reaper
        // restores RESERVED to IDLE as we count. A scan: slow path only.
        return minIdle - bag.count(BagItem.IDLE, BagItem.RESERVED) - running;
    }

    private void scheduleRetry(long delayNanos) {
        if (retryScheduled.compareAndSet(false, true)) {
            try {
                scheduler.schedule(() -> {
                    retryScheduled.set(false);
                    demand();
                }, delayNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException shutDown) {
                retryScheduled.set(false);
            }
        }
    }

    /**
     * Opens one connection on the calling thread (start-up with FAIL_FAST), outside the
     * demand accounting.
     *
     * @throws SQLException the driver's failure, described
     */
    public void createNow() throws SQLException {
        if (size.tryReserve(settings.get().maxSize()) < 0) {
            return;
        }
        inFlight.incrementAndGet();
        try {
            SQLException failure = attempt(false);
            if (failure != null) {
                throw failure;
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void createOne(boolean burst) {
        try {
            attempt(burst);
        } finally {
            inFlight.decrementAndGet();
        }
        demand();
    }

    /** @return null on success, else the described failure (the reservation is then released) */
    private SQLException attempt(boolean burst) {
        Connection raw = null;
        try {
            raw = factory.create();
            PoolEntry e = builder.build(raw, clock.now(), burst);
            if (closed || !bag.register(e)) {
                factory.destroy(raw);
                release(burst);
                return null;
            }
            consecutiveFailures = 0;
            nextAttemptNanos = 0;
            lastFailure = null;
            configurationError = null;
            metrics.created.increment();
            events.publish(new PoolEvent.ConnectionCreated(pool, Instant.now(), e.id()));
            bag.release(e);
            return null;
        } catch (SQLException | RuntimeException ex) {
            if (raw != null) {
                factory.destroy(raw);
            }
            release(burst);
            SQLException sql = ex instanceof SQLException s ? s
                    : new SQLException("opening a connection failed: " + ex, "08001", ex);
            return failed(sql);
        }
    }

    private SQLException failed(SQLException driverError) {
        metrics.createFailures.increment();
        // A failing init SQL fails on every connection alike: retrying cannot help.
        boolean config = driverError instanceof SessionSetup.InitSqlException
                || factory.isConfigurationError(driverError);
        SQLException described = describe.apply(driverError);
        lastFailure = described;
        int failures = consecutiveFailures + 1;
        consecutiveFailures = failures;
        long delay = config ? backoff.maxNanos() : backoff.delayNanos(failures);
        nextAttemptNanos = System.nanoTime() + delay;
        if (config) {
            configurationError = described;
            bag.failWaiters(described); // waiting cannot help: tell them now, with the reason
        }
        // The operator's log is where remote clients are sent for the details (see
        // EnginePool.describeCreateFailure): it names the database, not only the driver's
        // words, which may not ("The connection attempt failed.").
        events.publish(new PoolEvent.CreateFailed(pool, Instant.now(), Redaction.mask(driverError.getMessage(), jdbcUrl)
                + " (database " + Redaction.mask(jdbcUrl) + (user == null ? "" : ", user '" + user + "'") + ")", config));
        return described;
    }
}
