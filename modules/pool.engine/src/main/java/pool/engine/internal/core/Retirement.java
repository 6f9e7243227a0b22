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
        retire(e, reason, rollback, false, null);
    }

    /**
     * Retires a connection taken from its borrower by force (leak reclaim) while the borrower
     * may still be running a statement on it, on a thread of its own: {@code stopStatements}
     * first cancels what runs (else the rollback would wait for it, both drivers serialising
     * calls on a connection, and the statement would run on in a session the pool no longer
     * counts, holding its locks, beside the replacement), then the rollback and close; and
     * as at the pool's close, an abort when they have not ended within the rollback timeout.
     *
     * @param stopStatements cancels the statements the borrower runs (a network call: never on
     *                       the caller's thread, which is the reaper's or an operator's)
     */
    public void retireInUse(PoolEntry e, String reason, Runnable stopStatements) {
        retire(e, reason, true, true, stopStatements);
    }

    /**
     * Retires a connection still borrowed when its pool closes, as {@link #retireInUse} does:
     * a statement that never returns (a lock wait, a sleep) is cancelled, and the connection
     * aborted ({@link java.sql.Connection#abort}) when its rollback and close have not ended
     * within the rollback timeout, so that a pool's close, the daemon's stop with it, does not
     * wait for it.
     */
    public void retireAtClose(PoolEntry e, String reason, Runnable stopStatements) {
        retire(e, reason, true, true, stopStatements);
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

    /** @param taken whether taken from a borrower by force: then on a thread of its own, aborted if stuck */
    private void retire(PoolEntry e, String reason, boolean rollback, boolean taken, Runnable stopStatements) {
        bag.remove(e);
        metrics.borrowsRetired(e.borrows()); // after leaving the bag: see Metrics#borrows
        if (e.burst()) {
            size.releaseBurst();
        } else {
            size.release();
        }
        e.clearBorrow();
        // A borrow that ends here (reclaimed, shut down), or a permit kept on an idle connection,
        // goes back to the admission; the returner takes the permit before it retires, so it is
        // never given back twice.
        Object permit = admission == null ? null : e.takePermit();
        long reuses = permit == null ? 0 : e.takePermitReuses();
        Runnable close = () -> {
            if (stopStatements != null) {
                stopStatements.run();
            }
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
            if (taken) {
                Thread t = Thread.ofVirtual().name("poold-" + pool + "-" + reason + "-" + e.id()).unstarted(() -> {
                    try {
                        closeOrAbort(e, reason, close);
                    } finally {
                        atClose.remove(Thread.currentThread());
                    }
                });
                atClose.add(t); // a pool's close waits for these (bounded), a reclaim's too
                t.start();
            } else {
                closer.execute(close);
            }
        } catch (RejectedExecutionException shutDown) {
            close.run(); // pool closing: close inline rather than leak the socket
        }
        afterRetire.run();
        if (permit != null) {
            Permits.giveBack(admission, permit, reuses);
        }
    }

    private void closeOrAbort(PoolEntry e, String reason, Runnable close) {
        Thread closing = Thread.ofVirtual().name("poold-" + pool + "-close-" + e.id()).start(close);
        try {
            if (!closing.join(java.time.Duration.ofMillis(rollbackTimeoutMillis))) {
                // abort ends the session without waiting for the statement (PostgreSQL, MariaDB
                // close the socket); the database rolls the transaction back. An H2 abort may
                // still wait for the statement, here and not in the pool's close.
                LOG.log(System.Logger.Level.WARNING, "pool ''{0}'': connection {1} still ran a statement {2} ms"
                        + " after it was taken from its borrower ({3}): aborted", pool, e.id(), rollbackTimeoutMillis,
                        reason);
                e.raw().abort(Runnable::run);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (java.sql.SQLException | RuntimeException ignored) {
            // The connection is gone from the pool either way; the close thread still tries.
        }
    }
}
