package pool.routing.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A routing pool's async borrows, as {@code ConnectionPool.borrowAsync} promises them: a
 * connection that arrives after the application ended the future (cancel, orTimeout,
 * complete) goes back to the pool, never lost; and a read-write borrow's future, so ended,
 * gives up its place in the primary pool's line. A plain {@code thenApply} over the primary
 * pool's future did neither: its cancel stayed in line, and the connection then served to it
 * was never mapped, handed to anyone or returned.
 */
final class AsyncBorrows {

    /** What turns the physical connection into the application's; it gives the connection back when it fails. */
    interface Mapping {
        Connection apply(Connection physical) throws SQLException;
    }

    /** A blocking borrow. */
    interface Borrow {
        Connection run() throws SQLException;
    }

    private AsyncBorrows() {
    }

    /** @return {@code source}'s connection through {@code mapping}, in a future the application may end */
    static CompletableFuture<Connection> mapped(CompletableFuture<Connection> source, Mapping mapping) {
        pool.api.spi.SourceEndingFuture<Connection> out = new pool.api.spi.SourceEndingFuture<>(source);
        source.whenComplete((c, failure) -> {
            if (failure != null) {
                if (!out.endedSource()) { // else: the source's cancellation, which the application's own ending caused
                    out.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure);
                }
                return;
            }
            Connection mine;
            try {
                mine = mapping.apply(c);
            } catch (SQLException | RuntimeException e) {
                out.completeExceptionally(e);
                return;
            }
            if (!out.complete(mine)) {
                closeQuietly(mine); // ended by the application meanwhile: nobody else will return it
            }
        });
        return out;
    }

    /**
     * @return the outcome of a blocking {@code borrow} run on a virtual thread of its own. Ending
     *         the future does not interrupt the borrow (an interrupt closes a virtual thread's
     *         socket: a replica being checked would look down); it ends {@code line}, whose wait
     *         under way leaves its pool's line at once, and a connection that came anyway goes back.
     */
    static CompletableFuture<Connection> onOwnThread(String name, BorrowLine line, Borrow borrow) {
        CompletableFuture<Connection> out = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean done = super.cancel(mayInterruptIfRunning);
                line.end();
                return done;
            }

            @Override
            public boolean complete(Connection value) {
                boolean done = super.complete(value);
                line.end();
                return done;
            }

            @Override
            public boolean completeExceptionally(Throwable ex) {
                boolean done = super.completeExceptionally(ex); // orTimeout ends the future this way
                line.end();
                return done;
            }
        };
        Thread.ofVirtual().name(name).start(() -> {
            try {
                Connection c = borrow.run();
                if (!out.complete(c)) {
                    closeQuietly(c); // ended by the application meanwhile
                }
            } catch (Throwable e) {
                out.completeExceptionally(e);
            }
        });
        return out;
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException | RuntimeException ignored) {
            // a pooled connection's close gives it back; nothing to report to anyone
        }
    }
}
