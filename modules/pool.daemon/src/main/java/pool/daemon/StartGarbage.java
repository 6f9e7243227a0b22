package pool.daemon;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import pool.api.ConnectionPool;
import pool.api.PoolState;
import pool.api.PoolStats;

/**
 * Gives the heap the start used back to the system once the daemon is ready. Most of
 * what the start allocated (the parsed file, the schema, the driver's set-up) is garbage
 * then, and an idle daemon would keep that memory committed for hours: G1 returns heap
 * only after a full collection or a concurrent cycle, and then keeps up to
 * {@code MaxHeapFreeRatio} (70% by default) of it free.
 *
 * <p>So the one collection runs with low free ratios (10 and 30%), which the JVM lets a
 * running process change, and the ratios the JVM was started with come back right after.
 * Low ratios for good would be wrong: a full collection forced by a large allocation
 * (a LOB of several megabytes in a small heap) would then shrink the heap below what that
 * allocation needs and end the process with an OutOfMemoryError.
 *
 * <p>Pools open their first connections in the background, after {@code ready} (a pool of
 * the default configuration makes its H2 database then), so the collection waits for
 * that first fill, a few seconds at most.
 */
final class StartGarbage {

    private static final String MIN = "MinHeapFreeRatio";
    private static final String MAX = "MaxHeapFreeRatio";

    private StartGarbage() {
    }

    /**
     * Waits until every pool has opened its {@code minIdle} connections, failed to open one or
     * stopped running, at most {@code max} or until {@code stopped} is counted down, then
     * {@link #release() releases}.
     */
    static void releaseAfterFirstFill(Supplier<List<ConnectionPool>> pools, Duration max, CountDownLatch stopped)
            throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!pools.get().stream().allMatch(StartGarbage::filled)) {
            if (System.nanoTime() - deadline > 0 || stopped.await(20, TimeUnit.MILLISECONDS)) {
                break;
            }
        }
        if (stopped.getCount() > 0) {
            release();
        }
    }

    private static boolean filled(ConnectionPool pool) {
        PoolStats s = pool.stats();
        return s.state() != PoolState.RUNNING || s.createFailureCount() > 0 || s.total() >= Math.min(s.minIdle(), s.maxSize());
    }

    /**
     * Collects once with low heap free ratios; only collects where the JVM has no such options
     * or refuses them (ratios an operator set narrower than these are left alone).
     */
    static void release() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        String min;
        String max;
        try {
            min = vm.getVMOption(MIN).getValue();
            max = vm.getVMOption(MAX).getValue();
        } catch (RuntimeException e) { // no such options on this JVM
            System.gc();
            return;
        }
        // The JVM refuses a minimum above the maximum at every step: lower the minimum first,
        // restore the maximum first.
        try {
            vm.setVMOption(MIN, "10");
            vm.setVMOption(MAX, "30");
            System.gc();
        } catch (RuntimeException e) { // ratios set below ours: keep them, collect as they say
            System.gc();
        } finally {
            restore(vm, max, min);
        }
    }

    private static void restore(HotSpotDiagnosticMXBean vm, String max, String min) {
        try {
            vm.setVMOption(MAX, max);
            vm.setVMOption(MIN, min);
        } catch (RuntimeException e) {
            // values the JVM held a moment ago are valid again once both are back
        }
    }
}
