package pool.routing.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import pool.api.BorrowRequest;
import pool.api.ConnectionPool;

/**
 * The place in line of an async read-intent borrow, which runs on a thread of its own and may
 * wait in a replica's pool, then another's, then the primary's. Each wait is the part pool's
 * own async borrow, so that when the application ends the borrow's future, the wait under way
 * is cancelled and leaves that pool's waiter queue at once (its pending count drops), and no
 * further pool is asked. Interrupting the thread instead would close the socket of a
 * connection being opened or set up on it.
 */
final class BorrowLine {

    /** The borrow's future was ended by the application: no pool is waited for any more. */
    static final class Ended extends SQLException {
        private static final long serialVersionUID = 1L;

        Ended() {
            super("the borrow was cancelled", "57014");
        }
    }

    private CompletableFuture<Connection> waiting;
    private boolean ended;

    /**
     * Borrows from {@code from} as {@code from.borrow(request)} would, in a way {@link #end()} can stop.
     *
     * @throws Ended when the borrow was ended before or while waiting
     */
    Connection borrow(ConnectionPool from, BorrowRequest request) throws SQLException {
        CompletableFuture<Connection> f;
        synchronized (this) {
            if (ended) {
                throw new Ended();
            }
            f = from.borrowAsync(request);
            waiting = f;
        }
        try {
            return f.get(); // the part pool times its borrow out itself
        } catch (CancellationException e) {
            throw new Ended();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException q) {
                throw q;
            }
            throw new SQLException("borrow failed: " + e.getCause(), "08001", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(false); // a connection handed over meanwhile is closed by the engine's future
            throw new Ended();
        } finally {
            synchronized (this) {
                waiting = null;
            }
        }
    }

    /** Ends the borrow: the wait under way leaves its pool's line, and no other is started. */
    void end() {
        CompletableFuture<Connection> f;
        synchronized (this) {
            ended = true;
            f = waiting;
        }
        if (f != null) {
            f.cancel(false); // a connection the pool handed over first still comes through get()
        }
    }
}
