package pool.engine.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import pool.api.BorrowRequest;
import pool.api.PoolClosedException;
import pool.api.PoolEvent;
import pool.api.PoolSaturatedException;
import pool.api.PoolTimeoutException;
import pool.api.spi.ConnectionFactory;
import pool.engine.internal.bag.Bag;
import pool.engine.internal.bag.BagItem;
import pool.engine.internal.bag.BlockingWaiter;
import pool.engine.internal.bag.WaiterQueue;
import pool.engine.internal.core.EngineCore;
import pool.engine.internal.core.LiveSettingsHolder;
import pool.engine.internal.core.Permits;
import pool.engine.internal.core.PoolClock;
import pool.engine.internal.core.PoolEntry;
import pool.engine.internal.core.Retirement;
import pool.engine.internal.create.Creator;
import pool.engine.internal.leak.LeakDetector;
import pool.engine.internal.lifecycle.LifecyclePolicy;
import pool.engine.internal.metrics.EventDispatcher;
import pool.engine.internal.metrics.Metrics;
import pool.engine.internal.proxy.ClosedConnection;
import pool.engine.internal.proxy.ProxyConnection;
import pool.engine.internal.proxy.ProxyOwner;

/**
 * The borrow path. Fast path (a connection is idle and nobody waits): one lock-free
 * take from the bag, one read of the pool's clock, the lifecycle checks on fields, a
 * handle; no lock, no allocation beyond the handle. Slow path: queue a
 * {@link BlockingWaiter}, ask the creator for a connection, park until served, failed or
 * timed out (deadlines in real time, {@link System#nanoTime()}).
 */
public final class Borrower {

    private final String pool;
    private final Bag<PoolEntry> bag;
    private final LifecyclePolicy policy;
    private final ConnectionFactory factory;
    private final Duration validationTimeout;
    private final Metrics metrics;
    private final EventDispatcher events;
    private final LeakDetector leaks;
    private final Retirement retirement;
    private final Creator creator;
    private final LiveSettingsHolder settings;
    private final PoolClock clock;
    private final int maxPending;
    private final PoolStatus status;
    private final ProxyOwner owner;
    /** Null for a pool without admission: then borrows never look at it beyond this null check. */
    private final pool.api.spi.BorrowAdmission admission;

    /** What the borrow path needs to know about the pool as a whole. */
    public interface PoolStatus {
        /** @return null when borrows are accepted, else why not */
        String refusal();

        /** @return "active a, idle i, total t, pending p" for messages */
        String describe();

        /** @return whether borrows wait because an operator suspended the pool */
        boolean suspended();

        /** @return whether the pool is closed (not merely draining) */
        boolean closed();

        pool.api.PoolStats statsForEvent();
    }

    /**
     * @param owner     where handles return to
     * @param admission the gate of every borrow, or null for none
     */
    public Borrower(EngineCore core, LifecyclePolicy policy, LeakDetector leaks, Creator creator, PoolStatus status,
                    ProxyOwner owner, pool.api.spi.BorrowAdmission admission) {
        this.pool = core.name();
        this.bag = core.bag();
        this.policy = policy;
        this.factory = core.factory();
        this.validationTimeout = core.config().validationTimeout();
        this.metrics = core.metrics();
        this.events = core.events();
        this.leaks = leaks;
        this.retirement = core.retirement();
        this.creator = creator;
        this.settings = core.settings();
        this.clock = core.clock();
        this.maxPending = core.config().maxPending();
        this.status = status;
        this.owner = owner;
        this.admission = admission;
    }

    public Connection borrow(BorrowRequest request) throws SQLException {
        if (admission != null) {
            return borrowAdmitted(request);
        }
        String refusal = status.refusal();
        if (refusal != null) {
            throw new PoolClosedException(refusal);
        }
        PoolEntry e = bag.takeIdle();
        if (e == null) {
            return borrowSlow(request, System.nanoTime(), timeoutOf(request)); // deadlines: real time
        }
        long now = clock.now();
        Connection c = prepare(e, now, 0, false, Thread.currentThread(), null, null);
        return c != null ? c : borrowSlow(request, startBefore(now), timeoutOf(request));
    }

