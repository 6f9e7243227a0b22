package pool.api;

/**
 * Priority of a waiting borrower. Higher priorities are served first, but a waiter
 * of lower priority is promoted as it ages, so it is never starved.
 */
public enum Priority {
    HIGH, NORMAL, LOW
}
