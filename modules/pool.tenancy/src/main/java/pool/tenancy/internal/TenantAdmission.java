package pool.tenancy.internal;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import pool.api.BorrowRequest;
import pool.api.LiveSettings;
import pool.api.PoolClosedException;
import pool.api.PoolConfig;
import pool.api.PoolSaturatedException;
import pool.api.PoolTimeoutException;
import pool.api.Tenancy;
import pool.api.TenantRejectedException;
import pool.api.TenantStats;
import pool.api.UnknownTenants;
import pool.api.spi.BorrowAdmission;
import pool.api.spi.KeptPermits;

/**
 * Shared-mode tenancy: every borrow of the pool passes here first.
 *
 * <p>Each tenant holds at most its max at once: its count changes by CAS only. The pool's
 * own cap is the engine's: a borrow admitted at once ({@link #tryAdmit}) takes an idle
 * connection, and when there is none it gives the permit back unused and waits here, in its
 * tenant's queue. Waiters are admitted only while the tenants together hold fewer than
 * maxSize, so the order in which a busy pool serves them is the fair order decided here,
 * not the engine's first come, first served.
 *
 * <p>Fast path (nobody waits, the pool was not found full, the tenant is below its max): a lock-free lookup of the
 * tenant and one CAS that counts both the connection and the borrow; the tenant's state
 * object is the permit, so nothing is allocated. Return: one atomic add and two volatile reads.
 *
 * <p>Slow path: the waiter joins its tenant's queue under one lock held for a few field
 * writes, then parks (holding nothing). Every release that finds waiters hands out what is
 * free under the lock ({@link FairShare} picks the tenant) and wakes the chosen waiters
 * after unlocking. No lost wake-up: a waiter counts itself in {@code waiting} before it
 * looks for room under the lock, and a release gives its connection back before it reads
 * {@code waiting}; so one of the two always sees the other.
 */
public final class TenantAdmission implements BorrowAdmission {

    /** Head start per priority level, as in the engine's own queue: 500 ms. */
    static final long PRIORITY_STEP_NANOS = 500_000_000L;

    private final String pool;
    /** What {@link #cap} bounds, as timeout messages name it: the pool, or a sharded pool's part. */
    private final String capHolder;
    private final ReentrantLock lock = new ReentrantLock();
    private final TenantRegistry registry;
    /** Borrowers queued; written under the lock, read without it. */
    private volatile int waiting;
    /**
     * Whether the tenants held the whole cap when permits were last handed out; written under
     * the lock, read without it. While it is set, borrows take the slow path and returns hand
     * out under the lock: a waiter granted a returned connection has yet to take it from the
     * engine, and a fast-path borrow of another tenant (nobody left waiting) would take it first,
     * leaving the waiter, a reservation given back, waiting for the next return.
     */
    private volatile boolean full;
    private volatile int cap;
    private final int maxPending;
    /**
     * The waiters of every part of a sharded pool, which maxPending bounds together (each part
     * has a gate of its own); null when this gate is the pool's only one.
     */
    private final AtomicInteger poolWaiting;
    /** Tenants with a waiter; guarded by the lock. */
    private final List<TenantState> queued = new ArrayList<>();
    private volatile SQLException closed;
    /** The pool's view of permits kept on idle connections; null until the pool hands it over. */
    private volatile KeptPermits keptPermits;
    /**
     * Whether idle connections may keep permits: set by {@link #kept} after the connection went
     * idle, cleared by {@link #takeBackKept} before it looks. A permit kept while this reads false
     * was kept after the last look began, by a return that then saw nobody waiting (see kept).
     */
    private volatile boolean mayHaveKept;
    /** Gives each kept permit back to its tenant's count, with the reuses it served. */
    private final KeptPermits.Sink giveBackKept = (permit, reuses) -> {
        TenantState t = (TenantState) permit;
        if (reuses != 0) {
            t.reused.add(reuses);
        }
        t.give();
    };

    public TenantAdmission(PoolConfig config) {
        this(config.name(), config.tenancy(), config.maxSize(), config.maxPending());
    }

    /** @param cap the most permits out at once (the pool's maxSize) */
    public TenantAdmission(String pool, Tenancy tenancy, int cap, int maxPending) {
        this(pool, "the pool", tenancy, cap, maxPending);
    }

