package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IgnoredSignalsTest {

    @TempDir
    Path dir;

    private Path status(String sigIgn) throws Exception {
        return Files.writeString(dir.resolve("status"), "Name:\tjava\nSigBlk:\t0000000000000000\nSigIgn:\t" + sigIgn
                + "\nSigCgt:\t0000000000004442\n");
    }

    @Test
    void hangupIgnoredIsBitZeroOfSigIgn() throws Exception {
        assertTrue(IgnoredSignals.hangupIgnored(status("0000000000000001")));
        assertTrue(IgnoredSignals.hangupIgnored(status("0000000000001001")));
        assertFalse(IgnoredSignals.hangupIgnored(status("0000000000001000")));
    }

    @Test
    void anUnreadableStatusReportsNothing() throws Exception {
        assertFalse(IgnoredSignals.hangupIgnored(dir.resolve("absent")));
        assertFalse(IgnoredSignals.hangupIgnored(status("not hex")));
    }
}
