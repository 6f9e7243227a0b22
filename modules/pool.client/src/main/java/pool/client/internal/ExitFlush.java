package pool.client.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Gives back, as the JVM exits, the sessions of connections closed in the last moments
 * before ({@link Link#release}): a program that closes its connection and ends its
 * {@code main} would otherwise leave the daemon's connection held until its lease runs
 * out.
 *
 * <p>The shutdown hook is installed while a link that defers releases is open and removed
 * with the last one, so an application server that undeploys the client (closing its
 * data sources) keeps no hook that pins the client's class loader.
 *
 * <p>Links are held weakly: a data source the application drops without closing it must be
 * collected, not kept for the exit. Nothing is lost by that: a link with releases still
 * pending is reachable through the ticker that will send them ({@link Link#release}).
 */
final class ExitFlush {

    /** How long the JVM's exit may wait for the daemon, in all. */
    private static final long WAIT_MILLIS = 1_000;

    private static final Set<Link> OPEN = Collections.newSetFromMap(new WeakHashMap<>());
    private static Thread hook;

    private ExitFlush() {
    }

    static synchronized void opened(Link link) {
        OPEN.add(link);
        if (hook == null) {
            hook = Link.clientThread(ExitFlush::flushAll, "poold-client-exit");
            try {
                Runtime.getRuntime().addShutdownHook(hook);
            } catch (IllegalStateException exiting) {
                hook = null;
            }
        }
    }

    static synchronized void closed(Link link) {
        OPEN.remove(link);
        if (OPEN.isEmpty() && hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException exiting) {
                // the hook is running or about to: it finds nothing left to do
            }
            hook = null;
        }
    }

    private static void flushAll() {
        List<Link> links;
        synchronized (ExitFlush.class) {
            links = new ArrayList<>(OPEN);
        }
        // One thread per link, joined against one deadline: a hung daemon must not hold the exit up.
        List<Thread> flushes = new ArrayList<>();
        for (Link l : links) {
            if (l.hasPendingReleases()) {
                Thread t = Link.clientThread(l::flushReleases, "poold-client-exit-flush");
                t.start();
                flushes.add(t);
            }
        }
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        for (Thread t : flushes) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                t.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
