package pool.engine.internal;

import java.sql.SQLException;
import java.util.function.BooleanSupplier;
import pool.api.spi.ConnectionFactory;
import pool.engine.internal.bag.Bag;
import pool.engine.internal.lifecycle.LifecyclePolicy;
import pool.engine.internal.proxy.ConnectionState;
import pool.engine.internal.proxy.ProxyConnection;
import pool.engine.internal.proxy.ProxyOwner;

/**
 * The return path: reset what the application changed, then either hand the
 * connection on (to the longest waiter, else idle) or retire it: broken (a fatal error
 * was seen, or reset failed), evicted, expired, above maxSize, or the pool is closing.
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
    private volatile Runnable lateReturn = () -> { };

    public Returner(Bag<PoolEntry> bag, LifecyclePolicy policy, ConnectionFactory factory, Retirement retirement,
                    PoolSize size, LiveSettingsHolder settings, BooleanSupplier closing) {
        this.bag = bag;
        this.policy = policy;
        this.factory = factory;
        this.retirement = retirement;
        this.size = size;
        this.settings = settings;
        this.closing = closing;
    }

    @Override
    public boolean isFatal(SQLException e) {
        return factory.isFatal(e);
    }

    @Override
    public void returned(ProxyConnection handle) {
        PoolEntry e = (PoolEntry) handle.entry();
        e.clearBorrow();
        ConnectionState s = e.session();
        if (!s.isBroken()) {
            try {
                s.reset();
            } catch (SQLException | RuntimeException ex) {
                s.markBroken(); // state unknown: never hand it on
            }
        } else {
            s.forgetStatements();
        }
        long now = System.nanoTime();
        String reason = s.isBroken() ? "broken"
                : e.evictRequested() ? "evicted"
                : closing.getAsBoolean() ? "closing"
                : policy.expired(e, now) ? "lifetime"
                : shrinking(e) ? "shrink"
                : null;
        if (reason != null) {
            retirement.retire(e, reason, false);
            return;
        }
        e.returnedAt(now);
        bag.release(e);
        if (closing.getAsBoolean()) {
            // The pool began closing after the check above: its sweep may have missed this one.
            lateReturn.run();
        }
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
