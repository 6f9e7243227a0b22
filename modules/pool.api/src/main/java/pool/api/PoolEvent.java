package pool.api;

import java.time.Instant;

/**
 * Something that happened in a pool, delivered to {@link PoolListener}s. Events are
 * delivered off the borrow path, on the pool's event thread, in the order they happened.
 */
public sealed interface PoolEvent {

    /** @return the pool's name */
    String pool();

    /** @return when it happened */
    Instant at();

    /** A physical connection was opened. */
    record ConnectionCreated(String pool, Instant at, long connectionId) implements PoolEvent { }

    /** A physical connection was closed, for {@code reason} (e.g. "idle", "lifetime", "broken", "reclaimed"). */
    record ConnectionDestroyed(String pool, Instant at, long connectionId, String reason) implements PoolEvent { }

    /** An attempt to open a connection failed. */
    record CreateFailed(String pool, Instant at, String message, boolean fatalConfiguration) implements PoolEvent { }

    /** A borrow found no connection within its timeout, or was refused because too many waited. */
    record PoolExhausted(String pool, Instant at, PoolStats stats) implements PoolEvent { }

    /** A connection was held past the leak threshold. */
    record LeakSuspected(String pool, Instant at, LeakSuspect suspect) implements PoolEvent { }

    /** A leaked connection was taken back by force. */
    record LeakReclaimed(String pool, Instant at, LeakSuspect suspect) implements PoolEvent { }

    /** A replica stopped taking reads: {@code reason} says why (unreachable, not replicating, or its lag). */
    record ReplicaDown(String pool, Instant at, String replica, String reason) implements PoolEvent { }

    /** A replica takes reads again. */
    record ReplicaUp(String pool, Instant at, String replica) implements PoolEvent { }
}
