package pool.testsupport.db.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import pool.testsupport.db.DatabaseKind;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.ReplicatedPair;

/**
 * A primary and its replica, with catch-up detection by a marker row: bump a counter on the
 * primary, wait until the replica shows it. Both kinds apply changes in commit order (no
 * parallel apply is configured), so seeing the marker means everything committed before it
 * has been applied. Unlike comparing WAL positions or GTIDs this needs no kind-specific
 * arithmetic, and it honours an apply delay exactly as user data does.
 */
public abstract class MarkerPair implements ReplicatedPair {
    private static final Duration POLL = Duration.ofMillis(20);

    private final ManagedServer primary;
    private final ManagedServer replica;

    protected MarkerPair(ManagedServer primary, ManagedServer replica) {
        this.primary = primary;
        this.replica = replica;
    }

    /** The database holding the marker table, outside {@code app} so tests never see it. */
    protected abstract String markerDatabase();

    /** The marker table, with row {@code id = 1} holding counter {@code n}. */
    protected abstract String markerTable();

    @Override
    public DatabaseKind kind() {
        return primary.kind();
    }

    @Override
    public DatabaseServer primary() {
        return primary;
    }

    @Override
    public DatabaseServer replica() {
        return replica;
    }

    /** Starts whichever of the two is not running, primary first. */
    public void ensureRunning() {
        primary.start();
        replica.start();
    }

    @Override
    public void awaitReplicaCaughtUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long marker;
        try (Connection c = primary.adminConnection(markerDatabase()); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE " + markerTable() + " SET n = n + 1 WHERE id = 1");
            marker = readMarker(s);
        } catch (SQLException e) {
            throw new AssertionError("cannot write the catch-up marker on " + primary.name() + ": " + e.getMessage(), e);
        }
        long seen = -1;
        SQLException lastError = null;
        while (System.nanoTime() < deadline) {
            try (Connection c = replica.adminConnection(markerDatabase()); Statement s = c.createStatement()) {
                while (System.nanoTime() < deadline) {
                    seen = readMarker(s);
                    if (seen >= marker) {
                        return;
                    }
                    ManagedServer.sleep(POLL);
                }
            } catch (SQLException e) {
                lastError = e; // replica restarting: keep trying until the deadline
                ManagedServer.sleep(POLL);
            }
        }
        throw new AssertionError(replica.name() + " has not caught up with " + primary.name() + " within "
                + timeout.toMillis() + " ms (marker " + seen + " of " + marker + ")"
                + (lastError == null ? "" : "; last error: " + lastError.getMessage()));
    }

    private long readMarker(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT n FROM " + markerTable() + " WHERE id = 1")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public String toString() {
        return primary + " -> " + replica;
    }
}
