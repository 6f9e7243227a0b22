package pool.engine.internal.core;

import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import pool.api.PoolEvent;
import pool.api.spi.ConnectionFactory;
import pool.engine.internal.bag.Bag;
import pool.engine.internal.metrics.EventDispatcher;
import pool.engine.internal.metrics.Metrics;

/**
 * Takes connections out of the pool for good: frees their slot and place at once, and
 * closes the physical connection on the closer thread, never on a borrower's or the
 * caller's thread (a close can block on the network).
 */
public final class Retirement {

    private static final System.Logger LOG = System.getLogger("poold.engine");

    private final String pool;
    private final Bag<PoolEntry> bag;
    private final PoolSize size;
    private final ConnectionFactory factory;
    private final Metrics metrics;
    private final EventDispatcher events;
    private final ExecutorService closer;
    private volatile Runnable afterRetire = () -> { };
    /** The threads closing connections taken at the pool's close, until each has closed or aborted its own. */
    private final java.util.Set<Thread> atClose = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final pool.api.spi.BorrowAdmission admission;
    private final int rollbackTimeoutMillis;

    /** @param rollbackTimeout longest a rollback before closing may wait for the database (validationTimeout) */
    public Retirement(String pool, Bag<PoolEntry> bag, PoolSize size, ConnectionFactory factory, Metrics metrics,
                      EventDispatcher events, ExecutorService closer, pool.api.spi.BorrowAdmission admission,
                      java.time.Duration rollbackTimeout) {
        this.admission = admission;
        this.rollbackTimeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, rollbackTimeout.toMillis()));
        this.pool = pool;
        this.bag = bag;
        this.size = size;
        this.factory = factory;
        this.metrics = metrics;
        this.events = events;
        this.closer = closer;
    }

    /** Runs after every retirement (the creator refills what is missing). */
    public void afterRetire(Runnable r) {
        afterRetire = r;
    }

    /**
     * Retires an entry its caller owns.
     *
     * @param rollback whether to roll back first (reclaim, shutdown: a transaction may be open)
     */
    public void retire(PoolEntry e, String reason, boolean rollback) {
        retire(e, reason, rollback, false, false);
    }

    /**
     * Retires a connection taken from its borrower by force (leak reclaim) while the borrower
     * may still be running a statement on it. Its rollback waits for that statement (both
     * drivers serialise calls on a connection, and a read already blocked keeps the timeout it
     * began with), so it runs on a thread of its own: on the one closer thread, a long query
     * would hold up every other close meanwhile, and the connections retired then (idle,
     * lifetime, shrink) would stay open on the database beside their replacements.
     */
    public void retireInUse(PoolEntry e, String reason) {
        retire(e, reason, true, true, false);
    }

    /**
     * Retires a connection still borrowed when its pool closes, as {@link #retireInUse} does,
     * and aborts it ({@link java.sql.Connection#abort}) when its rollback and close have not
     * ended within the rollback timeout: a statement that never returns (a lock wait, a
     * sleep) holds both, and a pool's close, the daemon's stop with it, must not wait for it.
     */
    public void retireAtClose(PoolEntry e, String reason) {
        retire(e, reason, true, true, true);
    }

    /**
     * Waits until the connections {@link #retireAtClose} took are rolled back and closed, or
     * aborted: at most the rollback timeout and one second more, so that a pool's close still
     * returns with its connections closed when nothing hangs, and in bounded time when one does.
     */
    public void awaitClosedAtClose() {
        long deadline = System.nanoTime() + (rollbackTimeoutMillis + 1000L) * 1_000_000L;
        for (Thread t : atClose.toArray(Thread[]::new)) {
            long left = deadline - System.nanoTime();
            try {
                if (left <= 0 || !t.join(java.time.Duration.ofNanos(left))) {
                    return;
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void retire(PoolEntry e, String reason, boolean rollback, boolean ownThread, boolean abortIfStuck) {
        bag.remove(e);
        metrics.borrowsRetired(e.borrows()); // after leaving the bag: see Metrics#borrows
        if (e.burst()) {
            size.releaseBurst();
        } else {
            size.release();
        }
        e.clearBorrow();
        // A borrow that ends here (reclaimed, shut down) gives its admission back; the
        // returner takes the permit before it retires, so it is never given back twice.
        Object permit = admission == null ? null : e.takePermit();
        Runnable close = () -> {
            if (rollback) {
                try {
                    if (!e.raw().getAutoCommit()) {
                        // A connection reclaimed or shut down may be one whose database stopped
                        // answering (that may be why it was held so long): without a bound its
                        // rollback would hold the one closer thread, and every close after it, for good.
                        e.raw().setNetworkTimeout(Runnable::run, rollbackTimeoutMillis);
                        e.raw().rollback();
                    }
                } catch (Exception ignored) {
                    // Closing ends the transaction anyway; the rollback only makes it explicit.
                }
            }
            factory.destroy(e.raw());
            metrics.destroyed.increment();
            events.publish(new PoolEvent.ConnectionDestroyed(pool, Instant.now(), e.id(), reason));
        };
        try {
            if (abortIfStuck) {
                Thread t = Thread.ofVirtual().name("poold-" + pool + "-closing-" + e.id()).unstarted(() -> {
                    try {
                        closeOrAbort(e, close);
                    } finally {
                        atClose.remove(Thread.currentThread());
                    }
                });
                atClose.add(t);
                t.start();
            } else if (ownThread) {
                Thread.ofVirtual().name("poold-" + pool + "-reclaim-" + e.id()).start(close);
            } else {
                closer.execute(close);
            }
        } catch (RejectedExecutionException shutDown) {
            close.run(); // pool closing: close inline rather than leak the socket
        }
        afterRetire.run();
        if (permit != null) {
            admission.release(permit);
        }
    }

    private void closeOrAbort(PoolEntry e, Runnable close) {
        Thread closing = Thread.ofVirtual().name("poold-" + pool + "-close-" + e.id()).start(close);
        try {
            if (!closing.join(java.time.Duration.ofMillis(rollbackTimeoutMillis))) {
                // abort ends the session without waiting for the statement (PostgreSQL, MariaDB
                // close the socket); the database rolls the transaction back. An H2 abort may
                // still wait for the statement, here and not in the pool's close.
                LOG.log(System.Logger.Level.WARNING, "pool ''{0}'': connection {1} still ran a statement {2} ms"
                        + " after its pool closed: aborted", pool, e.id(), rollbackTimeoutMillis);
                e.raw().abort(Runnable::run);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (java.sql.SQLException | RuntimeException ignored) {
            // The connection is gone from the pool either way; the close thread still tries.
        }
    }
}
