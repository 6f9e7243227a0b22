package pool.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import pool.remote.internal.FailureLog.Kind;

class FailureLogTest {

    private static final Pattern SUMMARY = Pattern.compile("^(\\d+) more failed logins from (.+) in (\\d+) s \\((.*)\\)$");

    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final FailureLog log = new FailureLog(now::get, Duration.ofMinutes(1), lines::add);

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    /** @return the failures the lines account for: one per full line, n per summary */
    private long counted() {
        long n = 0;
        for (String l : lines) {
            Matcher m = SUMMARY.matcher(l);
            n += m.matches() ? Long.parseLong(m.group(1)) : 1;
        }
        return n;
    }

    @Test
    void theFirstFailureOfAMinuteIsLoggedInFullAndTheRestInOneSummary() {
        for (int i = 0; i < 1000; i++) {
            log.failed("192.0.2.1", i < 5 ? Kind.WRONG_PASSWORD : Kind.HELD_BACK, "failed login " + i + " from 192.0.2.1");
        }
        assertEquals(List.of("failed login 0 from 192.0.2.1"), lines);
        log.flushDue();
        assertEquals(1, lines.size(), "the minute is not over");
        advance(Duration.ofMinutes(1));
        log.flushDue();
        assertEquals("999 more failed logins from 192.0.2.1 in 60 s (4 wrong password, 995 held back)", lines.get(1));
        assertEquals(1000, counted());
    }

    @Test
    void eachAddressGetsItsOwnLinesAndTheCountsAddUp() {
        for (int i = 0; i < 300; i++) {
            log.failed("192.0.2." + (i % 3), Kind.values()[i % 3], "failed from 192.0.2." + (i % 3));
        }
        assertEquals(3, lines.size());
        log.flushAll();
        assertEquals(6, lines.size());
        assertEquals(300, counted());
    }

    @Test
    void aFailureAfterTheMinuteClosesItAndOpensANewOneWithAFullLine() {
        log.failed("192.0.2.1", Kind.BUSY, "first");
        log.failed("192.0.2.1", Kind.BUSY, "second");
        advance(Duration.ofSeconds(61));
        log.failed("192.0.2.1", Kind.WRONG_PASSWORD, "third");
        assertEquals(List.of("first", "1 more failed logins from 192.0.2.1 in 61 s (1 too many in progress)", "third"),
                lines);
        log.flushAll();
        assertEquals(3, lines.size(), "nothing counted after the full line");
    }

    @Test
    void beyondTheTrackedAddressesFailuresShareOneEntryAndStayCounted() {
        int addresses = FailureLog.MAX_ADDRESSES + 500;
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < addresses; i++) {
                log.failed("10.0." + (i >> 8) + "." + (i & 255), Kind.WRONG_PASSWORD, "failed from " + i);
            }
        }
        assertEquals(FailureLog.MAX_ADDRESSES + 1, lines.size(), "one full line per tracked address, one for the rest");
        log.flushAll();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("1499 more failed logins from other addresses")), lines.toString());
        assertEquals(3L * addresses, counted());
    }
}
