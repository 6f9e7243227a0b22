package pool.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this process was started with SIGHUP ignored, as {@code nohup} and some
 * supervisors start their children. The JVM keeps an inherited "ignore" for SIGHUP and
 * does not install the daemon's handler, so a reload by signal would silently do nothing;
 * the daemon says so at start instead.
 */
final class IgnoredSignals {

    private static final int SIGHUP = 1;

    private IgnoredSignals() {
    }

    /** @return whether SIGHUP is ignored, from {@code /proc/self/status}; false where that cannot be read */
    static boolean hangupIgnored() {
        return hangupIgnored(Path.of("/proc/self/status"));
    }

    static boolean hangupIgnored(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("SigIgn:")) {
                    long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                    return (mask & (1L << (SIGHUP - 1))) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or no procfs: nothing to report.
        }
        return false;
    }
}
