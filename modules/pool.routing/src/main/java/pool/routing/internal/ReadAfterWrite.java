package pool.routing.internal;

import java.sql.Connection;
import java.sql.SQLException;
import pool.api.Replicas;
import pool.routing.internal.replica.Position;
import pool.routing.internal.replica.ReplicationProbe;

/**
 * One logical connection's read-your-writes state. After a write, with
 * {@link Replicas.ReadAfterWrite#POSITION}, the next read first asks the primary for its
 * position (one query on the connection that wrote, only once per write burst: the position
 * read then covers every write before it), and reads stay on the primary until a replica is
 * known to have replayed that far. With {@link Replicas.ReadAfterWrite#WINDOW}, and where no
 * position can be read, reads stay on the primary for the window after the last write.
 * Guarded by the logical connection.
 */
final class ReadAfterWrite {

    private final Replicas.ReadAfterWrite mode;
    private final long windowNanos;
    private final ReplicationProbe probe;
    private boolean positionNeeded;
    private Position mustReach;
    private long primaryUntil;
    private boolean windowOpen;

    ReadAfterWrite(Replicas settings, ReplicationProbe probe) {
        this.mode = settings.readAfterWrite();
        this.windowNanos = settings.readAfterWriteWindow().toNanos();
        this.probe = probe;
    }

    /** The session wrote on the primary (a statement in autocommit, or a transaction that committed). */
    void wrote() {
        switch (mode) {
            case OFF -> { }
            case WINDOW -> openWindow();
            case POSITION -> {
                if (probe == null) {
                    openWindow();
                } else {
                    positionNeeded = true;
                }
            }
        }
    }

    private void openWindow() {
        primaryUntil = System.nanoTime() + windowNanos;
        windowOpen = true;
    }

    /**
     * @param primary  the primary connection that wrote (held since the write)
     * @param askable  whether a position query may run on it now (it is in autocommit); when
     *                 not, the window stands in for the position
     * @return whether the next read must go to the primary whatever the replicas' positions
     */
    boolean primaryOnly(Connection primary, boolean askable) {
        if (windowOpen) {
            if (System.nanoTime() - primaryUntil < 0) {
                return true;
            }
            windowOpen = false;
        }
        if (positionNeeded) {
            positionNeeded = false;
            if (!askable) {
                openWindow();
                return true;
            }
            try {
                mustReach = probe.primaryPosition(primary);
            } catch (SQLException | RuntimeException e) {
                mustReach = null;
                openWindow(); // no position to be had: the window instead
                return true;
            }
        }
        return false;
    }

    /** @return the primary position a replica must have replayed before it serves this session, or null */
    Position mustReach() {
        return mustReach;
    }

    /** A replica serving this session has replayed past its writes. */
    void reached() {
        mustReach = null;
    }
}
