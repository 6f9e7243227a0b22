package pool.testsupport.db;

import java.time.Duration;

/**
 * A primary with one streaming replica: PostgreSQL physical replication (the replica made by
 * {@code pg_basebackup}) or MariaDB binlog replication using GTIDs. The replica is read-only.
 */
public interface ReplicatedPair {
    /** PostgreSQL or MariaDB. */
    DatabaseKind kind();

    /** The writable server. */
    DatabaseServer primary();

    /** The read-only server following {@link #primary()}; same logins and passwords. */
    DatabaseServer replica();

    /**
     * Makes the replica apply changes only {@code delay} after they were committed on the
     * primary ({@link Duration#ZERO} removes the delay). PostgreSQL: {@code recovery_min_apply_delay},
     * millisecond precision; MariaDB: {@code MASTER_DELAY}, rounded up to whole seconds.
     * The delay persists until changed, so a test that sets one resets it in a {@code finally}.
     */
    void setReplicaDelay(Duration delay);

    /**
     * Waits until the replica has applied everything the primary had committed when this
     * method was called.
     *
     * @throws AssertionError when the replica has not caught up within {@code timeout}
     */
    void awaitReplicaCaughtUp(Duration timeout);
}
