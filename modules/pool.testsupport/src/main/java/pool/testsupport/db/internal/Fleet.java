package pool.testsupport.db.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import pool.testsupport.db.DatabaseKind;
import pool.testsupport.db.DatabaseServer;
import pool.testsupport.db.ReplicatedPair;

/**
 * The servers of this JVM: at most one standalone primary and one replicated pair per kind,
 * each created on first request. Stopped by whoever closes it first: JUnit at the end of
 * the run, or the shutdown hook.
 */
public final class Fleet {
    private static final Fleet INSTANCE = new Fleet();

    private final Map<DatabaseKind, ManagedServer> primaries = new EnumMap<>(DatabaseKind.class);
    private final Map<DatabaseKind, MarkerPair> pairs = new EnumMap<>(DatabaseKind.class);
    private final Map<DatabaseKind, Credentials> credentials = new EnumMap<>(DatabaseKind.class);
    private final Map<DatabaseKind, DataDirTemplate> templates = new EnumMap<>(DatabaseKind.class);
    private DataRoot root;
    private boolean hookInstalled;

    private Fleet() {}

    public static Fleet get() {
        return INSTANCE;
    }

    /** The standalone primary of {@code kind}, started (again) if it is not running. */
    public synchronized DatabaseServer server(DatabaseKind kind) {
        ManagedServer server = primaries.get(kind);
        if (server == null) {
            server = switch (kind) {
                case POSTGRES -> PostgresServer.primary("postgres", root(), credentials(kind), template(kind));
                case MARIADB -> MariaDbServer.primary("mariadb", 1, root(), credentials(kind), template(kind));
            };
            primaries.put(kind, server);
        }
        server.start();
        return server;
    }

    /** The replicated pair of {@code kind}, both servers started (again) if needed. */
    public synchronized ReplicatedPair pair(DatabaseKind kind) {
        MarkerPair pair = pairs.get(kind);
        if (pair == null) {
            pair = switch (kind) {
                case POSTGRES -> PostgresPair.create("postgres-pair", root(), credentials(kind), template(kind));
                case MARIADB -> MariaDbPair.create("mariadb-pair", root(), credentials(kind), template(kind));
            };
            pairs.put(kind, pair);
        }
        pair.ensureRunning();
        return pair;
    }

    private Credentials credentials(DatabaseKind kind) {
        // One set per kind, shared by its primary and pair, so tests can mix them freely.
        return credentials.computeIfAbsent(kind, k -> Credentials.random(k == DatabaseKind.POSTGRES ? "postgres" : "admin"));
    }

    private DataDirTemplate template(DatabaseKind kind) {
        return templates.computeIfAbsent(kind, k -> {
            Path dir = root().serverDir("template-" + k.name().toLowerCase());
            return switch (k) {
                case POSTGRES -> PostgresServer.template(dir, credentials(k));
                case MARIADB -> MariaDbServer.template(dir);
            };
        });
    }

    private DataRoot root() {
        if (root == null) {
            root = DataRoot.create(ManagedServer.LOG);
        }
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("poold-testdb-shutdown").unstarted(() -> {
                stopAll();
                root.close();
            }));
            hookInstalled = true;
        }
        return root;
    }

    /**
     * Stops every server cleanly, replicas first (a PostgreSQL primary's fast shutdown waits
     * for its walsender), each group in parallel. The next request starts them again.
     */
    public synchronized void stopAll() {
        List<ManagedServer> replicas = new ArrayList<>();
        List<ManagedServer> others = new ArrayList<>(primaries.values());
        for (MarkerPair pair : pairs.values()) {
            replicas.add((ManagedServer) pair.replica());
            others.add((ManagedServer) pair.primary());
        }
        stopInParallel(replicas);
        stopInParallel(others);
    }

    private static void stopInParallel(List<ManagedServer> servers) {
        List<Thread> threads = servers.stream()
                .map(s -> Thread.ofPlatform().name("poold-testdb-stop-" + s.name()).start(s::stop))
                .toList();
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
