package pool.engine.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import pool.api.BorrowRequest;
import pool.api.PoolClosedException;
import pool.engine.internal.bag.AbstractWaiter;
import pool.engine.internal.bag.Bag;
import pool.engine.internal.bag.WaiterQueue;
import pool.engine.internal.core.PoolEntry;
import pool.engine.internal.leak.LeakDetector;

/**
 * Borrowing without blocking (issue 4): a {@link CompletableFuture} that joins the same
 * waiter queue, in the same fair order, as blocking borrowers.
 *
 * <ul>
 *   <li>An idle connection (nobody waiting) completes the future at once, on the caller.</li>
 *   <li>Otherwise an {@link AsyncWaiter} is queued (counted against maxPending like any
 *       waiter; past it the future fails at once) and a timeout is scheduled.</li>
 *   <li>The returning thread only wins the waiter's CAS and submits the completion to the
 *       completion executor; it never runs application callbacks, and one slow callback
 *       cannot delay another (the default executor runs each completion on its own
 *       virtual thread).</li>
 *   <li>Cancellation and timeout race the hand-off by the waiter's CAS. If the hand-off
 *       won but the future was completed or cancelled meanwhile, {@code complete} answers
 *       false and the connection is closed, i.e. returned: to the next waiter or idle.</li>
 * </ul>
 */
public final class AsyncBorrower {

    private final Bag<PoolEntry> bag;
    private final Borrower borrower;
    private final Executor completions;
    private final ScheduledExecutorService timer;
    private final Borrower.PoolStatus status;
    private final LeakDetector leaks;
    private final pool.engine.internal.create.Creator creator;
    /** Null for a pool without admission. */
    private final pool.api.spi.BorrowAdmission admission;

    public AsyncBorrower(Bag<PoolEntry> bag, Borrower borrower, Executor completions, ScheduledExecutorService timer,
                         Borrower.PoolStatus status, LeakDetector leaks, pool.engine.internal.create.Creator creator,
                         pool.api.spi.BorrowAdmission admission) {
        this.admission = admission;
        this.bag = bag;
        this.borrower = borrower;
        this.completions = completions;
        this.timer = timer;
        this.status = status;
        this.leaks = leaks;
        this.creator = creator;
    }

    public CompletableFuture<Connection> borrow(BorrowRequest request) {
        if (admission != null) {
            return borrowAdmitted(request);
        }
        String refusal = status.refusal();
        if (refusal != null) {
            return CompletableFuture.failedFuture(new PoolClosedException(refusal));
        }
        long start = System.nanoTime();
        Thread requester = Thread.currentThread();
        PoolEntry e = bag.takeIdle();
        if (e != null) {
            Connection c = borrower.prepare(e, start, false, requester, null);
            if (c != null) {
                return CompletableFuture.completedFuture(c);
            }
            // It failed its check: the next ones are checked off the caller's thread, as the
            // queue hands them over. Checking every idle one here would block the caller of an
            // async borrow for validationTimeout per connection against a stalled database.
        }
        BorrowFuture f = new BorrowFuture();
        // The stack is taken here, on the requester's thread: the completion runs elsewhere.
        enqueue(f, request, start, borrower.timeoutOf(request), requester, leaks.captureStack());
        return f;
    }

