package pool.routing.internal;

import java.sql.Connection;
import java.sql.SQLException;
import pool.routing.internal.replica.ReplicaServer;

/**
 * One physical connection a logical connection holds: the engine's connection from the
 * primary's pool or a replica's, with the autocommit and read-only modes it was last set to
 * (so that they are set only when the logical connection's differ).
 */
final class Physical {

    final Connection connection;
    /** The replica it belongs to, or null for the primary. */
    final ReplicaServer replica;
    boolean autoCommit;
    boolean readOnly;
    /** Given back: statements made on it are gone. */
    boolean released;
    /** Statements of the logical connection made on it and not closed yet; guarded by the logical connection. */
    int openStatements;

    Physical(Connection connection, ReplicaServer replica) throws SQLException {
        this.connection = connection;
        this.replica = replica;
        this.autoCommit = connection.getAutoCommit();
        this.readOnly = connection.isReadOnly();
    }

    boolean isPrimary() {
        return replica == null;
    }

    /** Gives the connection back to its pool (the engine resets or destroys it). */
    void release() {
        if (released) {
            return;
        }
        released = true;
        if (replica != null) {
            replica.released();
        }
        try {
            connection.close();
        } catch (SQLException | RuntimeException ignored) {
            // the engine destroys a connection it cannot reset: nothing is handed on dirty
        }
    }

    @Override
    public String toString() {
        return replica == null ? "primary" : "replica '" + replica.name() + "'";
    }
}
