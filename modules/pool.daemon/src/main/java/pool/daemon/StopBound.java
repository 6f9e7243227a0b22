package pool.daemon;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import pool.api.Durations;

/**
 * The longest a stop takes: the drain timeout, then {@link #ABORT_GRACE} to abort what is
 * left and exit. A statement that never returns (an H2 lock wait, a PostgreSQL pg_sleep)
 * can hold a connection's close, and a remote session's end with it, for as long as it
 * runs; past the bound the daemon exits without waiting for them, so that systemd's
 * TimeoutStopSec (60 s, above the default bound of 40 s) never has to kill it.
 */
final class StopBound {

    private static final Logger LOG = System.getLogger("poold");
    /**
     * After the drain: the pools abort connections whose rollback did not end within their
     * validationTimeout (5 s by default), then the listeners and the JVM close.
     */
    static final Duration ABORT_GRACE = Duration.ofSeconds(10);

    private StopBound() {
    }

    /** @return the whole bound of a stop that drains for {@code drainTimeout} */
    static Duration of(Duration drainTimeout) {
        return drainTimeout.plus(ABORT_GRACE);
    }

    /**
     * Starts the watchdog of a stop beginning now: when the JVM is still there at the bound,
     * it says what held it and ends it with exit code 0 (the pools were drained and their
     * connections aborted; what still waits is a statement on a connection already given up).
     */
    static void watch(Duration drainTimeout) {
        Duration bound = of(drainTimeout);
        Thread.ofPlatform().name("poold-stop-bound").daemon(true).start(() -> {
            try {
                Thread.sleep(bound);
            } catch (InterruptedException e) {
                return;
            }
            LOG.log(Level.WARNING, "poold stop reached its bound of {0} (drainTimeout + {1}): exiting now;"
                    + " statements still running on aborted connections are left to the database",
                    Durations.format(bound), Durations.format(ABORT_GRACE));
            System.out.flush();
            Runtime.getRuntime().halt(Main.EXIT_OK);
        });
    }
}
