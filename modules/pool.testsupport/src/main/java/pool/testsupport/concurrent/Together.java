package pool.testsupport.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Assertions;

/** Runs one action on many threads released at once, for the tests that look for lost updates and races. */
public final class Together {

    /** An action that may throw. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private Together() {
    }

    /**
     * Starts {@code threads} platform threads, releases them together, lets each run
     * {@code action} {@code times} times, and waits up to two minutes for all of them.
     * Fails with the first failure and how many threads failed, or when one does not finish.
     */
    public static void run(int threads, int times, Action action) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().name("together-" + t).start(() -> {
                try {
                    start.await();
                    for (int i = 0; i < times; i++) {
                        action.run();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        start.countDown();
        long deadline = System.nanoTime() + 120_000_000_000L;
        for (Thread w : workers) {
            w.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (w.isAlive()) {
                Assertions.fail(w.getName() + " still running after two minutes");
            }
        }
        if (!failures.isEmpty()) {
            Assertions.fail(failures.size() + " of " + threads + " threads failed, the first with " + failures.peek(),
                    failures.peek());
        }
    }
}