    /**
     * An async borrow through the admission. Admitted at once with a connection idle: done
     * on the caller. Otherwise the admission's future is awaited without blocking, and once
     * admitted, the engine's part runs on the completion executor as a blocking borrow: an
     * admitted borrow finds a connection idle or being opened (the admission bounds permits
     * by maxSize), so that wait is short and never on a returning thread.
     */
    private CompletableFuture<Connection> borrowAdmitted(BorrowRequest request) {
        String refusal = status.refusal();
        if (refusal != null) {
            return CompletableFuture.failedFuture(new PoolClosedException(refusal));
        }
        long start = System.nanoTime();
        Duration timeout = borrower.timeoutOf(request);
        Object permit;
        try {
            permit = admission.tryAdmit(request);
        } catch (SQLException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (permit != null) {
            PoolEntry e = bag.takeIdle();
            if (e != null) {
                Connection c = borrower.prepare(e, start, false, Thread.currentThread(), null, permit);
                if (c != null) {
                    return CompletableFuture.completedFuture(c);
                }
                AdmittedFuture f = new AdmittedFuture(null);
                Thread requester = Thread.currentThread();
                Throwable stack = leaks.captureStack();
                run(() -> finish(f, request, start, timeout, false, permit, requester, stack));
                return f;
            }
            admission.releaseUnused(permit); // none idle: wait in the admission's order
        }
        // Taken here, on the requester's thread: the borrow ends on the completion executor's.
        Thread requester = Thread.currentThread();
        Throwable stack = leaks.captureStack();
        CompletableFuture<Object> admitted = admission.admitAsync(request, timeout.toNanos());
        AdmittedFuture f = new AdmittedFuture(admitted);
        admitted.whenComplete((p, failure) -> {
            if (failure != null) {
                if (f.endedSource()) {
                    return; // cancelled because the application ended the future itself: its outcome stands
                }
                Throwable cause = borrower.admissionFailed(failure instanceof java.util.concurrent.CompletionException
                        && failure.getCause() != null ? failure.getCause() : failure);
                run(() -> f.completeExceptionally(cause));
            } else {
                run(() -> finish(f, request, start, timeout, true, p, requester, stack));
            }
        });
        return f;
    }

    private void finish(AdmittedFuture f, BorrowRequest request, long start, Duration timeout, boolean waited,
                        Object permit, Thread requester, Throwable stack) {
        if (f.isDone()) {
            admission.releaseUnused(permit); // cancelled while being admitted
            return;
        }
        try {
            Connection c = borrower.borrowWithPermit(request, start, timeout, waited, permit, requester, stack);
            if (!f.complete(c)) {
                c.close(); // cancelled meanwhile: the connection (and its permit) go back
            }
        } catch (SQLException | RuntimeException e) {
            f.completeExceptionally(e);
        }
    }

    /** The future of an admitted async borrow; ending it gives up the place in the admission's line. */
    private static final class AdmittedFuture extends pool.api.spi.SourceEndingFuture<Connection> {
        AdmittedFuture(CompletableFuture<Object> admission) {
            super(admission);
        }
    }

    private void enqueue(BorrowFuture f, BorrowRequest request, long start, Duration timeout, Thread requester,
                         Throwable stack) {
        SQLException config = borrower.configurationFailure();
        if (config != null) {
            f.completeExceptionally(config);
            return;
        }
        AsyncWaiter w = new AsyncWaiter(f, request, start, timeout, requester, stack);
        f.waiter = w;
        WaiterQueue.Ticket t = bag.enqueue(w, timeout.isZero() ? 0 : borrower.maxPending());
        if (t == null) {
            f.completeExceptionally(borrower.refused(start, timeout));
            return;
        }
        w.ticket = t;
        if (w.isWaiting()) {
            long left = start + timeout.toNanos() - System.nanoTime();
            try {
                w.timeoutTask = timer.schedule(w::timeout, Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closing) {
                w.timeout();
            }
        }
        creator.demand();
        if (f.isDone()) {
            f.cancelWaiter(); // cancelled or ended by the application between creation and queueing
        }
    }

    private void run(Runnable task) {
        try {
            completions.execute(task);
        } catch (RuntimeException refused) {
            // Rejected (shutting down) or failing in any other way, the application's executor did
            // not take the hand-off: run it here, or the connection it carries would be lost.
            task.run();
        }
    }

    /** The future handed to the application; cancelling it gives up the place in line. */
    private final class BorrowFuture extends CompletableFuture<Connection> {
        volatile AsyncWaiter waiter;

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                cancelWaiter();
            }
            return cancelled;
        }

        /*
         * The application may end the future without cancel(): orTimeout, completeOnTimeout, its
         * own complete or completeExceptionally. Its waiter then gives up its place in line first,
         * before the dependents run: left queued, it would count against maxPending and in
         * pending until the pool's own timeout, and take a connection only to hand it back. The
         * pool's own completions come after the waiter's outcome is set, so this does nothing then.
         */

        @Override
        public boolean complete(Connection value) {
            if (!isDone()) {
                cancelWaiter();
            }
            return super.complete(value);
        }

        @Override
        public boolean completeExceptionally(Throwable ex) {
            if (!isDone()) {
                cancelWaiter();
            }
            return super.completeExceptionally(ex);
        }

        void cancelWaiter() {
            AsyncWaiter w = waiter;
            if (w != null && w.tryCancel()) {
                w.left();
            }
            // else: served at this very moment; the completion finds the future done and
            // returns the connection to the pool.
        }
    }

    /** A queued async borrow. */
    private final class AsyncWaiter extends AbstractWaiter<PoolEntry> {
        private final BorrowFuture future;
        private final BorrowRequest request;
        private final long start;
        private final Duration timeout;
        private final Thread requester;
        private final Throwable stack;
        volatile WaiterQueue.Ticket ticket;
        volatile ScheduledFuture<?> timeoutTask;

        AsyncWaiter(BorrowFuture future, BorrowRequest request, long start, Duration timeout, Thread requester,
                    Throwable stack) {
            super(request.priority(), start);
            this.future = future;
            this.request = request;
            this.start = start;
            this.timeout = timeout;
            this.requester = requester;
            this.stack = stack;
        }

        /** Leaves the queue after giving up. */
        void left() {
            WaiterQueue.Ticket t = ticket;
            if (t != null) {
                bag.dequeue(t);
            }
            ScheduledFuture<?> task = timeoutTask;
            if (task != null) {
                task.cancel(false);
            }
        }

        void timeout() {
            if (tryCancel()) {
                left();
                SQLException e = borrower.timedOut(start, timeout);
                run(() -> future.completeExceptionally(e));
            }
        }

        @Override
        protected void onFulfilled(PoolEntry entry) {
            ScheduledFuture<?> task = timeoutTask;
            if (task != null) {
                task.cancel(false);
            }
            run(() -> complete(entry));
        }

        @Override
        protected void onFailed(Throwable cause) {
            ScheduledFuture<?> task = timeoutTask;
            if (task != null) {
                task.cancel(false);
            }
            Throwable e = cause instanceof SQLException s ? Borrower.copy(s) : cause;
            run(() -> future.completeExceptionally(e));
        }

        private void complete(PoolEntry entry) {
            Connection c = borrower.prepare(entry, start, true, requester, stack);
            if (c == null) {
                // Handed a connection that failed its check (retired now): wait again for the time left.
                long left = start + timeout.toNanos() - System.nanoTime();
                if (left <= 0) {
                    future.completeExceptionally(borrower.timedOut(start, timeout));
                } else if (!future.isDone()) {
                    enqueue(future, request, start, timeout, requester, stack);
                }
                return;
            }
            if (!future.complete(c)) {
                try {
                    c.close(); // cancelled or completed meanwhile: the connection goes back, never lost
                } catch (SQLException ignored) {
                    // close() of a pooled handle does not throw
                }
            }
        }
    }
}
