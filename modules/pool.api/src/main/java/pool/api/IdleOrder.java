package pool.api;

/** Which idle connection a borrow takes first. */
public enum IdleOrder {
    /** Most recently returned first (default): keeps a small hot working set, lets the rest idle out. */
    LIFO,
    /** Least recently returned first: spreads use evenly over all connections. */
    FIFO
}
