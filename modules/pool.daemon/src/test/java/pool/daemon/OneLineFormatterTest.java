package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class OneLineFormatterTest {

    private static LogRecord record(Level level, String message, Object... params) {
        LogRecord r = new LogRecord(level, message);
        r.setLoggerName("poold");
        r.setParameters(params);
        return r;
    }

    @Test
    void journalLineCarriesPriorityAndNoTimestamp() {
        String line = new OneLineFormatter(true).format(record(Level.WARNING, "pool ''{0}'' exhausted", "orders"));
        assertEquals("<4>WARNING poold: pool 'orders' exhausted" + System.lineSeparator(), line);
    }

    @Test
    void terminalLineStartsWithAnIsoTimestamp() {
        String line = new OneLineFormatter(false).format(record(Level.INFO, "poold ready"));
        assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z INFO poold: poold ready\\R"), line);
    }

    @Test
    void numbersPrintWithoutGrouping() {
        String line = new OneLineFormatter(true).format(record(Level.INFO, "pid {0}, {1} pools", 31857L, 1024));
        assertEquals("<6>INFO poold: pid 31857, 1024 pools" + System.lineSeparator(), line);
    }

    @Test
    void multiLineMessageStaysOneLine() {
        String line = new OneLineFormatter(true).format(record(Level.SEVERE, "a\nb"));
        assertEquals("<3>ERROR poold: a | b" + System.lineSeparator(), line);
    }

    @Test
    void expectedFailureAddsItsMessageButNoStackTrace() {
        LogRecord r = record(Level.WARNING, "cannot connect");
        r.setThrown(new SQLException("Connection refused"));
        assertEquals("<4>WARNING poold: cannot connect: Connection refused" + System.lineSeparator(),
                new OneLineFormatter(true).format(r));
    }

    @Test
    void unexpectedErrorKeepsItsStackTrace() {
        LogRecord r = record(Level.SEVERE, "closing failed");
        r.setThrown(new IllegalStateException("bug"));
        String text = new OneLineFormatter(true).format(r);
        assertTrue(text.contains("java.lang.IllegalStateException: bug"), text);
        assertTrue(text.contains("\tat "), text);
    }

    private static String journal(LogRecord r) {
        return new OneLineFormatter(true).format(r);
    }

    @Test
    void aParameterCannotForgeALineOfItsOwn() {
        String line = journal(record(Level.WARNING, "failed remote login as user {0} from {1}",
                "x\n2026-01-01T00:00:00Z INFO poold: poold ready", "10.0.0.1"));
        assertEquals("<4>WARNING poold: failed remote login as user x\\n2026-01-01T00:00:00Z INFO poold: poold ready"
                + " from 10.0.0.1" + System.lineSeparator(), line);
    }

    @Test
    void terminalEscapeSequencesNulAndUnicodeSeparatorsInAParameterAreEscaped() {
        String line = journal(record(Level.WARNING, "user {0}", "\u001B[2J\u0000a\u2028b\u2029\u0085\u009B31m\u007F"));
        assertEquals("<4>WARNING poold: user \\u001B[2J\\u0000a\\u2028b\\u2029\\u0085\\u009B31m\\u007F"
                + System.lineSeparator(), line);
    }

    @Test
    void bidiControlsCannotReorderWhatALineShows() {
        // "admin" shown reversed after an RLO, and an isolate that could hide text.
        String line = journal(record(Level.WARNING, "user {0}", "\u202Enimda\u202C \u2066x\u2069 \u200F\u061C"));
        assertEquals("<4>WARNING poold: user \\u202Enimda\\u202C \\u2066x\\u2069 \\u200F\\u061C"
                + System.lineSeparator(), line);
    }

    @Test
    void aHugeParameterIsCutAndSaysHowLongItWas() {
        String name = "a".repeat(4 << 20);
        String line = journal(record(Level.WARNING, "failed login as user {0} from {1}", name, "10.0.0.1"));
        assertTrue(line.length() < 2 * LogText.MAX_PARAMETER, "line of " + line.length() + " characters");
        assertTrue(line.contains("a".repeat(LogText.MAX_PARAMETER) + "... (cut: 4194304 characters in all) from 10.0.0.1"),
                line.substring(0, 200));
    }

    @Test
    void aHugeMessageBuiltWithoutParametersIsCutToo() {
        String line = journal(record(Level.WARNING, "reply cannot be sent: " + "x".repeat(1 << 20)));
        assertTrue(line.length() < LogText.MAX_MESSAGE + 100, "line of " + line.length() + " characters");
        assertTrue(line.endsWith("... (cut: " + (22 + (1 << 20)) + " characters in all)" + System.lineSeparator()),
                line.substring(line.length() - 80));
    }

    @Test
    void anExceptionMessageIsEscapedAndCut() {
        LogRecord r = record(Level.WARNING, "cannot connect");
        r.setThrown(new SQLException("FATAL: role \"\u001B]0;pwned\u0007\" does not exist\nDETAIL: " + "y".repeat(1 << 20)));
        String line = journal(r);
        assertTrue(line.startsWith("<4>WARNING poold: cannot connect: FATAL: role \"\\u001B]0;pwned\\u0007\""
                + " does not exist | DETAIL: yyy"), line.substring(0, 120));
        assertTrue(line.length() < LogText.MAX_MESSAGE + 200, "line of " + line.length() + " characters");
        assertEquals(1, line.lines().count(), "one line");
    }

    @Test
    void aStackTraceShowsEachExceptionMessageOnItsOwnEscapedLine() {
        LogRecord r = record(Level.SEVERE, "remote call failed inside the daemon");
        RuntimeException e = new IllegalStateException("bug\n\tat forged.Frame(Fake.java:1)\u001B[31m",
                new IllegalArgumentException("cause\u2028line"));
        e.addSuppressed(new RuntimeException("suppressed"));
        String text = journal(withThrown(r, e));
        assertTrue(text.contains("java.lang.IllegalStateException: bug | \\tat forged.Frame(Fake.java:1)\\u001B[31m"),
                text);
        assertTrue(text.contains("Caused by: java.lang.IllegalArgumentException: cause\\u2028line"), text);
        assertTrue(text.contains("\tSuppressed: java.lang.RuntimeException: suppressed"), text);
        assertTrue(text.lines().noneMatch(l -> l.startsWith("\tat forged")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("\tat ") && l.contains("OneLineFormatterTest.aStackTrace")),
                text);
    }

    @Test
    void aCycleOfCausesEndsTheTrace() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        String text = journal(withThrown(record(Level.SEVERE, "loop"), a));
        assertTrue(text.contains("[CIRCULAR OR TOO DEEP: java.lang.RuntimeException]"), text);
    }

    @Test
    void ordinaryTextIsLeftAsItIs() {
        String line = journal(record(Level.INFO, "pool ''{0}'' started: {1}", "ordrés-ü", "jdbc:h2:mem:x \uD83D\uDE00"));
        assertEquals("<6>INFO poold: pool 'ordrés-ü' started: jdbc:h2:mem:x \uD83D\uDE00" + System.lineSeparator(), line);
    }

    private static LogRecord withThrown(LogRecord r, Throwable t) {
        r.setThrown(t);
        return r;
    }
}
