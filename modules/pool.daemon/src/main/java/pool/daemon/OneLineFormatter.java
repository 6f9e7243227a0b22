package pool.daemon;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One line per event: {@code LEVEL logger: message}.
 * <ul>
 * <li>Under systemd's journal the line starts with a syslog priority ({@code <6>}),
 *     which journald strips and stores as the entry's priority, and carries no time:
 *     the journal stamps each entry itself.</li>
 * <li>Elsewhere (a terminal, a file) it starts with an ISO-8601 UTC time, so that a
 *     log file can be read without the journal.</li>
 * </ul>
 * A message's own line breaks become {@code " | "} so one event stays one line. An
 * exception adds only its message, except at SEVERE, which means unexpected: then
 * the stack trace is what someone will need.
 */
final class OneLineFormatter extends Formatter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

    private final boolean journal;

    OneLineFormatter(boolean journal) {
        this.journal = journal;
    }

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(128);
        if (journal) {
            line.append('<').append(syslogPriority(record.getLevel())).append('>');
        } else {
            line.append(TIME.format(Instant.ofEpochMilli(record.getMillis()).truncatedTo(ChronoUnit.MILLIS)
                    .atOffset(ZoneOffset.UTC))).append(' ');
        }
        line.append(levelName(record.getLevel())).append(' ')
                .append(record.getLoggerName()).append(": ")
                .append(oneLine(message(record)));
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                StringWriter trace = new StringWriter();
                thrown.printStackTrace(new PrintWriter(trace));
                line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
            } else {
                line.append(": ").append(oneLine(String.valueOf(thrown.getMessage())));
            }
        }
        return line.append(System.lineSeparator()).toString();
    }

    /**
     * Like {@link Formatter#formatMessage}, but numbers print plainly: a pid or a
     * connection id is an identifier, and "pid 31,857" cannot be pasted into kill.
     */
    static String message(LogRecord record) {
        String pattern = record.getMessage();
        Object[] params = record.getParameters();
        if (pattern == null || params == null || params.length == 0) {
            return String.valueOf(pattern);
        }
        Object[] plain = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            plain[i] = params[i] instanceof Number n ? n.toString() : params[i];
        }
        try {
            return new MessageFormat(pattern, Locale.ROOT).format(plain);
        } catch (IllegalArgumentException e) {
            return pattern; // a malformed pattern is still worth seeing as it is
        }
    }

    private static String oneLine(String s) {
        return s.replace("\r\n", " | ").replace('\r', ' ').replace("\n", " | ");
    }

    /** System.Logger level names, which are what the code logs with, not JUL's. */
    static String levelName(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (v >= Level.WARNING.intValue()) {
            return "WARNING";
        }
        if (v >= Level.INFO.intValue()) {
            return "INFO";
        }
        if (v >= Level.FINE.intValue()) {
            return "DEBUG";
        }
        return "TRACE";
    }

    /** sd-daemon(3) priorities: 3 err, 4 warning, 6 info, 7 debug. */
    private static int syslogPriority(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return 3;
        }
        if (v >= Level.WARNING.intValue()) {
            return 4;
        }
        if (v >= Level.INFO.intValue()) {
            return 6;
        }
        return 7;
    }
}
