package pool.client.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The client's background threads, shared by every link in the JVM: one timer, and the
 * workers that make the calls it times.
 */
final class ClientThreads {

    /**
     * Times the lease renewals, ticket refreshes and release flushes of every link; daemon
     * threads never hold the JVM up. Periodic tasks hold their owner weakly ({@link WeakTask}),
     * and a cancelled task leaves the queue at once, so neither a closed nor a dropped link
     * stays in it.
     */
    static final ScheduledThreadPoolExecutor TIMER = timer();

    /**
     * The timed calls themselves run here: RMI has no per-call timeout, and one hung daemon
     * must not stall the renewals of links to other daemons.
     */
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(
            r -> thread(r, "poold-client-renewal"));

    private ClientThreads() {
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> thread(r, "poold-client-leases"));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /**
     * A daemon thread of the client's own. It outlives whichever application happened to
     * start it (the first to log in, in an application server), so it must keep nothing of
     * that application after it is undeployed: its context class loader is the client's, it
     * inherits no {@link InheritableThreadLocal} values, and it is made in a privileged block.
     * On Java 17 to 23 a thread keeps the access control context of the code that made it,
     * the protection domain of every class on that stack, and each of those keeps its class
     * loader: Tomcat's "find leaks" showed the first application's loader kept after its
     * undeployment. The privileged block cuts the stack at this class.
     */
    @SuppressWarnings("removal") // AccessController: gone from the thread's state only on Java 24 and later
    static Thread thread(Runnable r, String name) {
        Thread t = java.security.AccessController.doPrivileged(
                (java.security.PrivilegedAction<Thread>) () -> new Thread(null, r, name, 0, false));
        t.setDaemon(true);
        t.setContextClassLoader(ClientThreads.class.getClassLoader());
        return t;
    }

    /**
     * Runs {@code work} on a worker unless the last run it started under {@code busy} is
     * still out: a slow daemon never gets them piling up.
     */
    static void runAlone(AtomicBoolean busy, Runnable work) {
        if (busy.compareAndSet(false, true)) {
            WORKERS.execute(() -> {
                try {
                    work.run();
                } finally {
                    busy.set(false);
                }
            });
        }
    }
}
