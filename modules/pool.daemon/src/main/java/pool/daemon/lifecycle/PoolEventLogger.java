package pool.daemon.lifecycle;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import pool.api.Durations;
import pool.api.PoolEvent;
import pool.api.PoolListener;
import pool.api.PoolStats;
import pool.api.spi.Redaction;

/**
 * Logs a pool's events as single lines, sparingly: a database outage is one warning
 * when it starts and one line when it ends (not one per retry), and an exhausted pool
 * is reported at most every {@link #EXHAUSTED_INTERVAL}. Events arrive on the pool's
 * event thread, one at a time, so the fields need no locking.
 */
final class PoolEventLogger implements PoolListener {

    private static final Logger LOG = System.getLogger("poold.pool");
    static final Duration EXHAUSTED_INTERVAL = Duration.ofSeconds(10);

    private final String pool;
    private boolean failing;
    private Instant lastExhausted = Instant.MIN;

    PoolEventLogger(String pool) {
        this.pool = pool;
    }

    /**
     * @return the connection's number, with the part of the pool it belongs to when the pool
     *         has parts (a sharded pool's sub-pools, a replica's pool): each part numbers its
     *         own connections, so "connection 1" alone would not say which
     */
    private String connection(PoolEvent e, long id) {
        return e.pool().equals(pool) ? Long.toString(id) : id + " of " + e.pool();
    }

    @Override
    public void onEvent(PoolEvent event) {
        switch (event) {
            case PoolEvent.CreateFailed f -> {
                if (!failing) {
                    failing = true;
                    LOG.log(Level.WARNING, "pool ''{0}'': cannot open a connection: {1}{2}", pool, Redaction.mask(f.message()),
                            f.fatalConfiguration() ? " (a configuration error: fix the URL, user or password and reload)"
                                    : " (retrying in the background)");
                }
            }
            case PoolEvent.ConnectionCreated c -> {
                if (failing) {
                    failing = false;
                    LOG.log(Level.INFO, "pool ''{0}'': connecting works again", pool);
                }
            }
            case PoolEvent.PoolExhausted e -> {
                if (Duration.between(lastExhausted, e.at()).compareTo(EXHAUSTED_INTERVAL) >= 0) {
                    lastExhausted = e.at();
                    PoolStats s = e.stats();
                    LOG.log(Level.WARNING, "pool ''{0}'' exhausted: {1} active, {2} idle, {3} pending, maxSize {4}"
                            + " (further reports suppressed for {5})", pool, s.active(), s.idle(), s.pending(),
                            s.maxSize(), Durations.format(EXHAUSTED_INTERVAL));
                }
            }
            case PoolEvent.LeakSuspected l -> LOG.log(Level.WARNING,
                    "pool ''{0}'': connection {1} held for {2} by thread {3}: leak suspected", pool,
                    connection(l, l.suspect().connectionId()), Durations.format(l.suspect().held()), l.suspect().thread());
            case PoolEvent.LeakReclaimed l -> LOG.log(Level.WARNING,
                    "pool ''{0}'': connection {1} reclaimed from thread {2} after {3}: rolled back and closed", pool,
                    connection(l, l.suspect().connectionId()), l.suspect().thread(), Durations.format(l.suspect().held()));
            case PoolEvent.ConnectionDestroyed d -> LOG.log(Level.DEBUG,
                    "pool ''{0}'': connection {1} closed ({2})", pool, connection(d, d.connectionId()), d.reason());
            // pool.routing logs replica transitions itself, for in-process pools too.
            case PoolEvent.ReplicaDown r -> { }
            case PoolEvent.ReplicaUp u -> { }
        }
    }
}