    /**
     * @param pool      the pool's name as users know it (messages name it)
     * @param capHolder what {@code cap} bounds, for messages: "the pool", or a part of a sharded pool
     * @param cap       the most permits out at once
     */
    TenantAdmission(String pool, String capHolder, Tenancy tenancy, int cap, int maxPending) {
        this(pool, capHolder, tenancy, cap, maxPending, 0, null);
    }

    /**
     * @param trackedElsewhere tenants of the pool that maxTenants counts but this gate never sees
     * @param poolWaiting      the waiters of all the pool's gates, which maxPending bounds; null for
     *                         this gate's alone
     */
    TenantAdmission(String pool, String capHolder, Tenancy tenancy, int cap, int maxPending, int trackedElsewhere,
            AtomicInteger poolWaiting) {
        this.pool = pool;
        this.capHolder = capHolder;
        this.cap = cap;
        this.maxPending = maxPending;
        this.poolWaiting = poolWaiting;
        this.registry = new TenantRegistry(pool, tenancy, lock, System.nanoTime(), trackedElsewhere);
        this.registry.beforeForgetting(this::takeBackKept);
    }

    // ---- permits kept on idle connections -------------------------------------------------
    //
    // A return that finds nobody waiting and the pool not full leaves its permit on the idle
    // connection, still counted; the next borrow taking that connection for the same tenant
    // reuses it without touching the tenant's count: borrow and return then cost the tenancy
    // a few volatile reads of fields nobody writes meanwhile, and no atomic instruction. The
    // counts then include kept permits, which only matters where they are compared with a max
    // or the pool's cap: every such decision (a waiter queued or served, a tenant at its max, a
    // live change, forgetting a tenant) first takes the kept permits back.

    @Override
    public void keptPermits(KeptPermits pool) {
        keptPermits = pool;
    }

    /**
     * Keeps while nobody waits and the pool is not full. A permit kept over a tenant's lowered
     * max, or of a tenant no longer admitted, is not reused ({@link #reuse} checks both) but given
     * back by the borrow that takes its connection.
     */
    @Override
    public boolean keep(Object permit) {
        return waiting == 0 && !full;
    }

    /**
     * No lost kept permit: this return made its connection idle before it reads {@code waiting},
     * and a waiter counts itself in {@code waiting} before it takes kept permits back; so either
     * this return sees the waiter and takes its permit back here, or the waiter's look finds the
     * connection idle. The flag is set after the connection went idle for the same reason.
     */
    @Override
    public void kept(Object permit) {
        if (!mayHaveKept) {
            mayHaveKept = true;
        }
        if (waiting != 0 || full) {
            dispatch(); // which takes kept permits back first
        }
    }

    /**
     * Reuses for the same tenant while nobody waits and the pool is not full, if the pool still
     * admits the tenant and its permits are within its max (a live change may have happened
     * since the permit was kept). A closed admission needs no check: the pool refuses the borrow first.
     */
    @Override
    public boolean reuse(BorrowRequest request, Object kept) {
        TenantState t = (TenantState) kept;
        String tenant = request.tenant();
        return waiting == 0 && !full
                && (tenant == null ? Tenancy.DEFAULT_TENANT : tenant).equals(t.name)
                && admitted(t) && t.withinMax();
    }

    @Override
    public void counted(Object permit, long borrows) {
        ((TenantState) permit).reused.add(borrows);
    }

    /** @return whether the pool still admits {@code t} (a live change may reject unknown tenants) */
    private boolean admitted(TenantState t) {
        return t.named || registry.settings().unknownTenants() == UnknownTenants.ADMIT;
    }

    /** Takes every permit kept on an idle connection back into its tenant's count. */
    private void takeBackKept() {
        KeptPermits k = keptPermits;
        if (k != null) {
            mayHaveKept = false;
            k.takeAll(giveBackKept);
        }
    }

    /** As {@link #takeBackKept}, when some may be kept. */
    private void takeBackKeptIfAny() {
        if (mayHaveKept) {
            takeBackKept();
        }
    }

    // ---- admission ----------------------------------------------------------------------

    @Override
    public Object tryAdmit(BorrowRequest request) throws SQLException {
        for (;;) {
            TenantState t = registry.resolve(request.tenant());
            SQLException c = closed;
            if (c != null) {
                throw copy(c);
            }
            if (waiting != 0 || full) {
                return null; // nobody overtakes a waiter, nor takes the connection of one just granted: the queue decides
            }
            int r = t.tryTake();
            if (r < 0) {
                continue; // forgotten meanwhile: look it up again
            }
            if (r == 0 && mayHaveKept) {
                takeBackKept(); // the tenant's own idle connections may keep its permits
                continue;
            }
            if (r == 0) {
                if (waiting != 0) {
                    dispatch(); // a waiter queued since we looked: make sure what is free reaches it
                }
                if (registry.settings().failAtMax()) {
                    throw atMax(t);
                }
                return null;
            }
            return t;
        }
    }

