package pool.testsupport.db.internal;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Forks every process the harness starts from one long-lived thread.
 *
 * <p>Servers are launched with {@code setpriv --pdeathsig KILL} so that they die with the
 * JVM even when it is killed with {@code kill -9}. Linux delivers the parent-death signal
 * when the <em>thread</em> that forked the child exits, not the process; forking from a
 * short-lived test or pool thread would kill the server as soon as that thread ends. This
 * thread lives until the JVM dies, and it never runs anything but {@code fork}.
 */
public final class ProcessLauncher {
    private static final BlockingQueue<FutureTask<Process>> QUEUE = new LinkedBlockingQueue<>();

    static {
        Thread thread = Thread.ofPlatform()
                .name("poold-testdb-launcher")
                .daemon(true)
                .unstarted(ProcessLauncher::loop);
        thread.start();
    }

    private ProcessLauncher() {}

    private static void loop() {
        while (true) {
            try {
                // FutureTask.run records every Throwable in the future, so this thread
                // itself never dies from a failed launch.
                QUEUE.take().run();
            } catch (InterruptedException e) {
                // Nobody may stop this thread: its death would kill every server.
                Thread.interrupted();
            }
        }
    }

    /** Starts {@code builder} on the launcher thread and returns the running process. */
    public static Process start(ProcessBuilder builder) throws IOException {
        FutureTask<Process> task = new FutureTask<>(builder::start);
        QUEUE.add(task);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    // The fork happens anyway; return its process so it is not lost.
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IllegalStateException("cannot start " + builder.command(), e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
