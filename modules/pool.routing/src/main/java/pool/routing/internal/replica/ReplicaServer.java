package pool.routing.internal.replica;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import pool.api.ConnectionPool;
import pool.api.PoolStats;
import pool.api.ReplicaStats;

/**
 * One replica of a routing pool: its own engine pool, and what the background check and the
 * readers last found. State, lag and position are written by the check thread (and state also
 * by a reader whose query found the replica gone), read by every borrower.
 */
public final class ReplicaServer {

    private final String name;
    private final ConnectionPool pool;
    private final LongAdder reads = new LongAdder();
    /** Connections of this replica held by logical connections now: the load the chooser balances. */
    private final AtomicInteger held = new AtomicInteger();

    // Start DOWN: no reads before the first check has found the replica replicating within maxLag.
    private volatile ReplicaStats.State state = ReplicaStats.State.DOWN;
    private volatile String reason = "not checked yet";
    private volatile long lagMillis = -1;
    private volatile Position position;
    private volatile Instant checkedAt;
    /** Checks completed so far: a reader that lost a connection here avoids it until the next one. */
    private volatile long checks;

    public ReplicaServer(String name, ConnectionPool pool) {
        this.name = name;
        this.pool = pool;
    }

    public String name() {
        return name;
    }

    public ConnectionPool pool() {
        return pool;
    }

    /** @return whether it takes reads now */
    public boolean usable() {
        return state == ReplicaStats.State.UP;
    }

    public ReplicaStats.State state() {
        return state;
    }

    public String reason() {
        return reason;
    }

    /** @return its replay position at the last check or read-after-write look, or null */
    public Position position() {
        return position;
    }

    /** A newer position seen by a reader that asked the replica itself. */
    public void advancedTo(Position p) {
        Position known = position;
        if (known == null || p.reaches(known)) {
            position = p;
        }
    }

    /** Sets what a check found; the caller reports the transition. */
    void checked(ReplicaStats.State state, String reason, long lagMillis, Position position, Instant at) {
        this.state = state;
        this.reason = reason;
        this.lagMillis = lagMillis;
        if (position != null) {
            // What the check read now, even when behind what was known: a replica restarted
            // after a crash (PostgreSQL replays again from its last restartpoint) or rebuilt
            // under the same name has not what it had, and a session waiting for its own write
            // must not be sent there on the strength of the old position.
            this.position = position;
        }
        this.checkedAt = at;
        checks++; // written by the check thread only
    }

    /** @return how many checks have completed: one more than a reader saw means the server was checked since */
    public long checks() {
        return checks;
    }

    /** Marks it down at once (a reader could not connect to it); @return whether it was usable until now */
    /**
     * The replica left the pool's configuration: it takes no reads from now on, so that the
     * borrows holding one of its connections give it back at their next read.
     */
    public void removed() {
        markDown("removed from the pool's configuration");
    }

    boolean markDown(String why) {
        ReplicaStats.State was = state;
        state = ReplicaStats.State.DOWN;
        reason = why;
        lagMillis = -1;
        return was == ReplicaStats.State.UP;
    }

    public int held() {
        return held.get();
    }

    /** A logical connection took one of its connections. */
    public void acquired() {
        held.incrementAndGet();
    }

    /** A logical connection gave one back. */
    public void released() {
        held.decrementAndGet();
    }

    /** It ran one statement execution of a logical connection (a failed-over attempt counts where it ran in the end). */
    public void servedRead() {
        reads.increment();
    }

    public ReplicaStats stats() {
        PoolStats s = pool.stats();
        ReplicaStats.State st = state;
        return new ReplicaStats(name, st, lagMillis, reads.sum(), s.active(), s.idle(), s.total(), checkedAt,
                st == ReplicaStats.State.UP ? null : reason);
    }
}
