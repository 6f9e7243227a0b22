package pool.benchmarks.macro;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The ways the benchmark reaches PostgreSQL. */
public enum Route {
    /**
     * RemoteDataSource defaults: the connection is held from the first statement to close(),
     * and close() gives it back with the next call (release delay 1 ms): one call per cycle
     * under load, two when nothing follows within the delay.
     */
    POOLD("poold", "poold remote (default)"),
    /** RemoteDataSource with releaseBetweenStatements(true), poold's transaction pooling: one call per cycle. */
    POOLD_RELEASE("poold-release", "poold remote, releaseBetweenStatements (1 call)"),
    /**
     * RemoteDataSource defaults, on a daemon pool whose PostgreSQL has a streaming replica:
     * the autocommit SELECT is a read, so it runs on the replica. Not in the default set (it
     * starts a second server): ask for it with {@code --routes}.
     */
    POOLD_REPLICA("poold-replica", "poold remote, reads on a streaming replica"),
    /** HikariCP in the client JVM straight to PostgreSQL. */
    HIKARI("hikari", "HikariCP → PostgreSQL"),
    /** HikariCP in the client JVM to pgbouncer (transaction pooling) to PostgreSQL. */
    PGBOUNCER("pgbouncer", "HikariCP → pgbouncer → PostgreSQL");

    private final String option;
    private final String label;

    Route(String option, String label) {
        this.option = option;
        this.label = label;
    }

    public String option() {
        return option;
    }

    public String label() {
        return label;
    }

    public boolean viaDaemon() {
        return this == POOLD || this == POOLD_RELEASE || this == POOLD_REPLICA;
    }

    /** The routes run when none are named: all but {@link #POOLD_REPLICA}. */
    public static List<Route> defaults() {
        return Arrays.stream(values()).filter(r -> r != POOLD_REPLICA).toList();
    }

    public static Route parse(String option) {
        for (Route r : values()) {
            if (r.option.equals(option.trim().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown route '" + option + "'; known: "
                + Arrays.stream(values()).map(Route::option).toList());
    }
}