    /**
     * The real time at pool-clock time {@code checkStart}: a borrow whose first connection
     * failed its check waited from then (a validation against a stalled database lasts up
     * to validationTimeout, and counts against the borrow's timeout like any wait).
     */
    private long startBefore(long checkStart) {
        return System.nanoTime() - Math.max(0, clock.now() - checkStart);
    }

    /**
     * A borrow that passes the admission: an idle connection that keeps a permit its admission
     * lets this borrow {@code reuse} is taken as it is (no shared write beyond the plain path's);
     * otherwise its kept permit goes back and {@code tryAdmit} decides; not admitted, or nothing
     * idle, the borrow waits in {@code admit}, then takes the plain borrow's path holding the
     * permit, its wait counted from the start. A failure after admission gives the permit back.
     */
    private Connection borrowAdmitted(BorrowRequest request) throws SQLException {
        String refusal = status.refusal();
        if (refusal != null) {
            throw new PoolClosedException(refusal);
        }
        PoolEntry e = bag.takeIdle();
        if (e != null) {
            Object permit = e.takePermit();
            long reuses = -1;
            if (permit != null && admission.reuse(request, permit)) {
                reuses = e.permitReuses();
            } else {
                permit = admitWith(request, permit, e);
            }
            if (permit != null) {
                return borrowAdmittedIdle(request, e, permit, reuses);
            }
        }
        // None idle, or not admitted now: wait in the admission's order, not the engine's.
        long start = System.nanoTime();
        Duration timeout = timeoutOf(request);
        Object permit;
        try {
            permit = admission.admit(request, timeout.toNanos());
        } catch (SQLException ex) {
            throw admissionFailed(ex);
        }
        return borrowWithPermit(request, start, timeout, true, permit, Thread.currentThread(), null);
    }

    /**
     * Gives back {@code kept}, the permit idle connection {@code e} kept (null: none), and asks the
     * admission for one; not admitted, {@code e} goes back idle.
     *
     * @return the permit, or null when the borrow must wait
     */
    private Object admitWith(BorrowRequest request, Object kept, PoolEntry e) throws SQLException {
        if (kept != null) {
            Permits.giveBack(admission, kept, e.takePermitReuses());
        }
        Object permit;
        try {
            permit = admission.tryAdmit(request);
        } catch (SQLException | RuntimeException | Error ex) {
            bag.release(e);
            throw ex;
        }
        if (permit == null) {
            bag.release(e);
        }
        return permit;
    }

    /**
     * As the plain fast path, holding {@code permit}: the idle connection {@code e}, no wait.
     *
     * @param reuses the reuses {@code e} counted with its kept permit when this borrow reuses
     *               it, else -1
     */
    private Connection borrowAdmittedIdle(BorrowRequest request, PoolEntry e, Object permit, long reuses)
            throws SQLException {
        if (reuses >= 0) {
            e.permitReuses(reuses + 1); // this borrow too; prepare puts the permit back on the entry
        }
        Connection c;
        long now = clock.now();
        try {
            c = prepare(e, now, 0, false, Thread.currentThread(), null, permit);
        } catch (RuntimeException | Error ex) {
            if (reuses >= 0) {
                e.takePermitReuses();
                admission.counted(permit, reuses + 1);
            }
            admission.releaseUnused(permit);
            throw ex;
        }
        if (c != null) {
            return c;
        }
        if (reuses >= 0) {
            // The connection failed its check and retired without the permit: it goes on with
            // this borrow as one admitted now, its borrow counted (undone if it gets no connection).
            admission.counted(permit, reuses + 1);
        }
        return borrowWithPermit(request, startBefore(now), timeoutOf(request), false, permit,
                Thread.currentThread(), null);
    }

    /** Records the borrow's permit on {@code e}, giving back the one {@code e} kept while idle if any. */
    private void admitted(PoolEntry e, Object permit) {
        Object kept = e.takePermit();
        if (kept != null) {
            Permits.giveBack(admission, kept, e.takePermitReuses());
        }
        e.admitted(permit);
    }

