package pool.testsupport.db;

import pool.testsupport.db.internal.Fleet;

/**
 * Static access to the shared test servers, for code that is not a JUnit parameter (a
 * {@code main}, a benchmark, a static initializer). In JUnit tests prefer
 * {@code @Postgres DatabaseServer} and friends; both hand out the same servers.
 *
 * <p>Servers start on first request from the installed binaries: {@code initdb},
 * {@code postgres}, {@code pg_basebackup} (from {@code /usr/lib/postgresql/N/bin}, newest
 * first, or PATH) and {@code mariadb-install-db}, {@code mariadbd}. When the JVM runs as root
 * they run as {@code poold-test} or, lacking that user, {@code nobody}. Data and logs live
 * under {@code target/dbs/run-<jvm pid>/} of the module under test (or {@code /tmp} when that
 * user cannot reach it), until the next run deletes them. Each server listens on a free port
 * of 127.0.0.1 only.
 *
 * <p>Servers stop at the end of the JUnit run, at JVM shutdown, and, because they are started
 * with a parent-death signal, also when the JVM is killed with {@code kill -9}. The next run
 * kills anything an earlier run still left behind.
 *
 * <p>Testcontainers is not used: the build must pass on machines without a Docker engine,
 * and installed servers start in about a second.
 */
public final class TestDatabases {
    private TestDatabases() {}

    /** The shared standalone PostgreSQL primary, started if needed. */
    public static DatabaseServer postgres() {
        return server(DatabaseKind.POSTGRES);
    }

    /** The shared standalone MariaDB primary, started if needed. */
    public static DatabaseServer mariaDb() {
        return server(DatabaseKind.MARIADB);
    }

    /** The shared PostgreSQL primary with a streaming replica, both started if needed. */
    public static ReplicatedPair postgresPair() {
        return pair(DatabaseKind.POSTGRES);
    }

    /** The shared MariaDB primary with a replica, both started if needed. */
    public static ReplicatedPair mariaDbPair() {
        return pair(DatabaseKind.MARIADB);
    }

    /**
     * The shared standalone primary of {@code kind}, started (or restarted, when a test left
     * it stopped or killed) before it is returned.
     *
     * @throws DatabaseServerException when the server cannot start; the message includes the log tail
     * @throws IllegalStateException when the server binaries are missing; the message says what to install
     */
    public static DatabaseServer server(DatabaseKind kind) {
        return Fleet.get().server(kind);
    }

    /** The shared primary/replica pair of {@code kind}; see {@link #server(DatabaseKind)}. */
    public static ReplicatedPair pair(DatabaseKind kind) {
        return Fleet.get().pair(kind);
    }

    /** Stops every started server cleanly. A later request starts them again. */
    public static void stopAll() {
        Fleet.get().stopAll();
    }
}
