package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class StartGarbageTest {

    private static final HotSpotDiagnosticMXBean VM = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    @Test
    void theHeapFreeRatiosTheJvmStartedWithComeBack() {
        String min = VM.getVMOption("MinHeapFreeRatio").getValue();
        String max = VM.getVMOption("MaxHeapFreeRatio").getValue();
        StartGarbage.release();
        assertEquals(min, VM.getVMOption("MinHeapFreeRatio").getValue());
        assertEquals(max, VM.getVMOption("MaxHeapFreeRatio").getValue());
    }

    @Test
    void ratiosSetForTheProcessComeBackToo() {
        String min = VM.getVMOption("MinHeapFreeRatio").getValue();
        String max = VM.getVMOption("MaxHeapFreeRatio").getValue();
        try {
            VM.setVMOption("MaxHeapFreeRatio", "90");
            VM.setVMOption("MinHeapFreeRatio", "50");
            StartGarbage.release();
            assertEquals("50", VM.getVMOption("MinHeapFreeRatio").getValue());
            assertEquals("90", VM.getVMOption("MaxHeapFreeRatio").getValue());
        } finally {
            VM.setVMOption("MinHeapFreeRatio", min);
            VM.setVMOption("MaxHeapFreeRatio", max);
        }
    }

    @Test
    void ratiosNarrowerThanItsOwnAreLeftAloneAndTheDaemonGoesOn() {
        String min = VM.getVMOption("MinHeapFreeRatio").getValue();
        String max = VM.getVMOption("MaxHeapFreeRatio").getValue();
        try {
            VM.setVMOption("MinHeapFreeRatio", "2");
            VM.setVMOption("MaxHeapFreeRatio", "5");
            StartGarbage.release(); // 10 is above the maximum of 5: refused by the JVM, not thrown
            assertEquals("2", VM.getVMOption("MinHeapFreeRatio").getValue());
            assertEquals("5", VM.getVMOption("MaxHeapFreeRatio").getValue());
        } finally {
            VM.setVMOption("MaxHeapFreeRatio", max);
            VM.setVMOption("MinHeapFreeRatio", min);
        }
    }
}