    /**
     * Counts a borrow the admission timed out or refused for maxPending as the pool's own
     * timeouts and refusals are counted (the pool's TimeoutCount and RejectedBorrowCount are
     * every borrow's), and announces the exhaustion as the pool's own.
     *
     * @return {@code e}, to be thrown or completed with
     */
    <T extends Throwable> T admissionFailed(T e) {
        if (e instanceof PoolTimeoutException) {
            metrics.timeouts.increment();
        } else if (e instanceof PoolSaturatedException) {
            metrics.rejected.increment();
        } else {
            return e;
        }
        exhausted();
        return e;
    }

    /**
     * The engine's part of an admitted borrow (also run by async borrows once admitted, on the
     * completion executor).
     *
     * @param requester  the thread charged with the borrow (an async borrow's requester)
     * @param asyncStack the stack an async borrow captured when requested; null to capture now
     */
    Connection borrowWithPermit(BorrowRequest request, long start, Duration timeout, boolean waited, Object permit,
                                Thread requester, Throwable asyncStack) throws SQLException {
        boolean done = false;
        boolean timedOut = false;
        boolean rejected = false;
        try {
            PoolEntry e = bag.takeIdle();
            Connection c = e == null ? null : prepare(e, start, waited, requester, asyncStack, permit);
            if (c == null) {
                c = borrowSlow(request, start, timeout, permit, requester, asyncStack);
            }
            done = true;
            return c;
        } catch (PoolTimeoutException t) {
            timedOut = true;
            throw named(t, permit);
        } catch (PoolSaturatedException t) {
            rejected = true;
            throw t;
        } finally {
            if (timedOut) {
                admission.releaseTimedOut(permit); // the tenant's timeouts count it, as the pool's do
            } else if (rejected) {
                admission.releaseRejected(permit); // the tenant's refusals count it, as the pool's do
            } else if (!done) {
                admission.releaseUnused(permit);
            }
        }
    }

    /** @return {@code t}, its message naming who the admission charged the borrow to (the tenant) */
    private PoolTimeoutException named(PoolTimeoutException t, Object permit) {
        String whose = admission.describe(permit);
        String head = "pool '" + pool + "': ";
        if (whose == null || t.getMessage() == null || !t.getMessage().startsWith(head)) {
            return t;
        }
        PoolTimeoutException named = new PoolTimeoutException(head + whose + ": "
                + t.getMessage().substring(head.length()), t.getCause());
        named.setStackTrace(t.getStackTrace());
        return named;
    }

    /**
     * @return a connection if one is idle now and nobody waits, else null; never waits or
     *         opens one, and checks at most one: after a failed check, the next idle one that
     *         needs a check stays idle and the answer is null
     */
    public Connection tryBorrow() throws SQLException {
        String refusal = status.refusal();
        if (refusal != null) {
            throw new PoolClosedException(refusal);
        }
        Object permit = null;
        if (admission != null && (permit = admission.tryAdmit(BorrowRequest.DEFAULT)) == null) {
            return null;
        }
        try {
            Connection c = tryTake(permit);
            if (c == null && permit != null) {
                admission.releaseUnused(permit);
            }
            return c;
        } catch (RuntimeException | Error ex) {
            if (permit != null) {
                admission.releaseUnused(permit);
            }
            throw ex;
        }
    }

    private Connection tryTake(Object permit) {
        boolean checked = false;
        for (;;) {
            PoolEntry e = bag.takeIdle();
            if (e == null) {
                creator.demand(); // minIdle may need topping up; nobody waits for it
                return null;
            }
            long now = clock.now();
            boolean check = !e.evictRequested() && !policy.expired(e, now) && policy.needsValidation(e, now);
            if (check && checked) {
                // One check failed already: against a stalled database each further one would
                // block this caller for validationTimeout. As an async borrow, at most one check
                // here; this one stays idle, checked by the next borrow that takes it.
                bag.release(e);
                return null;
            }
            checked |= check;
            Connection c = prepare(e, now, 0, false, Thread.currentThread(), null, permit);
            if (c != null) {
                return c;
            }
        }
    }

