package pool.api;

import java.time.Instant;

/**
 * One replica of a routing pool, as its last background check and its connections saw it;
 * part of {@link PoolStats#replicas()}.
 *
 * @param name        the replica's name
 * @param state       whether it takes reads now
 * @param lagMillis   how far behind the primary it was at the last check, milliseconds;
 *                    -1 when unknown (never reached, or down)
 * @param readsServed statement executions it has run since the pool started, each once: a read
 *                    that failed over counts on the server that answered it, a borrow counts
 *                    only through its statements
 * @param active      its connections handed out
 * @param idle        its connections ready in its pool
 * @param total       its physical connections open
 * @param checkedAt   when it was last checked; null before the first check
 * @param reason      why it takes no reads (the check's error, or its lag), or null when {@link State#UP}
 */
public record ReplicaStats(String name, State state, long lagMillis, long readsServed, int active, int idle,
        int total, Instant checkedAt, String reason) {

    /** Whether a replica takes reads. */
    public enum State {
        /** Reachable and within maxLag: takes reads. */
        UP,
        /** Reachable but further behind than maxLag: takes no reads until it catches up. */
        LAGGING,
        /** Unreachable, or not replicating: takes no reads, checked again in the background. */
        DOWN
    }
}
