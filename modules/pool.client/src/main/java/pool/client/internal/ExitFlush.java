package pool.client.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Gives back, as the JVM exits, the sessions of connections closed in the last moments
 * before ({@link DeferredReleases}): a program that closes its connection and ends its
 * {@code main} would otherwise leave the daemon's connection held until its lease runs
 * out.
 *
 * <p>A link is registered at its first deferred release and unregistered when it closes. The
 * shutdown hook is installed while one is registered and removed with the last one, so an
 * application server that undeploys the client (closing its data sources) keeps no hook that
 * pins the client's class loader, and data sources that never deferred a release (one per
 * JNDI lookup) install none.
 *
 * <p>Releases are held weakly: a data source the application drops without closing it must
 * be collected, not kept for the exit. Nothing is lost by that: releases still pending are
 * reachable through the ticker that will send them.
 */
final class ExitFlush {

    /** How long the JVM's exit may wait for the daemon, in all. */
    private static final long WAIT_MILLIS = 1_000;

    private static final Set<DeferredReleases> OPEN = Collections.newSetFromMap(new WeakHashMap<>());
    private static Thread hook;

    private ExitFlush() {
    }

    static synchronized void register(DeferredReleases releases) {
        OPEN.add(releases);
        if (hook == null) {
            hook = ClientThreads.thread(ExitFlush::flushAll, "poold-client-exit");
            try {
                Runtime.getRuntime().addShutdownHook(hook);
            } catch (IllegalStateException exiting) {
                hook = null;
            }
        }
    }

    static synchronized void unregister(DeferredReleases releases) {
        OPEN.remove(releases);
        if (OPEN.isEmpty() && hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException exiting) {
                // the hook is running or about to: it finds nothing left to do
            }
            hook = null;
        }
    }

    /** @return whether {@code releases} is flushed at the exit */
    static synchronized boolean holds(DeferredReleases releases) {
        return OPEN.contains(releases);
    }

    /** What the shutdown hook runs: flushes every registered link's pending releases, for a second at most. */
    static void flushAll() {
        List<DeferredReleases> all;
        synchronized (ExitFlush.class) {
            all = new ArrayList<>(OPEN);
        }
        // One thread per link, joined against one deadline: a hung daemon must not hold the exit up.
        List<Thread> flushes = new ArrayList<>();
        for (DeferredReleases r : all) {
            if (!r.isEmpty()) {
                Thread t = ClientThreads.thread(r::flush, "poold-client-exit-flush");
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