    private Connection borrowSlow(BorrowRequest request, long start, Duration timeout) throws SQLException {
        return borrowSlow(request, start, timeout, null, Thread.currentThread(), null);
    }

    private Connection borrowSlow(BorrowRequest request, long start, Duration timeout, Object permit,
                                  Thread requester, Throwable asyncStack) throws SQLException {
        long timeoutNanos = timeout.toNanos();
        long deadline = start + timeoutNanos;
        for (;;) {
            SQLException config = configurationFailure();
            if (config != null) {
                throw config;
            }
            if (timeoutNanos != 0 && System.nanoTime() - deadline >= 0) {
                // Connections that failed their check used the time up (each check may last
                // validationTimeout): the next one handed over would only be checked past it.
                throw timedOut(start, timeout);
            }
            BlockingWaiter<PoolEntry> w = new BlockingWaiter<>(request.priority(), start);
            WaiterQueue.Ticket ticket = bag.enqueue(w, timeoutNanos == 0 ? 0 : maxPending);
            if (ticket == null) {
                throw refused(start, timeout);
            }
            creator.demand();
            PoolEntry e = awaitConnection(w, deadline, permit);
            if (e == null) {
                bag.dequeue(ticket);
                Throwable failure = w.failure();
                if (failure != null) {
                    throw failure instanceof SQLException s ? copy(s)
                            : new SQLException("pool '" + pool + "': borrow failed: " + failure, "08001", failure);
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new SQLException("pool '" + pool + "': interrupted while waiting for a connection", "08001",
                            new InterruptedException());
                }
                throw timedOut(start, timeout);
            }
            Connection c = prepare(e, start, true, requester, asyncStack, permit);
            if (c != null) {
                return c;
            }
            // The connection handed to us failed its check: wait again for the time left.
        }
    }

    /**
     * Waits for the queued waiter's connection. An admitted borrow ({@code permit} not null)
     * holds no connection meanwhile, so the admission counts it as waiting, not as holding one.
     */
    private PoolEntry awaitConnection(BlockingWaiter<PoolEntry> w, long deadline, Object permit) {
        if (permit == null) {
            return w.await(deadline);
        }
        admission.waitsForConnection(permit, true);
        try {
            return w.await(deadline);
        } finally {
            admission.waitsForConnection(permit, false);
        }
    }

    /**
     * Turns an entry the caller owns into a handle, or retires it and returns null when it
     * is expired, evicted or fails validation. For a borrow that did not wait, on the
     * calling thread.
     */
    Connection prepare(PoolEntry e) {
        return prepare(e, 0, false, Thread.currentThread(), null, null);
    }

    /**
     * @param start      when the borrow began waiting ({@link System#nanoTime()}); read only if {@code waited}
     * @param requester  the thread charged with the borrow (the requester, for async borrows)
     * @param asyncStack the stack captured when an async borrow was requested; null to capture now
     */
    Connection prepare(PoolEntry e, long start, boolean waited, Thread requester, Throwable asyncStack) {
        return prepare(e, start, waited, requester, asyncStack, null);
    }

    /** @param permit the borrow's admission permit, kept with the entry until it comes back; null without admission */
    Connection prepare(PoolEntry e, long start, boolean waited, Thread requester, Throwable asyncStack,
                       Object permit) {
        return prepare(e, clock.now(), start, waited, requester, asyncStack, permit);
    }

