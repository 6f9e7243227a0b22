package pool.engine.internal;

import java.sql.SQLException;
import java.util.function.BooleanSupplier;
import pool.api.spi.ConnectionFactory;
import pool.engine.internal.bag.Bag;
import pool.engine.internal.core.EngineCore;
import pool.engine.internal.core.LiveSettingsHolder;
import pool.engine.internal.core.Permits;
import pool.engine.internal.core.PoolClock;
import pool.engine.internal.core.PoolEntry;
import pool.engine.internal.core.PoolSize;
import pool.engine.internal.core.Retirement;
import pool.engine.internal.lifecycle.LifecyclePolicy;
import pool.engine.internal.metrics.Metrics;
import pool.engine.internal.proxy.ConnectionState;
import pool.engine.internal.proxy.ProxyConnection;
import pool.engine.internal.proxy.ProxyOwner;

/**
 * The return path: reset what the application changed, then either hand the
 * connection on (to the longest waiter, else idle) or retire it: broken (a fatal error
 * was seen, or reset failed), its session changed where the database has no reset,
 * evicted, expired, above maxSize, or the pool is closing.
 * A connection is never handed on dirty.
 */
public final class Returner implements ProxyOwner {

    private final Bag<PoolEntry> bag;
    private final LifecyclePolicy policy;
    private final ConnectionFactory factory;
    private final Retirement retirement;
    private final PoolSize size;
    private final LiveSettingsHolder settings;
    private final BooleanSupplier closing;
    private final Metrics metrics;
    private final PoolClock clock;
    private volatile Runnable lateReturn = () -> { };
    /** Null for a pool without admission: then the return path never looks at permits. */
    private final pool.api.spi.BorrowAdmission admission;
    /** Reaper intervals above an hour: always read the clock (and no overflow in the margin). */
    private static final long MAX_MARGIN_NANOS = 3_600_000_000_000L;

    /**
     * @param closing   whether the pool is closing (a return then retires its connection)
     * @param admission the gate of every borrow, or null for none
     */
    public Returner(EngineCore core, LifecyclePolicy policy, BooleanSupplier closing,
                    pool.api.spi.BorrowAdmission admission) {
        this.bag = core.bag();
        this.policy = policy;
        this.factory = core.factory();
        this.retirement = core.retirement();
        this.size = core.size();
        this.settings = core.settings();
        this.metrics = core.metrics();
        this.clock = core.clock();
        this.closing = closing;
        this.admission = admission;
    }

    @Override
    public boolean isFatal(SQLException e) {
        return factory.isFatal(e);
    }

    @Override
    public void returned(ProxyConnection handle) {
        PoolEntry e = (PoolEntry) handle.entry();
        // Taken before the entry can go back: once released it may belong to another borrow.
        Object permit = admission == null ? null : e.takePermit();
        e.clearBorrow();
        long b = handle.borrowedAtNanos();
        ConnectionState s = e.session();
        boolean reusable = false;
        if (!s.isBroken()) {
            try {
                handle.releaseStatement(true);
                reusable = s.reset();
            } catch (SQLException | RuntimeException ex) {
                s.markBroken(); // state unknown: never hand it on
            }
        } else {
            handle.releaseStatement(false);
            s.forgetStatements();
        }
        long now = returnTime(e, b);
        String reason = s.isBroken() ? "broken"
                : !reusable ? "session changed"
                : e.evictRequested() ? "evicted"
                : closing.getAsBoolean() ? "closing"
                : policy.expired(e, now) ? "lifetime"
                : shrinking(e) ? "shrink"
                : null;
        if (reason != null) {
            retirement.retire(e, reason, false);
            if (permit != null) {
                Permits.giveBack(admission, permit, e.takePermitReuses()); // the retired entry is still this thread's to read
            }
            return;
        }
        e.returnedAt(now);
        if (permit == null) {
            bag.release(e);
        } else {
            releaseAdmitted(e, permit);
        }
        if (closing.getAsBoolean()) {
            // The pool began closing after the check above: its sweep may have missed this one.
            lateReturn.run();
        }
    }

    /** Makes a connection borrowed with an admission's permit idle, keeping the permit on it if the admission lets it. */
    private void releaseAdmitted(PoolEntry e, Object permit) {
        if (admission.keep(permit)) {
            // The permit stays with the idle connection, still counted, for the next borrow of
            // the same tenant to reuse (with the reuses it served, still on the entry); the
            // admission is told once the connection is idle, in case a borrower started waiting
            // meanwhile (it then takes kept permits back).
            e.admitted(permit);
            bag.release(e);
            admission.kept(permit);
        } else {
            long reuses = e.takePermitReuses();
            bag.release(e);
            Permits.giveBack(admission, permit, reuses); // after the release: a borrower it admits finds the connection idle
        }
    }

    /**
     * The time to stamp a return with, without reading the clock when the answer cannot
     * matter: the borrow already read it (see {@link pool.engine.internal.core.CoarseClock}
     * for what a read costs).
     *
     * <p>The borrow's own time {@code b} is used when the hold was short, which is known
     * without a clock: the reaper has not started a pass since {@code b}, so the hold is
     * shorter than one reaper interval. Then {@code b} as the return time is
     * <ul>
     *   <li>for the validation skip window (lastChecked): older than the truth, so a
     *       borrow validates sooner, never later;</li>
     *   <li>for the idle timeout (lastUsed): off by less than one reaper interval, the
     *       granularity at which the reaper enforces idle timeouts anyway;</li>
     *   <li>for maxLifetime: exact unless the lifetime ends within two reaper intervals
     *       of {@code b}; in that case the clock is read. (Should the reaper be late, an
     *       expired connection still never reaches a borrower: the borrow path checks
     *       expiry with the clock.)</li>
     * </ul>
     * Holds that span a reaper pass, and connections near the end of their life, read the clock.
     */
    private long returnTime(PoolEntry e, long b) {
        if (metrics.reaperStartedNanos() - b > 0) {
            return clock.now();
        }
        long interval = settings.reaperIntervalNanos();
        if (interval > MAX_MARGIN_NANOS) {
            return clock.now(); // a reaper this slow bounds nothing useful
        }
        return policy.expired(e, b + 2 * interval) ? clock.now() : b;
    }

    /**
     * Above the settings' ceiling (maxSize + burstMaxSize, after a resize), or a regular
     * connection above maxSize. Burst connections within the ceiling stay: the reaper
     * contracts them gradually.
     */
    private boolean shrinking(PoolEntry e) {
        pool.api.LiveSettings s = settings.get();
        return size.get() > s.maxSize() + s.burstMaxSize() || !e.burst() && size.regular() > s.maxSize();
    }

    /** What to run when a connection went idle while the pool was closing (retire idle ones). */
    public void onLateReturn(Runnable r) {
        lateReturn = r;
    }
}
