package pool.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Stress-test helper: many threads each running the same cycle, every cycle required to succeed. */
final class Hammer {

    /** One cycle of one thread; throws (an assertion) when the cycle went wrong. */
    @FunctionalInterface
    interface Cycle {
        void run(int thread, int cycle) throws Exception;
    }

    private Hammer() {
    }

    /** Runs {@code cycles} cycles on each of {@code threads} threads and fails with the first failure. */
    static void run(int threads, int cycles, Cycle body) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(workers.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < cycles; i++) {
                        body.run(thread, i);
                        ok++;
                    }
                    return ok;
                }));
            }
            for (Future<Integer> f : done) {
                assertEquals(cycles, f.get());
            }
        } finally {
            workers.shutdownNow();
        }
    }
}
