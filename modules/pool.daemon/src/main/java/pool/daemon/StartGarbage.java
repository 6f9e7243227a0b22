package pool.daemon;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

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
 */
final class StartGarbage {

    private static final String MIN = "MinHeapFreeRatio";
    private static final String MAX = "MaxHeapFreeRatio";

    private StartGarbage() {
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
