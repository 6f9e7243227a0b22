package pool.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitedLogTest {

    /** Keeps every line it is given. */
    static final class Lines implements System.Logger {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public String getName() {
            return "lines";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(format);
        }
    }

    @Test
    void aFloodWritesOneLinePerIntervalAndTheNextLineCountsTheRest() {
        Lines logger = new Lines();
        AtomicLong now = new AtomicLong();
        RateLimitedLog log = new RateLimitedLog(logger, Duration.ofSeconds(10), now::get);
        for (int i = 0; i < 1000; i++) {
            int n = i;
            log.warn(() -> "refused 10.0.0." + n);
        }
        assertEquals(List.of("refused 10.0.0.0"), logger.lines);
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        log.warn(() -> "refused 10.0.0.7");
        assertEquals(2, logger.lines.size());
        assertEquals("refused 10.0.0.7 (and 999 more like it since the last such line)", logger.lines.get(1));
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        log.warn(() -> "refused 10.0.0.8");
        assertTrue(logger.lines.get(2).equals("refused 10.0.0.8"), "nothing left to count: " + logger.lines.get(2));
    }
}
