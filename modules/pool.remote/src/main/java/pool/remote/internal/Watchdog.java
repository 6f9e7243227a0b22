package pool.remote.internal;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Cuts connections that overrun a deadline: one thread for the whole JVM looks at every
 * watched connection four times a second. A per-read timeout is no deadline (a byte
 * every few seconds keeps a read alive forever, and a TLS handshake reads many times
 * under one application read); a deadline checked from outside is, whatever the reads.
 * Arming and disarming a deadline is a field write on the connection, nothing scheduled.
 */
final class Watchdog {

    private static final System.Logger LOG = System.getLogger("poold.remote");

    /** What the watchdog looks at. */
    interface Watched {
        /** @return why the connection is overdue at {@code nowNanos}, or null when it is not */
        String overdue(long nowNanos);

        /** Closes the connection for {@code why}; called once, on the watchdog's thread. */
        void cut(String why);
    }

    /** The JVM's watchdog. */
    static final Watchdog SHARED = new Watchdog(System::nanoTime);

    /** A deadline is enforced at most this late. */
    private static final long SWEEP_MILLIS = 250;

    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final LongSupplier clock;
    private volatile Thread thread;

    Watchdog(LongSupplier nanoClock) {
        this.clock = nanoClock;
    }

    void watch(Watched w) {
        watched.add(w);
        if (thread == null) {
            start();
        }
    }

    void forget(Watched w) {
        watched.remove(w);
    }

    private synchronized void start() {
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name("poold-watchdog").start(this::run);
        }
    }

    private void run() {
        for (;;) {
            try {
                Thread.sleep(SWEEP_MILLIS);
                sweep();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "connection watchdog failed; it carries on", e);
            }
        }
    }

    /** Cuts every watched connection that is overdue now. */
    void sweep() {
        long now = clock.getAsLong();
        for (Watched w : watched) {
            String why = w.overdue(now);
            if (why != null && watched.remove(w)) {
                w.cut(why);
            }
        }
    }

    /** @return how many connections are watched (for tests) */
    int size() {
        return watched.size();
    }
}
