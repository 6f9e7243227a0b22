package pool.tenancy.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import pool.api.PoolClosedException;
import pool.api.PoolSaturatedException;
import pool.api.PoolTimeoutException;
import pool.api.TenantRejectedException;
import pool.api.spi.OpenConnectionException;

/**
 * The failures of a sharded pool's borrows as its users know the pool: the engine pools it
 * is made of name themselves ({@code orders.acme}, {@code orders.others}) in their messages,
 * names a user never configured and cannot look up in JMX or poolctl. This puts the pool's
 * own name back, with the part that failed, and keeps the exception's type and SQLState.
 */
final class ShardFailures {

    /** "pool 'orders.acme'" to "pool 'orders' (the sub-pool of tenant 'acme')", for each part. */
    private final Map<String, String> renames;

    /** @param parts each part's engine pool name to what it is, e.g. "the sub-pool of tenant 'acme'" */
    ShardFailures(String pool, Map<String, String> parts) {
        Map<String, String> m = new java.util.HashMap<>();
        parts.forEach((sub, what) -> m.put("pool '" + sub + "'", "pool '" + pool + "' (" + what + ")"));
        this.renames = Map.copyOf(m);
    }

    /** @return {@code e}, or the same failure naming the pool instead of its part */
    SQLException of(SQLException e) {
        String m = e.getMessage();
        if (m == null) {
            return e;
        }
        // The part's name wherever the message quotes it (a timeout quotes the last failure to
        // open a connection); the failure's detail after the name stays verbatim, so that the
        // daemon can still find it (OpenConnectionException) and send remote clients its client
        // detail instead.
        String part = null;
        String name = null;
        for (Map.Entry<String, String> r : renames.entrySet()) {
            if (m.startsWith(r.getKey())) {
                part = r.getKey();
                name = r.getValue();
                break;
            }
        }
        if (part == null) {
            return e; // a driver's own failure, or one already in the pool's name
        }
        if (e instanceof OpenConnectionException open) {
            return open.renamed(name); // so that its client message names the pool and tenant too
        }
        String renamed = m.replace(part, name);
        Throwable cause = e.getCause() instanceof OpenConnectionException open && open.getMessage().startsWith(part)
                ? open.renamed(name) : e.getCause();
        SQLException out;
        if (e instanceof PoolTimeoutException) {
            out = new PoolTimeoutException(renamed, cause);
        } else if (e instanceof PoolSaturatedException) {
            out = new PoolSaturatedException(renamed);
        } else if (e instanceof PoolClosedException) {
            out = new PoolClosedException(renamed);
        } else if (e instanceof TenantRejectedException) {
            out = new TenantRejectedException(renamed);
        } else if (e.getClass() == SQLException.class) {
            out = new SQLException(renamed, e.getSQLState(), e.getErrorCode(), cause);
        } else {
            return e; // a type we cannot make again: better the part's name than another type
        }
        if (out.getCause() == null && cause != null) {
            out.initCause(cause);
        }
        out.setStackTrace(e.getStackTrace());
        return out;
    }

    /**
     * @return a future completed as {@code borrow} is, with its failure renamed; ending it
     *         (cancel, orTimeout, complete) cancels {@code borrow}, its place in the shard's line,
     *         and a connection that arrives after it ended goes back
     */
    CompletableFuture<Connection> of(CompletableFuture<Connection> borrow) {
        pool.api.spi.SourceEndingFuture<Connection> out = new pool.api.spi.SourceEndingFuture<>(borrow);
        borrow.whenComplete((c, failure) -> {
            if (failure == null) {
                if (!out.complete(c)) {
                    closeQuietly(c); // ended meanwhile: nobody else will return it
                }
                return;
            }
            if (out.endedSource()) {
                return; // the borrow's cancellation, which the application's own ending caused
            }
            Throwable f = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            out.completeExceptionally(f instanceof SQLException s ? of(s) : f);
        });
        return out;
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // it goes back to its pool or is destroyed there: nothing to do here
        }
    }
}
