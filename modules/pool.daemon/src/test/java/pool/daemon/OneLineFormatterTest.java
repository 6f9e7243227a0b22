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
}