    /** @param now the pool clock's time, read by the caller */
    private Connection prepare(PoolEntry e, long now, long start, boolean waited, Thread requester,
                               Throwable asyncStack, Object permit) {
        if (e.evictRequested() || policy.expired(e, now)) {
            retirement.retire(e, e.evictRequested() ? "evicted" : "lifetime", false);
            return null;
        }
        if (policy.needsValidation(e, now)) {
            if (!factory.validate(e.raw(), validationTimeout)) {
                metrics.validationFailures.increment();
                retirement.retire(e, "validation", false);
                return null;
            }
            now = clock.now();
            e.checkedAt(now);
        }
        e.countBorrow();
        if (permit != null) {
            admitted(e, permit);
        }
        if (waited) {
            long w = System.nanoTime() - start; // a wait is real time, not the pool's
            metrics.waited(w);
            if (permit != null) {
                admission.waited(permit, w); // the tenant's wait counts the connection's too
            }
        }
        ProxyConnection h = new ProxyConnection(e.session(), owner, e, now, requester, asyncStack != null
                ? asyncStack : requester == Thread.currentThread() ? leaks.captureStack(e) : null);
        e.borrowed(h);
        if (status.closed() && h.revoke(ClosedConnection.closedAtShutdown(pool))) {
            // close() swept the borrowed connections while this borrow held its entry without a
            // handle yet: end it as the sweep ends the others (the caller gets a closed handle).
            retirement.retireAtClose(e, "closing", h::cancelStatements);
        }
        return h;
    }

    /**
     * @return the configuration error to fail with at once when nothing can come back and
     *         nothing can be opened (waiting cannot help), else null
     */
    SQLException configurationFailure() {
        SQLException config = creator.configurationError();
        if (config != null && bag.count(BagItem.IN_USE, BagItem.IDLE) == 0) {
            creator.probe();
            return copy(config);
        }
        return null;
    }

    /** @return why a waiter could not be queued: a zero timeout, or maxPending reached */
    SQLException refused(long start, Duration timeout) {
        if (timeout.isZero()) {
            // Nobody waits, so demand() alone opens nothing above minIdle: a pool whose borrows
            // never wait would then never open its first connection. Open one for the next borrow.
            creator.demand();
            if (!status.suspended()) {
                creator.probe();
            }
            return timedOut(start, timeout);
        }
        metrics.rejected.increment();
        exhausted();
        return new PoolSaturatedException("pool '" + pool + "': " + maxPending + " borrowers already wait "
                + "(maxPending); refused at once (" + status.describe() + ", maxSize "
                + settings.get().maxSize() + "). Raise maxSize or maxPending, or shorten the work done "
                + "while holding connections");
    }

    int maxPending() {
        return maxPending;
    }

    Duration timeoutOf(BorrowRequest request) {
        return request.timeout() != null ? request.timeout() : settings.get().borrowTimeout();
    }

    PoolTimeoutException timedOut(long start, Duration timeout) {
        long waitedMs = (System.nanoTime() - start) / 1_000_000;
        metrics.timeouts.increment();
        boolean full = full();
        exhausted(full);
        SQLException cause = creator.lastFailure();
        return new PoolTimeoutException("pool '" + pool + "': no connection available within " + timeout.toMillis()
                + " ms (waited " + waitedMs + " ms); maxSize " + settings.get().maxSize() + ", " + status.describe()
                + (status.suspended() ? "; the pool is suspended (JMX suspend or poolctl suspend), so borrows wait "
                        + "whatever is idle until it is resumed"
                        : full ? "; every connection is in use: return connections sooner (leakSuspects lists those "
                                + "held longest), or raise maxSize or the borrow timeout" : "")
                + (cause == null ? "" : "; last attempt to open a connection failed: " + cause.getMessage()), cause);
    }

    /** @return whether every connection maxSize allows is in use (a scan: failure paths only) */
    private boolean full() {
        return bag.count(BagItem.IN_USE) >= settings.get().maxSize();
    }

    private void exhausted() {
        exhausted(full());
    }

    private void exhausted(boolean full) {
        // Only when every connection is in use: a borrow that timed out on a suspended pool, or
        // would not wait while one was being opened, did not find the pool exhausted.
        if (full && events.active()) {
            events.publish(new PoolEvent.PoolExhausted(pool, Instant.now(), status.statsForEvent()));
        }
    }

    /** A fresh exception per borrower, so stacks show each caller, with the original as cause. */
    static SQLException copy(SQLException e) {
        if (e instanceof PoolClosedException) {
            PoolClosedException c = new PoolClosedException(e.getMessage());
            c.initCause(e);
            return c;
        }
        return new SQLException(e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
    }
}
