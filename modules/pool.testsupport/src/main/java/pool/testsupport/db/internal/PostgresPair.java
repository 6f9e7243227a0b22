package pool.testsupport.db.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import pool.testsupport.db.DatabaseServerException;

/** A PostgreSQL primary with one physical streaming replica. */
public final class PostgresPair extends MarkerPair {
    private final PostgresServer replica;

    private PostgresPair(PostgresServer primary, PostgresServer replica) {
        super(primary, replica);
        this.replica = replica;
    }

    public static PostgresPair create(String name, DataRoot root, Credentials credentials, DataDirTemplate template) {
        PostgresServer primary = PostgresServer.primary(name + "-primary", root, credentials, template);
        PostgresServer replica;
        try {
            replica = PostgresServer.replicaOf(primary, name + "-replica", root);
        } catch (RuntimeException e) {
            primary.kill(); // not yet part of a pair the fleet could stop
            throw e;
        }
        return new PostgresPair(primary, replica);
    }

    @Override
    public void setReplicaDelay(Duration delay) {
        String value = delay.toMillis() + "ms";
        try (Connection c = replica.adminConnection("postgres"); Statement s = c.createStatement()) {
            s.execute("ALTER SYSTEM SET recovery_min_apply_delay = '" + value + "'");
            s.execute("SELECT pg_reload_conf()");
            // The reload is asynchronous; a fresh SHOW in this backend reflects it once it arrived.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!currentDelay(s).equals(delay)) {
                if (System.nanoTime() > deadline) {
                    throw new DatabaseServerException(replica.name() + " did not apply recovery_min_apply_delay=" + value);
                }
                ManagedServer.sleep(Duration.ofMillis(10));
            }
            // The postmaster signals all its children in one pass; this backend has seen the
            // reload, the startup process (which applies WAL) gets a moment to see it too.
            ManagedServer.sleep(Duration.ofMillis(100));
        } catch (SQLException e) {
            throw new DatabaseServerException("cannot set the replica delay on " + replica.name() + ": " + e.getMessage(), e);
        }
    }

    private static Duration currentDelay(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery(
                "SELECT setting::bigint FROM pg_settings WHERE name = 'recovery_min_apply_delay'")) {
            rs.next();
            return Duration.ofMillis(rs.getLong(1));
        }
    }

    @Override
    protected String markerDatabase() {
        return "postgres";
    }

    @Override
    protected String markerTable() {
        return "poold_harness_marker";
    }
}
