package pool.engine.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import pool.api.BorrowRequest;
import pool.api.ConnectionPool;
import pool.api.IdleOrder;
import pool.api.Initialization;
import pool.api.LeakSuspect;
import pool.api.LiveSettings;
import pool.api.PoolConfig;
import pool.api.PoolListener;
import pool.api.PoolState;
import pool.api.PoolStats;
import pool.api.TenantStats;
import pool.api.spi.ConnectionFactory;
import pool.api.spi.OpenConnectionException;
import pool.api.spi.Redaction;
import pool.engine.internal.bag.Bag;
import pool.engine.internal.bag.BagItem;
import pool.engine.internal.bag.PriorityWaiterQueue;
import pool.engine.internal.core.EngineCore;
import pool.engine.internal.core.EngineTuning;
import pool.engine.internal.core.LiveSettingsHolder;
import pool.engine.internal.core.PoolClock;
import pool.engine.internal.core.PoolEntry;
import pool.engine.internal.core.PoolSize;
import pool.engine.internal.core.Retirement;
import pool.engine.internal.create.Creator;
import pool.engine.internal.dialect.Dialect;
import pool.engine.internal.leak.LeakDetector;
import pool.engine.internal.lifecycle.BurstPolicy;
import pool.engine.internal.lifecycle.LifecyclePolicy;
import pool.engine.internal.lifecycle.Reaper;
import pool.engine.internal.metrics.EventDispatcher;
import pool.engine.internal.metrics.Metrics;
import pool.api.spi.WaitHistogram;
import pool.engine.internal.proxy.ClosedConnection;
import pool.engine.internal.proxy.ConnectionState;
import pool.engine.internal.proxy.SessionBaseline;
import pool.engine.internal.proxy.SessionSetup;

/**
 * The {@link ConnectionPool}: wires the pieces together and keeps the pool's own
 * lifecycle (running, suspended, draining, closed). Each job lives elsewhere: the bag
 * hands out, {@link Borrower} and {@link Returner} are the two paths, {@link Creator}
 * opens, {@link Retirement} closes, {@link Reaper} keeps house, {@link LeakDetector}
 * watches borrows, {@link Metrics} counts.
 */
public final class EnginePool implements ConnectionPool, Borrower.PoolStatus {

    private final PoolConfig config;
    private final String name;
    private final LiveSettingsHolder settings;
    /** Serialises changes of the live settings: the admission's check and apply go with them. */
    private final pool.api.spi.SettingsChanges changes = new pool.api.spi.SettingsChanges(this::liveSettings,
            this::applyLocked);
    private final PoolClock clock;
    private final Metrics metrics;
    private final EventDispatcher events;
    private final Bag<PoolEntry> bag;
    private final PoolSize size = new PoolSize();
    private final LifecyclePolicy policy;
    private final Retirement retirement;
    private final Creator creator;
    private final LeakDetector leaks;
    private final Reaper reaper;
    private final Borrower borrower;
    private final Returner returner;
    private final AsyncBorrower async;
    private final java.util.concurrent.ExecutorService ownedCompletions;
    private final ScheduledThreadPoolExecutor housekeeper;
    /**
     * Ends async borrows at their timeout. Not the housekeeper: a reaper run holds that thread
     * while it checks idle connections one after another, each up to validationTimeout against
     * a stalled database, and async timeouts would wait behind them (blocking borrowers time
     * out on their own threads). Its thread starts with the first async borrow that waits.
     */
    private final ScheduledThreadPoolExecutor asyncTimeouts;
    private final ThreadPoolExecutor creatorExecutor;
    private final ThreadPoolExecutor closer;
    /**
     * Connection ids, one sequence for the JVM: a sharded or routed pool is made of engine
     * pools whose suspects, events and log lines it shows as its own, so each part's own
     * count from 1 would make its ids ambiguous.
     */
    private static final AtomicLong IDS = new AtomicLong();
    private final SessionSetup sessions;
    private final ReentrantLock lifecycleLock = new ReentrantLock();
    private volatile PoolState lifecycle = PoolState.RUNNING;
    /** The gate of every borrow (tenancy), or null: then no borrow or return looks at it. */
    private final pool.api.spi.BorrowAdmission admission;

