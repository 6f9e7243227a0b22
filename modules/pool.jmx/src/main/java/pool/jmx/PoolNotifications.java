package pool.jmx;

/**
 * The notification types a {@link PoolMXBean} sends, as {@link javax.management.Notification#getType()}
 * gives them; a listener filters on them (for example with
 * {@link javax.management.NotificationFilterSupport#enableType}). Each carries a
 * {@link javax.management.openmbean.CompositeData} as its user data: {@code pool}, {@code part},
 * {@code connection}, {@code thread}, {@code heldMillis} for leaks; {@code pool}, {@code active},
 * {@code idle}, {@code total}, {@code pending}, {@code maxSize}, {@code heldBack} for an
 * exhausted pool; {@code pool}, {@code replica}, {@code reason} for replicas.
 */
public final class PoolNotifications {

    /** A connection was held longer than the leak threshold. */
    public static final String LEAK_SUSPECTED = "poold.leak.suspected";
    /** A leaked connection was taken back from its holder. */
    public static final String LEAK_RECLAIMED = "poold.leak.reclaimed";
    /**
     * A borrow timed out or was refused because every connection was in use; one for the
     * borrows that waited together: timeouts within one borrow timeout of the last notification
     * are counted in the next one ({@code heldBack}), not notified on their own.
     */
    public static final String POOL_EXHAUSTED = "poold.pool.exhausted";
    /** A replica stopped taking reads (down, or lagging past maxLag). */
    public static final String REPLICA_DOWN = "poold.replica.down";
    /** A replica takes reads again. */
    public static final String REPLICA_UP = "poold.replica.up";
    /** The pool was suspended ({@code suspend()}, poolctl suspend): borrows wait. User data: {@code pool}, {@code state}. */
    public static final String POOL_SUSPENDED = "poold.pool.suspended";
    /** A suspended pool was resumed. User data: {@code pool}, {@code state}. */
    public static final String POOL_RESUMED = "poold.pool.resumed";

    private PoolNotifications() {
    }
}
