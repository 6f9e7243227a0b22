package pool.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StallsTest {

    private static final long MS = 1_000_000;

    @Test
    void aRunOnTimeOrLateByLessThanAPeriodIsNoStall() {
        Stalls stalls = new Stalls(250 * MS, 0);
        assertEquals(0, stalls.stoodStill(250 * MS));
        assertEquals(0, stalls.stoodStill(499 * MS), "jitter of a busy machine");
        stalls.ran(499 * MS);
        assertEquals(0, stalls.stoodStill(749 * MS));
    }

    @Test
    void aRunLateByAPeriodOrMoreStoodStillForAllItCameLate() {
        Stalls stalls = new Stalls(250 * MS, 0);
        stalls.ran(300 * MS);
        assertEquals(5_000 * MS, stalls.stoodStill(5_550 * MS), "a SIGSTOP of five seconds");
        stalls.ran(5_560 * MS);
        assertEquals(0, stalls.stoodStill(5_810 * MS), "counted once: the next run is on time again");
    }
}
