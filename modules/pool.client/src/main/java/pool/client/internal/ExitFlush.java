package pool.client.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Gives back, as the JVM exits, the sessions of connections closed in the last moments
 * before ({@link DeferredReleases}), and, rolled back, those of connections still open (an
 * application server stopped with requests cut short, a program that ends its {@code main}
 * with a connection open): the daemon would otherwise hold them until their lease runs out.
 *
 * <p>A link is registered at its first connection and a set of releases at its first deferred
 * release; each is unregistered when it closes. The shutdown hook is installed while one is
 * registered and removed with the last one, so an application server that undeploys the
 * client (closing its data sources) keeps no hook that pins the client's class loader, and
 * data sources that never borrowed (one per JNDI lookup) install none.
 *
 * <p>Releases are held weakly: a data source the application drops without closing it must
 * be collected, not kept for the exit. Nothing is lost by that: releases still pending are
 * reachable through the ticker that will send them.
 */
final class ExitFlush {

    /** How long the JVM's exit may wait for the daemon, in all. */
    private static final long WAIT_MILLIS = 1_000;

    private static final Set<DeferredReleases> OPEN = Collections.newSetFromMap(new WeakHashMap<>());
    /** Links whose open connections go back at the exit; weakly, as {@link #OPEN}. */
    private static final Set<Link> LINKS = Collections.newSetFromMap(new WeakHashMap<>());
    private static Thread hook;

    private ExitFlush() {
    }

    static synchronized void register(DeferredReleases releases) {
        OPEN.add(releases);
        installHook();
    }

    static synchronized void register(Link link) {
        LINKS.add(link);
        installHook();
    }

    static synchronized void unregister(Link link) {
        LINKS.remove(link);
        removeHookWhenIdle();
    }

    private static void installHook() {
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
        removeHookWhenIdle();
    }

    private static void removeHookWhenIdle() {
        if (OPEN.isEmpty() && LINKS.isEmpty() && hook != null) {
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

    /**
     * What the shutdown hook runs: adds the sessions of every registered link's open connections
     * to their releases, then flushes every pending release, for a second at most.
     */
    static void flushAll() {
        List<Link> links;
        synchronized (ExitFlush.class) {
            links = new ArrayList<>(LINKS);
        }
        for (Link l : links) {
            l.giveBackAtExit(); // local: registers the releases it fills below
        }
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