    private EnginePool(PoolConfig config, ConnectionFactory factory, EngineTuning tuning,
                       java.util.concurrent.Executor completions, Dialect dialect,
                       pool.api.spi.BorrowAdmission admission) {
        this.admission = admission;
        this.config = config;
        this.sessions = new SessionSetup(config, dialect);
        this.name = config.name();
        this.settings = new LiveSettingsHolder(config, tuning.globalCap());
        this.clock = tuning.clock();
        this.metrics = new Metrics(clock.now(), config.burstWaitThreshold().toNanos());
        this.events = new EventDispatcher(name);
        this.bag = new Bag<>(tuning.globalCap(), config.idleOrder() == IdleOrder.LIFO,
                new PriorityWaiterQueue<>(tuning.priorityStepNanos()));
        this.policy = new LifecyclePolicy(settings);
        this.housekeeper = new ScheduledThreadPoolExecutor(1, daemon("poold-" + name + "-housekeeper"));
        this.housekeeper.setRemoveOnCancelPolicy(true);
        this.asyncTimeouts = new ScheduledThreadPoolExecutor(1, daemon("poold-" + name + "-async-timeouts"));
        this.asyncTimeouts.setRemoveOnCancelPolicy(true);
        this.creatorExecutor = pool(config.maxConcurrentCreates(), "poold-" + name + "-creator");
        this.closer = pool(1, "poold-" + name + "-closer");
        this.retirement = new Retirement(name, bag, size, factory, metrics, events, closer, admission,
                config.validationTimeout());
        EngineCore core = new EngineCore(name, config, settings, tuning, factory, bag, size, retirement, metrics,
                events, housekeeper);
        BurstPolicy burst = new BurstPolicy(settings, bag, size, metrics);
        this.creator = new Creator(core, this::newEntry, burst, creatorExecutor,
                e -> describeCreateFailure(factory, e));
        this.retirement.afterRetire(creator::demand);
        this.leaks = new LeakDetector(core);
        this.reaper = new Reaper(core, policy, creator, leaks, burst);
        this.metrics.liveBorrows(() -> {
            long[] sum = {0};
            bag.forEach(e -> sum[0] += e.borrows());
            return sum[0];
        });
        this.returner = new Returner(core, policy,
                () -> lifecycle == PoolState.CLOSED || lifecycle == PoolState.DRAINING, admission);
        this.borrower = new Borrower(core, policy, leaks, creator, this, returner, admission);
        if (completions == null) {
            // Default: each completion on its own virtual thread, so a slow callback delays no other.
            this.ownedCompletions = java.util.concurrent.Executors.newThreadPerTaskExecutor(
                    Thread.ofVirtual().name("poold-" + name + "-async-", 0).factory());
            completions = ownedCompletions;
        } else {
            this.ownedCompletions = null;
        }
        this.async = new AsyncBorrower(bag, borrower, completions, asyncTimeouts, this, leaks, creator, admission);
        this.settings.onChange(this::settingsChanged);
        this.returner.onLateReturn(() -> retireIdle("closing"));
        if (admission != null) {
            admission.keptPermits(new IdlePermits(bag));
        }
    }

    /**
     * Builds and starts a pool: the reaper is scheduled and minIdle is filled in the
     * background; with {@link Initialization#FAIL_FAST} one connection is opened first,
     * on the caller's thread, and its failure fails the start.
     */
    public static EnginePool start(PoolConfig config, ConnectionFactory factory, EngineTuning tuning)
            throws SQLException {
        return start(config, factory, tuning, null);
    }

    /**
     * @param completions where async borrows complete; null for the default (a virtual
     *                    thread per completion, owned and shut down by the pool)
     */
    public static EnginePool start(PoolConfig config, ConnectionFactory factory, EngineTuning tuning,
                                   java.util.concurrent.Executor completions) throws SQLException {
        return start(config, factory, tuning, completions, Dialect.forUrl(config.jdbcUrl()));
    }

    /**
     * @param dialect the pool's database, as {@link Dialect#forUrl} chose it for the URL
     *                (the factory may have used the same instance for its driver properties)
     */
    public static EnginePool start(PoolConfig config, ConnectionFactory factory, EngineTuning tuning,
                                   java.util.concurrent.Executor completions, Dialect dialect) throws SQLException {
        return start(config, factory, tuning, completions, dialect, null);
    }

