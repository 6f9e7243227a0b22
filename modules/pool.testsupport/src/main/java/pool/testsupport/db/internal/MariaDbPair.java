package pool.testsupport.db.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** A MariaDB primary with one replica fed by GTID binlog replication. */
public final class MariaDbPair extends MarkerPair {
    private final MariaDbServer replica;

    private MariaDbPair(MariaDbServer primary, MariaDbServer replica) {
        super(primary, replica);
        this.replica = replica;
    }

    public static MariaDbPair create(String name, DataRoot root, Credentials credentials, DataDirTemplate template) {
        // Unlike a PostgreSQL replica, which is cloned from its running primary, both
        // servers start from the template, so they are created side by side.
        CompletableFuture<MariaDbServer> replicaStarted = CompletableFuture.supplyAsync(
                () -> MariaDbServer.replica(name + "-replica", 12, root, credentials, template),
                runnable -> Thread.ofPlatform().name("poold-testdb-" + name + "-replica").start(runnable));
        MariaDbServer primary;
        try {
            primary = MariaDbServer.primary(name + "-primary", 11, root, credentials, template);
        } catch (RuntimeException e) {
            replicaStarted.handle((replica, failure) -> {
                if (replica != null) {
                    replica.kill();
                }
                return null;
            }).join();
            throw e;
        }
        MariaDbServer replica;
        try {
            replica = replicaStarted.join();
        } catch (CompletionException e) {
            primary.kill();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        // Half-made pairs are killed on failure below: the fleet knows only finished pairs.
        MariaDbPair pair = new MariaDbPair(primary, replica);
        // Both servers created the same logins and databases outside the binlog, so the
        // replica starts from the primary's (empty) GTID position.
        try {
            replica.execute("mysql",
                    "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=" + primary.port()
                            + ", MASTER_USER='" + credentials.replicationUser() + "', MASTER_PASSWORD='" + credentials.replicationPassword() + "'"
                            + ", MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1",
                    "START SLAVE");
        } catch (RuntimeException e) {
            primary.kill();
            replica.kill();
            throw e;
        }
        return pair;
    }

    @Override
    public void setReplicaDelay(Duration delay) {
        long seconds = (delay.toMillis() + 999) / 1000;
        replica.execute("mysql", "STOP SLAVE", "CHANGE MASTER TO MASTER_DELAY=" + seconds, "START SLAVE");
    }

    @Override
    protected String markerDatabase() {
        return MariaDbServer.MARKER_DATABASE;
    }

    @Override
    protected String markerTable() {
        return MariaDbServer.MARKER_DATABASE + ".marker";
    }
}
