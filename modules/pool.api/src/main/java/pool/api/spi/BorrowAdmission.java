package pool.api.spi;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import pool.api.BorrowRequest;
import pool.api.LiveSettings;
import pool.api.TenantStats;

/**
 * Admission before a borrow: a gate the pool passes every borrow through before it takes
 * a connection, and tells when that borrow's connection comes back. Tenancy is one
 * (quotas, reservations and fair order between tenants, {@code pool.tenancy}); the engine
 * knows nothing of tenants.
 *
 * <p>Contract with the pool that calls it:
 * <ul>
 *   <li>A borrow that took an idle connection keeping a permit first asks {@link #reuse};
 *       otherwise it asks {@link #tryAdmit} (the pool may take the idle connection before or
 *       after), and when it is not admitted or no connection is idle it hands back what it
 *       holds (a permit through {@link #releaseUnused}, the connection to the pool) and waits
 *       in {@link #admit} or {@link #admitAsync}, so that a busy pool serves its borrowers in
 *       the admission's order. A permit is handed back exactly once: through {@link #release}
 *       when the connection is returned or retired, or through {@link #releaseUnused} when the
 *       borrow got no connection (failed, timed out, cancelled); or it stays with the idle
 *       connection when {@link #keep} allows, until a borrow {@link #reuse}s it or it is
 *       given back through {@link #release} (its connection retired, or taken by a borrow that
 *       does not reuse it) or {@link KeptPermits#takeAll}.</li>
 *   <li>The admission admits waiters only while fewer than the pool's maxSize permits are
 *       out, so a waiter it admits finds a connection idle or soon opened; the pool's own
 *       limits stay in force.</li>
 *   <li>{@link #release} runs on the returning thread after the connection went back to the
 *       pool, so a waiter it wakes finds it idle; it must not block.</li>
 *   <li>A pool without admission never calls any of this: it costs nothing there.</li>
 * </ul>
 * Implementations are thread-safe.
 */
public interface BorrowAdmission {

    /**
     * Admits the borrow now if its quota allows and nobody it would overtake waits.
     *
     * @return the permit (never null when admitted), or null when the borrow must wait
     * @throws SQLException (typically {@link pool.api.TenantRejectedException}) when the borrow is
     *                      refused outright and must not wait
     */
    Object tryAdmit(BorrowRequest request) throws SQLException;

    /**
     * Waits up to {@code timeoutNanos} for admission.
     *
     * @return the permit, never null
     * @throws pool.api.PoolTimeoutException   when not admitted in time
     * @throws pool.api.PoolSaturatedException when too many borrowers already wait
     * @throws pool.api.PoolClosedException    when the admission was closed
     * @throws SQLException                    when refused, or interrupted
     */
    Object admit(BorrowRequest request, long timeoutNanos) throws SQLException;

    /**
     * Like {@link #admit} without blocking. Cancelling the future gives up the place in line;
     * a permit granted at the same moment is released by the admission itself.
     */
    CompletableFuture<Object> admitAsync(BorrowRequest request, long timeoutNanos);

    /** Gives back the permit of a borrow whose connection came back (returned or retired). */
    void release(Object permit);

    /** Gives back a permit whose borrow got no connection: it does not count as a borrow. */
    void releaseUnused(Object permit);

    /**
     * Gives back, as {@link #releaseUnused}, the permit of an admitted borrow that then timed
     * out waiting for a connection in the pool (one being opened, a suspended pool): the
     * admission counts the timeout as its own borrow's, as when it times out itself.
     */
    default void releaseTimedOut(Object permit) {
        releaseUnused(permit);
    }

    /**
     * Gives back, as {@link #releaseUnused}, the permit of an admitted borrow that the pool then
     * refused because maxPending borrowers already waited for a connection
     * ({@link pool.api.PoolSaturatedException}): the admission counts the refusal as its own
     * borrow's, as when it refuses one itself.
     */
    default void releaseRejected(Object permit) {
        releaseUnused(permit);
    }

    /**
     * Tells the admission that a borrow holding {@code permit} starts ({@code waits} true) or
     * ends (false) waiting in the pool for its connection: the pool is suspended, or its
     * connection is being opened. Until it ends, the borrow holds no connection, so figures of
     * connections held count it as waiting instead. Called in pairs on the borrowing thread,
     * holding no lock, on the pool's slow path only.
     */
    default void waitsForConnection(Object permit, boolean waits) {
    }

    /**
     * Tells the admission that a borrow holding {@code permit} got its connection after waiting
     * {@code waitedNanos} from its start, for admission and for the connection together (a
     * borrow served at once is not reported); called once per such borrow, on the borrowing
     * thread, holding no lock.
     */
    default void waited(Object permit, long waitedNanos) {
    }

    /**
     * @return who holds {@code permit}, with what it holds and may hold, for the message of a
     *         borrow that failed after its admission (for example {@code tenant 'acme', holding
     *         2 of its max 4}); null to add nothing
     */
    default String describe(Object permit) {
        return null;
    }

    /**
     * Asked on return, after the connection was reset and before it goes idle: may the idle
     * connection keep {@code permit}, still counted, for a next borrow that {@link #reuse}s it?
     * Then that borrow costs the admission no shared write at all. When true, the pool keeps
     * the permit on the connection, makes it idle, then calls {@link #kept}; when false, it
     * gives the permit back through {@link #release} as usual. An admission that answers true
     * must accept that a kept permit comes back later and by another thread: through
     * {@link #release} (with {@link #counted} first) when a borrow takes the connection without
     * reusing it or the connection retires, or through {@link KeptPermits#takeAll}. The default
     * keeps nothing.
     */
    default boolean keep(Object permit) {
        return false;
    }

    /**
     * Called after a connection that {@link #keep}s {@code permit} went idle, so the admission
     * can take it back ({@link KeptPermits#takeAll}) if a borrower began to wait meanwhile.
     */
    default void kept(Object permit) {
    }

    /**
     * Asked by a borrow that took an idle connection keeping {@code kept}: may the borrow use
     * that permit as its own? True counts the borrow as admitted ({@link #tryAdmit} is not
     * asked); the pool counts the reuse with the connection and reports it through
     * {@link #counted} when the permit leaves it. When false, the pool gives {@code kept} back and
     * asks {@link #tryAdmit}. Must not block, allocate or write shared memory: it is the borrow's
     * fast path.
     */
    default boolean reuse(BorrowRequest request, Object kept) {
        return false;
    }

    /** Reports {@code borrows} borrows served by reusing {@code permit}; it is given back separately. */
    default void counted(Object permit, long borrows) {
    }

    /** Hands the admission the pool's view of kept permits; called once, before the first borrow. */
    default void keptPermits(KeptPermits pool) {
    }

    /** @return borrowers waiting for admission now */
    int waiting();

    /** @return per-tenant (or per-group) figures for {@link pool.api.PoolStats#tenants()} */
    List<TenantStats> stats();

    /**
     * @return one tenant's figures, as {@link #stats()} lists them, for
     *         {@link pool.api.ConnectionPool#tenantStats}; the default looks through {@link #stats()}
     */
    default Optional<TenantStats> stats(String tenant) {
        return stats().stream().filter(t -> t.tenant().equals(tenant)).findFirst();
    }

    /**
     * Checks new live settings without applying them.
     *
     * @throws IllegalArgumentException naming what cannot be applied
     */
    void check(LiveSettings next);

    /** Applies live settings the pool has already accepted (after {@link #check}). */
    void apply(LiveSettings next);

    /** Fails every waiter with {@code cause} and refuses new borrows; permits out may still be released. */
    void close(SQLException cause);
}
