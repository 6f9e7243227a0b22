package pool.api;

/** Lifecycle state of a pool, as shown in its stats. */
public enum PoolState {
    /** Serving borrows. */
    RUNNING,
    /** Serving borrows, but the last attempts to open a connection failed. */
    DEGRADED,
    /** Borrows wait until {@code resume()} or their timeout; returns are accepted. */
    SUSPENDED,
    /** No new borrows; in-flight connections may still be returned. */
    DRAINING,
    /** Closed: every connection is closed, every borrow fails. */
    CLOSED
}