    /**
     * @param admission the gate every borrow passes first (see {@link pool.api.spi.BorrowAdmission}),
     *                  or null for none
     */
    public static EnginePool start(PoolConfig config, ConnectionFactory factory, EngineTuning tuning,
                                   java.util.concurrent.Executor completions, Dialect dialect,
                                   pool.api.spi.BorrowAdmission admission) throws SQLException {
        EnginePool p = new EnginePool(config, pool.engine.internal.create.GuardedFactory.of(factory), tuning,
                completions, dialect, admission);
        if (config.initialization() == Initialization.FAIL_FAST) {
            try {
                p.creator.createNow();
            } catch (SQLException e) {
                p.close();
                throw e;
            }
        }
        p.reaper.reschedule();
        p.creator.demand();
        return p;
    }

    private static ThreadPoolExecutor pool(int threads, String prefix) {
        ThreadPoolExecutor e = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemon(prefix));
        e.allowCoreThreadTimeOut(true);
        return e;
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> Thread.ofPlatform().daemon().name(prefix + "-" + n.incrementAndGet()).unstarted(r);
    }

    private PoolEntry newEntry(Connection raw, long now, boolean burst) throws SQLException {
        SessionBaseline baseline = sessions.establish(raw);
        return new PoolEntry(IDS.incrementAndGet(), new ConnectionState(raw, baseline, sessions), now,
                policy.lifetimeJitter(), burst, config.burstLifetime().toNanos());
    }

    private SQLException describeCreateFailure(ConnectionFactory factory, SQLException e) {
        boolean setup = e instanceof SessionSetup.InitSqlException;
        boolean cfg = setup || factory.isConfigurationError(e);
        // The log and in-process borrowers see this detail: no secret of the URL or the driver's text.
        String detail = "cannot open a connection to " + Redaction.mask(config.jdbcUrl())
                + (config.user() == null ? "" : " as '" + config.user() + "'") + ": " + Redaction.mask(e.getMessage(), config.jdbcUrl())
                + (setup ? " (configuration error: retrying cannot help until it is fixed)"
                        : cfg ? " (configuration error: check the URL, user, password, database name and host; "
                        + "retrying cannot help until it is fixed)" : "");
        // Remote clients see this one: nothing of where the database is or which account the pool uses.
        String client = "cannot open a connection to its database ("
                + (e.getSQLState() == null ? "no SQLState" : "SQLState " + e.getSQLState())
                + (cfg ? "; a configuration error: retrying cannot help until it is fixed" : "")
                + "); the daemon's log names the database and gives the driver's message";
        return new OpenConnectionException(name, detail, client, e);
    }

    private void settingsChanged(LiveSettings s) {
        reaper.reschedule();
        creator.demand();
        if (size.get() > s.maxSize() + s.burstMaxSize() || size.regular() > s.maxSize()) {
            // Shrink idle connections now, in the background; in-use ones retire on return.
            housekeeper.execute(reaper::runOnce);
        }
    }

    // ---- Borrower.PoolStatus -------------------------------------------------------------

    @Override
    public String refusal() {
        PoolState s = lifecycle;
        if (s == PoolState.CLOSED) {
            return "pool '" + name + "' is closed";
        }
        if (s == PoolState.DRAINING) {
            return "pool '" + name + "' is draining for shutdown and takes no new borrows";
        }
        return null;
    }

    @Override
    public String describe() {
        int[] c = new int[4];
        bag.countByState(c);
        return "active " + c[BagItem.IN_USE] + ", idle " + c[BagItem.IDLE] + ", total " + size.get() + ", pending "
                + bag.waiting();
    }

    @Override
    public boolean closed() {
        return lifecycle == PoolState.CLOSED;
    }

    @Override
    public boolean suspended() {
        return lifecycle == PoolState.SUSPENDED;
    }

    @Override
    public PoolStats statsForEvent() {
        return stats();
    }

    // ---- ConnectionPool ---------------------------------------------------------------

    @Override
    public String name() {
        return name;
    }

    @Override
    public PoolConfig config() {
        return settings.config();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return borrower.borrow(BorrowRequest.DEFAULT);
    }

    @Override
    public Connection borrow(BorrowRequest request) throws SQLException {
        pool.api.spi.PoolContract.requireRequest(request);
        return borrower.borrow(request);
    }

    @Override
    public Optional<Connection> tryBorrow() throws SQLException {
        return Optional.ofNullable(borrower.tryBorrow());
    }

    @Override
    public CompletableFuture<Connection> getConnectionAsync() {
        return borrowAsync(BorrowRequest.DEFAULT);
    }

    @Override
    public CompletableFuture<Connection> borrowAsync(BorrowRequest request) {
        pool.api.spi.PoolContract.requireRequest(request);
        return async.borrow(request);
    }

    @Override
    public PoolStats stats() {
        int[] c = new int[4];
        bag.countByState(c);
        LiveSettings s = settings.get();
        WaitHistogram.Snapshot w = metrics.waitSnapshot();
        PoolState state = lifecycle;
        if (state == PoolState.RUNNING && creator.degraded()) {
            state = PoolState.DEGRADED;
        }
        // A connection the pool holds back for a moment (the reaper checking or retiring it, a
        // new one being published) is not handed out: it counts as idle, so that each snapshot
        // has active + idle == total, from one reading of each connection's state.
        int idle = c[BagItem.IDLE] + c[BagItem.RESERVED];
        return new PoolStats(name, state, Instant.now(), c[BagItem.IN_USE], idle, c[BagItem.IN_USE] + idle,
                bag.waiting() + (admission == null ? 0 : admission.waiting()), s.minIdle(), s.maxSize(),
                metrics.borrows(), metrics.timeouts.sum(), metrics.rejected.sum(), metrics.created.sum(),
                metrics.destroyed.sum(), metrics.createFailures.sum(), metrics.validationFailures.sum(),
                metrics.leakSuspects.sum(), metrics.leakReclaims.sum(), w.p50(), w.p95(), w.p99(), w.max(),
                metrics.reaperRuns.sum(), metrics.reaperLastRunMicros(),
                metrics.reaperLastRunEpochMillis() == 0 ? null : Instant.ofEpochMilli(metrics.reaperLastRunEpochMillis()),
                List.of(), admission == null ? List.of() : admission.stats());
    }

    @Override
    public Optional<TenantStats> tenantStats(String tenant) {
        return admission == null ? Optional.empty() : admission.stats(tenant);
    }

    @Override
    public LiveSettings liveSettings() {
        return settings.get();
    }

    @Override
    public void apply(LiveSettings s) {
        changes.apply(s);
    }

    @Override
    public LiveSettings update(java.util.function.UnaryOperator<LiveSettings> change) {
        return changes.update(change);
    }

    private void applyLocked(LiveSettings s) {
        if (admission == null) {
            if (s != null && s.tenancy() != null) {
                throw new IllegalArgumentException("pool '" + name + "': tenancy cannot be switched on in a running "
                        + "pool; create the pool with it (a reload replaces the pool)");
            }
            settings.set(s);
            return;
        }
        admission.check(s);
        settings.set(s);
        admission.apply(s);
    }

    @Override
    public List<LeakSuspect> leakSuspects() {
        return leaks.suspects(clock.now(), settings.get().leakThreshold().toNanos());
    }

    @Override
    public int reclaimLeaks() {
        return leaks.reclaimAll(clock.now(), settings.get().leakThreshold().toNanos());
    }

    @Override
    public void softEvict() {
        bag.forEach(PoolEntry::requestEvict);
        reaper.runOnce();
    }

    @Override
    public void suspend() {
        lifecycleLock.lock();
        try {
            if (lifecycle == PoolState.RUNNING || lifecycle == PoolState.DEGRADED) {
                lifecycle = PoolState.SUSPENDED;
                bag.pause(true);
            }
        } finally {
            lifecycleLock.unlock();
        }
    }

    @Override
    public void resume() {
        lifecycleLock.lock();
        try {
            if (lifecycle == PoolState.SUSPENDED) {
                lifecycle = PoolState.RUNNING;
                bag.pause(false);
            }
        } finally {
            lifecycleLock.unlock();
        }
        creator.demand();
    }

    @Override
    public void runReaperNow() {
        reaper.runOnce();
    }

    @Override
    public void addListener(PoolListener listener) {
        events.add(listener);
    }

    @Override
    public void removeListener(PoolListener listener) {
        events.remove(listener);
    }

    @Override
    public boolean drainAndClose(Duration drainTimeout) {
        lifecycleLock.lock();
        try {
            if (lifecycle == PoolState.CLOSED) {
                return bag.count(BagItem.IN_USE) == 0;
            }
            lifecycle = PoolState.DRAINING;
        } finally {
            lifecycleLock.unlock();
        }
        // A draining pool serves nobody new: refilling minIdle as idle connections retire
        // would only open sessions against a database the daemon is about to leave.
        creator.close();
        // Waiters fail before a suspended pool's hand-off resumes: resumed first, it would serve
        // them the idle connections (a drain would then wait for them to come back).
        bag.close(new pool.api.PoolClosedException("pool '" + name + "' is draining for shutdown"));
        bag.pause(false);
        if (admission != null) {
            admission.close(new pool.api.PoolClosedException("pool '" + name + "' is draining for shutdown"));
        }
        retireIdle("closing");
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        // Returns retire their connections (the pool is DRAINING); poll the count, parked.
        while (bag.count(BagItem.IN_USE) > 0 && deadline - System.nanoTime() > 0) {
            LockSupport.parkNanos(10_000_000L);
        }
        boolean all = bag.count(BagItem.IN_USE) == 0;
        close();
        return all;
    }

    private void retireIdle(String reason) {
        BagItem[] buf = new BagItem[bag.capacity()];
        int n = bag.reserveAllIdle(buf);
        for (int i = 0; i < n; i++) {
            retirement.retire((PoolEntry) buf[i], reason, false);
        }
    }

    @Override
    public void close() {
        lifecycleLock.lock();
        try {
            if (lifecycle == PoolState.CLOSED) {
                return;
            }
            lifecycle = PoolState.CLOSED;
        } finally {
            lifecycleLock.unlock();
        }
        creator.close();
        reaper.stop();
        // As in drainAndClose: a suspended pool's waiters fail, and are not handed idle connections.
        bag.close(new pool.api.PoolClosedException("pool '" + name + "' was closed"));
        bag.pause(false);
        if (admission != null) {
            admission.close(new pool.api.PoolClosedException("pool '" + name + "' was closed"));
        }
        retireIdle("closing");
        endBorrowed();
        housekeeper.shutdownNow();
        asyncTimeouts.shutdownNow(); // its waiters were failed above
        creatorExecutor.shutdownNow();
        try {
            // A creation that passed its closed check just before close() registers its
            // connection afterwards: wait for the creators, then sweep once more.
            creatorExecutor.awaitTermination(5, TimeUnit.SECONDS);
            retireIdle("closing");
            // A borrow that took its entry just before the sweep above published its handle after
            // it (and saw the pool closed too late, or not at all): end it now.
            endBorrowed();
            closer.shutdown();
            closer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownedCompletions != null) {
            ownedCompletions.shutdown();
        }
        events.close();
    }

    /** Ends the connections borrowed now: their handles closed, rolled back and closed or aborted. */
    private void endBorrowed() {
        ClosedConnection shut = ClosedConnection.closedAtShutdown(name);
        bag.forEach(e -> {
            if (e.state() == BagItem.IN_USE) {
                var h = e.handle();
                if (h != null && h.revoke(shut)) {
                    retirement.retireAtClose(e, "closing", h::cancelStatements);
                }
            }
        });
        retirement.awaitClosedAtClose();
    }

    // ---- DataSource -------------------------------------------------------------------

    /**
     * Sets the borrow timeout, the pool's equivalent of a login timeout. JDBC's 0 ("the
     * default") restores the configured borrowTimeout; it never means "do not wait".
     */
    @Override
    public void setLoginTimeout(int seconds) {
        update(s -> s.withBorrowTimeout(pool.api.spi.PoolContract.borrowTimeoutForLogin(seconds, config.borrowTimeout())));
    }

    @Override
    public int getLoginTimeout() {
        return pool.api.spi.PoolContract.loginTimeoutSeconds(settings.get().borrowTimeout());
    }

    @Override
    public String toString() {
        return "ConnectionPool[" + name + ", " + describe() + "]";
    }
}
