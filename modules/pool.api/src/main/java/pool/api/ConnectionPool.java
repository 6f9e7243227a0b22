package pool.api;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A pool of JDBC connections to one database. It is a {@link DataSource}:
 * {@link #getConnection()} borrows with the pool's defaults, and {@code close()} on the
 * returned connection gives it back (reset to the pool's defaults first).
 *
 * <p>All methods are thread-safe. Borrowers that must wait are served in order of
 * arrival within a priority; no newcomer takes a connection ahead of one who waits.
 */
public interface ConnectionPool extends DataSource, AutoCloseable {

    /** @return the pool's name */
    String name();

    /** @return the configuration the pool was built from, with live settings as they are now */
    PoolConfig config();

    /**
     * Borrows a connection, waiting up to the request's timeout (or the pool's
     * {@code borrowTimeout}).
     *
     * @throws PoolTimeoutException    when none became available in time; the message
     *                                 names pool, size, active, idle, pending and the wait
     * @throws PoolSaturatedException  when {@code maxPending} borrowers already wait
     * @throws PoolClosedException     when the pool is closed or draining
     * @throws SQLException            when the database refused a new connection
     */
    Connection borrow(BorrowRequest request) throws SQLException;

    /**
     * Takes an idle connection if one is ready now, without waiting or opening one.
     *
     * @return the connection, or empty when none is idle
     */
    Optional<Connection> tryBorrow() throws SQLException;

    /** Borrows without blocking the caller: see {@link #borrowAsync(BorrowRequest)}. */
    CompletableFuture<Connection> getConnectionAsync();

    /**
     * Borrows without blocking: the future completes with a connection when one is
     * available, in the same fair order as blocking borrows, or exceptionally with the
     * exceptions {@link #borrow} throws. Cancelling the future gives up the place in
     * line; a connection handed over at the same moment goes back to the pool. Ending it
     * any other way ({@code orTimeout}, {@code completeOnTimeout}, {@code complete},
     * {@code completeExceptionally}) gives up the place in line as a cancel does.
     */
    CompletableFuture<Connection> borrowAsync(BorrowRequest request);

    /** @return a snapshot of the pool's gauges, counters and wait percentiles */
    PoolStats stats();

    /**
     * One tenant's figures, as {@link #stats()} would list them in {@link PoolStats#tenants()},
     * without computing the pool's other figures: a monitor reading each tenant in turn
     * costs one tenant per read, not the whole pool.
     *
     * @param tenant the tenant's name
     * @return its figures, or empty when the pool has no tenancy or does not know the tenant now
     */
    default Optional<TenantStats> tenantStats(String tenant) {
        return stats().tenants().stream().filter(t -> t.tenant().equals(tenant)).findFirst();
    }

    /** @return the live-tunable settings in force now */
    LiveSettings liveSettings();

    /**
     * Applies new live settings at once: the one path used by the API, JMX and reload.
     * Growing opens connections in the background; shrinking retires idle connections
     * first and in-use ones when they are returned, never under a borrower.
     *
     * @throws IllegalArgumentException naming the setting that is invalid; nothing changes then
     */
    void apply(LiveSettings settings);

    /**
     * Changes the live settings from those in force: passes them to {@code change} and applies
     * what it returns, as one step against every other {@code update} and {@code apply} of this
     * pool. Two changes made at once (an operator's resize through JMX and a reload, say) then
     * never undo each other, as a {@code liveSettings()} followed by an {@code apply} could.
     * {@code change} runs under the pool's settings lock: keep it short and do not call the pool
     * from it.
     *
     * <p>The pools of {@code pool.engine.Pools} hold a lock of their own; this default, for other
     * implementations, takes the pool object's monitor.
     *
     * @param change from the settings in force to the new ones
     * @return the settings now in force
     * @throws IllegalArgumentException naming the setting that is invalid; nothing changes then
     */
    default LiveSettings update(UnaryOperator<LiveSettings> change) {
        synchronized (this) {
            LiveSettings next = change.apply(liveSettings());
            apply(next);
            return next;
        }
    }

    /** Changes minIdle and maxSize: shorthand for {@code update(s -> s.withSize(minIdle, maxSize))}. */
    default void resize(int minIdle, int maxSize) {
        update(s -> s.withSize(minIdle, maxSize));
    }

    /** @return connections held past the leak threshold now, longest held first */
    List<LeakSuspect> leakSuspects();

    /**
     * Reclaims every current leak suspect by force: a statement it still runs is cancelled,
     * its transaction rolled back, the physical connection closed, and the application's
     * handle (and the statement call that was running) then throws
     * {@link ConnectionReclaimedException}. The closing happens in the background.
     *
     * @return how many were reclaimed
     */
    int reclaimLeaks();

    /** Retires every idle connection now and every in-use one when it is returned. */
    void softEvict();

    /**
     * New borrows wait (up to their timeout) until {@link #resume()}, and no connection is opened
     * for them meanwhile (minIdle is kept); returns go on.
     */
    void suspend();

    /** Ends a {@link #suspend()}; waiting borrowers are served in order. */
    void resume();

    /** Runs the reaper once now, on the caller's thread's behalf, and waits for it. */
    void runReaperNow();

    void addListener(PoolListener listener);

    void removeListener(PoolListener listener);

    /**
     * Stops new borrows, waits up to {@code drainTimeout} for borrowed connections to
     * come back, then rolls back and closes every connection.
     *
     * @return true when every connection came back within the timeout
     */
    boolean drainAndClose(Duration drainTimeout);

    /**
     * Closes the pool at once: waiting borrowers fail with {@link PoolClosedException} (those of a
     * suspended pool too), a statement still running on a borrowed connection is cancelled, and
     * in-use connections are rolled back and closed (aborted when that has not ended within
     * validationTimeout).
     */
    @Override
    void close();

    // ---- DataSource methods that mean the same for every pool ----------------------------

    /**
     * Refused: every connection of a pool uses the pool's own credentials.
     *
     * @throws SQLFeatureNotSupportedException always
     */
    @Override
    default Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("pool '" + name() + "': every connection uses the pool's own "
                + "credentials; call getConnection() without user and password");
    }

    /** @return null: pools log through {@link System.Logger}, not a DataSource log writer */
    @Override
    default PrintWriter getLogWriter() {
        return null;
    }

    /** Ignored: pools log through {@link System.Logger}, not a DataSource log writer. */
    @Override
    default void setLogWriter(PrintWriter out) {
        // nothing to set
    }

    /** @throws SQLFeatureNotSupportedException always: pools log through {@link System.Logger} */
    @Override
    default Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("poold logs through System.Logger, not java.util.logging");
    }

    /** @return this pool as {@code iface} when it is one; a pool wraps nothing else */
    @Override
    default <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("pool '" + name() + "' is not a wrapper for " + iface.getName());
    }

    /** @return whether this pool is an {@code iface}; a pool wraps nothing else */
    @Override
    default boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