    @Override
    public void releaseUnused(Object permit) {
        ((TenantState) permit).untake();
        if (waiting != 0 || full) {
            dispatch();
        }
    }

    @Override
    public String describe(Object permit) {
        TenantState t = (TenantState) permit;
        takeBackKeptIfAny();
        // The permit still counts: the borrow it was taken for holds no connection, nor do the
        // tenant's other borrows still waiting in the pool for theirs.
        return "tenant '" + t.name + "', holding " + Math.max(0, t.active() - 1 - t.waitingForConnection.get())
                + " of its max " + t.limits.max();
    }

    /** Records the whole wait, quota and connection, once the borrow has its connection. */
    @Override
    public void waited(Object permit, long waitedNanos) {
        TenantState t = (TenantState) permit;
        lock.lock();
        try {
            t.waited(System.nanoTime(), waitedNanos / 1000);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void releaseRejected(Object permit) {
        ((TenantState) permit).rejections.increment();
        releaseUnused(permit);
    }

    @Override
    public void waitsForConnection(Object permit, boolean waits) {
        ((TenantState) permit).waitingForConnection.addAndGet(waits ? 1 : -1);
    }

    @Override
    public void releaseTimedOut(Object permit) {
        ((TenantState) permit).timeouts.increment();
        releaseUnused(permit);
    }

    @Override
    public Object admit(BorrowRequest request, long timeoutNanos) throws SQLException {
        long start = System.nanoTime();
        AdmissionWaiter w = enqueue(request, start, timeoutNanos, null);
        long deadline = start + timeoutNanos;
        for (;;) {
            int s = w.state();
            if (s == AdmissionWaiter.GRANTED) {
                return w.tenant;
            }
            if (s == AdmissionWaiter.GAVE_UP) {
                throw copy(w.failure);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || Thread.currentThread().isInterrupted()) {
                break;
            }
            LockSupport.parkNanos(this, left);
        }
        if (!giveUp(w)) {
            if (w.state() == AdmissionWaiter.GRANTED) {
                return w.tenant; // granted at the last moment: take it
            }
            throw copy(w.failure);
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new SQLException("pool '" + pool + "': interrupted while tenant '" + w.tenant.name
                    + "' waited for a connection", "08001", new InterruptedException());
        }
        throw timedOut(w, start, timeoutNanos);
    }

    @Override
    public CompletableFuture<Object> admitAsync(BorrowRequest request, long timeoutNanos) {
        long start = System.nanoTime();
        AdmittingFuture f = new AdmittingFuture();
        AdmissionWaiter w;
        try {
            w = enqueue(request, start, timeoutNanos, f);
        } catch (SQLException e) {
            f.completeExceptionally(e);
            return f;
        }
        f.waiter = w;
        if (w.state() == AdmissionWaiter.WAITING) {
            CompletableFuture.delayedExecutor(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS).execute(() -> {
                if (giveUp(w)) {
                    f.completeExceptionally(timedOut(w, start, timeoutNanos));
                }
            });
        }
        return f;
    }

    /** An async admission; cancelling it leaves the queue, or gives back a permit granted meanwhile. */
    private final class AdmittingFuture extends CompletableFuture<Object> {
        volatile AdmissionWaiter waiter;

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            AdmissionWaiter w = waiter;
            if (cancelled && w != null && !giveUp(w) && w.state() == AdmissionWaiter.GRANTED) {
                releaseUnused(w.tenant); // granted, not yet delivered: nobody else will give it back
            }
            return cancelled;
        }
    }

    /**
     * Queues a waiter (or fails at once) and hands out whatever is free.
     *
     * @param future null for a blocking waiter (the current thread)
     */
    private AdmissionWaiter enqueue(BorrowRequest request, long start, long timeoutNanos,
                                    CompletableFuture<Object> future) throws SQLException {
        List<AdmissionWaiter> granted;
        AdmissionWaiter w;
        lock.lock();
        try {
            TenantState t = registry.resolve(request.tenant()); // reentrant: under the lock it cannot be forgotten
            SQLException c = closed;
            if (c != null) {
                throw copy(c);
            }
            takeBackKeptIfAny(); // before the counts are judged: kept permits hold no connection
            Tenancy s = registry.settings();
            if (s.failAtMax() && t.active() >= t.limits.max()) {
                throw atMax(t);
            }
            if (timeoutNanos <= 0) {
                // "do not wait": served only if there is room for it right now
                if (waiting == 0 && registry.activeTotal() < cap && t.tryTake() == 1) {
                    w = new AdmissionWaiter(t, request.priority(), start, PRIORITY_STEP_NANOS,
                            Thread.currentThread(), future);
                    w.tryGrant();
                    if (future != null) {
                        future.complete(t);
                    }
                    return w;
                }
                throw timedOut(t, start, 0);
            }
            if (!roomToWait()) {
                t.rejections.increment();
                throw new PoolSaturatedException("pool '" + pool + "': " + maxPending + " borrowers already wait "
                        + "(maxPending); tenant '" + t.name + "' refused at once. Raise maxSize or maxPending, or "
                        + "shorten the work done while holding connections");
            }
            w = new AdmissionWaiter(t, request.priority(), start, PRIORITY_STEP_NANOS,
                    future == null ? Thread.currentThread() : null, future);
            t.queue.add(w);
            if (!t.listed) {
                t.listed = true;
                queued.add(t);
            }
            waiting = waiting + 1;
            granted = dispatchLocked();
        } finally {
            lock.unlock();
        }
        signal(granted);
        return w;
    }

    /** @return true when this call made the waiter give up (it is out of the queue); false when it was granted or failed first */
    private boolean giveUp(AdmissionWaiter w) {
        if (!w.tryGiveUp()) {
            return false;
        }
        lock.lock();
        try {
            unqueue(w);
        } finally {
            lock.unlock();
        }
        return true;
    }

    /** @return whether one more borrower may wait (counted in the pool's waiters when true); caller holds the lock */
    private boolean roomToWait() {
        if (poolWaiting == null) {
            return waiting < maxPending;
        }
        for (int n = poolWaiting.get(); n < maxPending; n = poolWaiting.get()) {
            if (poolWaiting.compareAndSet(n, n + 1)) {
                return true;
            }
        }
        return false;
    }

    private void unqueue(AdmissionWaiter w) {
        if (w.queued) {
            TenantState t = w.tenant;
            t.queue.remove(w);
            waiting = waiting - 1;
            if (poolWaiting != null) {
                poolWaiting.decrementAndGet();
            }
            if (t.queue.isEmpty() && t.listed) {
                t.listed = false;
                queued.remove(t);
            }
        }
    }

    @Override
    public void release(Object permit) {
        ((TenantState) permit).give();
        if (waiting != 0 || full) {
            dispatch();
        }
    }

    private void dispatch() {
        List<AdmissionWaiter> granted;
        lock.lock();
        try {
            granted = dispatchLocked();
        } finally {
            lock.unlock();
        }
        signal(granted);
    }

    /** Hands free permits to the waiters {@link FairShare} picks; caller holds the lock. */
    private List<AdmissionWaiter> dispatchLocked() {
        if (closed != null) {
            return null;
        }
        takeBackKeptIfAny();
        // Fast-path borrows change the sum meanwhile. Read once per hand-out round: a borrow it
        // misses holds an idle connection it found; one it counts and that finds none gives
        // its permit back unused, which hands out again.
        List<AdmissionWaiter> granted = handOut(registry.activeTotal());
        full = registry.activeTotal() >= cap; // counted again: fast-path borrows may have filled it meanwhile
        return granted;
    }

    /** @param held permits out now; caller holds the lock */
    private List<AdmissionWaiter> handOut(int held) {
        List<AdmissionWaiter> granted = null;
        while (!queued.isEmpty() && held < cap) {
            TenantState t = FairShare.pick(queued);
            if (t == null) {
                break;
            }
            AdmissionWaiter w = t.queue.peek();
            if (t.tryTake() != 1) {
                // A fast-path borrow of the tenant took its last connection: its return hands
                // out again (release sees the waiters).
                break;
            }
            unqueue(w);
            if (w.tryGrant()) {
                held++;
                if (granted == null) {
                    granted = new ArrayList<>(2);
                }
                granted.add(w);
                if (registry.settings().failAtMax() && t.active() >= t.limits.max()) {
                    // Its other waiters queued for the pool, not for the quota; from now on they would
                    // wait for the tenant's own returns, which atMax="fail" refuses, as on arrival.
                    granted = refuseAll(t, atMaxRefusal(t), true, granted);
                }
            } else {
                t.untake(); // it gave up at this moment: the room stays free for the next one
            }
        }
        return granted;
    }

    /**
     * Takes every waiter out of {@code t}'s queue and fails it with {@code why}; caller holds the lock.
     *
     * @param decided waiters to signal after the lock, to which the refused ones are added (signal
     *                tells a refused waiter from a granted one by its state); may be null
     * @return {@code decided}, or a new list when it was null and a waiter was refused
     */
    private List<AdmissionWaiter> refuseAll(TenantState t, SQLException why, boolean countsAsRejection,
                                            List<AdmissionWaiter> decided) {
        for (AdmissionWaiter w; (w = t.queue.peek()) != null; ) {
            unqueue(w);
            w.failure = why; // before the CAS: a waiter that sees GAVE_UP reads it
            if (w.tryGiveUp()) {
                if (countsAsRejection) {
                    t.rejections.increment();
                }
                if (decided == null) {
                    decided = new ArrayList<>(2);
                }
                decided.add(w);
            }
        }
        return decided;
    }

    /** Wakes waiters whose outcome is set, granted or failed; the caller holds no lock. */
    private static void signal(List<AdmissionWaiter> decided) {
        if (decided != null) {
            for (AdmissionWaiter w : decided) {
                w.signal();
            }
        }
    }

    // ---- figures, settings, lifecycle ---------------------------------------------------

    @Override
    public int waiting() {
        return waiting;
    }

    @Override
    public List<TenantStats> stats() {
        long now = System.nanoTime();
        lock.lock();
        try {
            List<TenantState> all = registry.all();
            Map<TenantState, long[]> kept = keptFigures();
            List<TenantStats> out = new ArrayList<>(all.size());
            for (TenantState t : all) {
                out.add(stats(t, now, kept));
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<TenantStats> stats(String tenant) {
        long now = System.nanoTime();
        lock.lock();
        try {
            TenantState t = registry.find(tenant);
            return t == null ? Optional.empty() : Optional.of(stats(t, now, keptFigures()));
        } finally {
            lock.unlock();
        }
    }

    private static TenantStats stats(TenantState t, long now, Map<TenantState, long[]> kept) {
        long[] k = kept.get(t);
        return k == null ? t.stats(now, 0, 0) : t.stats(now, (int) k[0], k[1]);
    }

    /**
     * @return per tenant, permits kept on idle connections and reuses not yet reported, by a look
     *         at the connections that leaves kept permits where they are (figures must not slow
     *         the borrows they describe)
     */
    private Map<TenantState, long[]> keptFigures() {
        KeptPermits k = keptPermits;
        if (k == null) {
            return Map.of();
        }
        Map<TenantState, long[]> kept = new HashMap<>();
        k.forEach((permit, reuses, idle) -> {
            long[] f = kept.computeIfAbsent((TenantState) permit, t -> new long[2]);
            f[0] += idle ? 1 : 0;
            f[1] += reuses;
        });
        return kept;
    }

    /** @return connections the tenants hold together now */
    int inUse() {
        takeBackKeptIfAny();
        return registry.activeTotal();
    }

    @Override
    public void check(LiveSettings next) {
        if (next == null || next.tenancy() == null) {
            throw new IllegalArgumentException("pool '" + pool + "': tenancy cannot be switched off in a running "
                    + "pool; create the pool without it (a reload replaces the pool)");
        }
        if (next.tenancy().mode() != registry.settings().mode()) {
            throw new IllegalArgumentException("pool '" + pool + "': the tenancy mode (" + registry.settings().mode()
                    + ") cannot change in a running pool; a reload replaces the pool");
        }
        String problem = next.tenancy().problemWith(next.maxSize());
        if (problem != null) {
            throw new IllegalArgumentException("pool '" + pool + "': tenancy: " + problem);
        }
    }

    @Override
    public void apply(LiveSettings next) {
        List<AdmissionWaiter> granted;
        List<AdmissionWaiter> refused;
        lock.lock();
        try {
            cap = next.maxSize();
            registry.apply(next.tenancy(), System.nanoTime());
            takeBackKept(); // kept under the old limits: the next borrows are judged under the new
            refused = refuseWaitersNoLongerServed();
            registry.forgetRefusedIdle(); // after the refusals: a tenant whose waiters were all refused may go
            granted = dispatchLocked(); // raised limits may admit waiters now
        } finally {
            lock.unlock();
        }
        signal(refused);
        signal(granted);
    }

    /**
     * Waiters queued under the old settings are judged again as if they came now: those of a
     * tenant the pool no longer admits (unknownTenants turned to "reject", or the tenant no
     * longer named) would otherwise be served later on a quota the pool no longer grants; with
     * atMax="fail", those of a tenant now at its max (switched on, or a max lowered) would wait
     * for the tenant's quota, which the pool refuses at once. Caller holds the lock; the refused
     * waiters are signalled after it.
     */
    private List<AdmissionWaiter> refuseWaitersNoLongerServed() {
        Tenancy s = registry.settings();
        List<AdmissionWaiter> refused = null;
        for (TenantState t : List.copyOf(queued)) {
            boolean unknown = !t.named && s.unknownTenants() == UnknownTenants.REJECT;
            boolean atMax = !unknown && s.failAtMax() && t.active() >= t.limits.max();
            if (!unknown && !atMax) {
                continue;
            }
            SQLException why = unknown
                    ? TenantRegistry.unknown(pool, Tenancy.DEFAULT_TENANT.equals(t.name) ? null : t.name)
                    : atMaxRefusal(t);
            refused = refuseAll(t, why, atMax, refused);
        }
        return refused;
    }

    @Override
    public void close(SQLException cause) {
        List<AdmissionWaiter> failed = new ArrayList<>();
        lock.lock();
        try {
            closed = cause;
            for (TenantState t : queued) {
                for (AdmissionWaiter w : t.queue.drain()) {
                    w.failure = cause; // before the CAS: a waiter that sees GAVE_UP reads it
                    if (w.tryGiveUp()) {
                        failed.add(w);
                    }
                }
                t.listed = false;
            }
            queued.clear();
            if (poolWaiting != null) {
                poolWaiting.addAndGet(-waiting);
            }
            waiting = 0;
        } finally {
            lock.unlock();
        }
        for (AdmissionWaiter w : failed) {
            w.signal();
        }
    }

    // ---- errors -------------------------------------------------------------------------

    private TenantRejectedException atMax(TenantState t) {
        t.rejections.increment();
        return atMaxRefusal(t);
    }

    private TenantRejectedException atMaxRefusal(TenantState t) {
        return new TenantRejectedException("pool '" + pool + "': tenant '" + t.name + "' already holds its max of "
                + t.limits.max() + " connections and the pool fails such borrows at once (atMax=\"fail\"); "
                + "return connections sooner or raise the tenant's max");
    }

    private PoolTimeoutException timedOut(AdmissionWaiter w, long start, long timeoutNanos) {
        return timedOut(w.tenant, start, timeoutNanos);
    }

    private PoolTimeoutException timedOut(TenantState t, long start, long timeoutNanos) {
        t.timeouts.increment();
        takeBackKeptIfAny(); // the message counts connections held
        long waitedMs = (System.nanoTime() - start) / 1_000_000;
        return new PoolTimeoutException("pool '" + pool + "': tenant '" + t.name + "' got no connection within "
                + Duration.ofNanos(timeoutNanos).toMillis() + " ms (waited " + waitedMs + " ms); the tenant holds "
                + held(t) + " of its max " + t.limits.max() + ", " + capHolder + " " + registry.activeTotal() + " of "
                + cap + ", " + waiting + " waiting", null);
    }

    /**
     * @return the connections {@code t} holds, and the borrows its quota admitted that still wait
     *         in the pool for theirs (a suspended pool), which its max counts too
     */
    private static String held(TenantState t) {
        int inPool = t.waitingForConnection.get();
        int held = Math.max(0, t.active() - inPool);
        return inPool <= 0 ? String.valueOf(held)
                : held + " (and " + inPool + " borrows admitted, waiting in the pool for their connections)";
    }

    private static SQLException copy(SQLException e) {
        if (e instanceof PoolClosedException) {
            PoolClosedException c = new PoolClosedException(e.getMessage());
            c.initCause(e);
            return c;
        }
        if (e instanceof TenantRejectedException) {
            // a waiter refused by a live change: the caller catches it by its type, as when refused at once
            TenantRejectedException r = new TenantRejectedException(e.getMessage());
            r.initCause(e);
            return r;
        }
        return new SQLException(e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
    }
}
