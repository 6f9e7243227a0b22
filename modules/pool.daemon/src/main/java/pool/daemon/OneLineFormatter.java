package pool.daemon;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;
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
 *
 * <p>Everything a message carries goes through {@link LogText}: parameters (a client's
 * user name, SQL, addresses) have every control character escaped and are cut to
 * {@link LogText#MAX_PARAMETER}; the message and every exception message, the stack
 * trace's included, are escaped and cut to {@link LogText#MAX_MESSAGE}. So no text from
 * outside can start a line of its own, reach the terminal as an escape sequence, or make
 * a line longer than a few KiB (a stack trace adds its frames).
 */
final class OneLineFormatter extends Formatter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;
    /** Throwables one stack trace shows at most (causes and suppressed ones together). */
    private static final int MAX_TRACED = 32;

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
                .append(LogText.line(message(record)));
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                trace(line, thrown, "", "", Collections.newSetFromMap(new IdentityHashMap<>()));
            } else {
                line.append(": ").append(LogText.line(thrown.getMessage()));
            }
        }
        return line.append(System.lineSeparator()).toString();
    }

    /**
     * A stack trace as {@link Throwable#printStackTrace()} writes it (causes, suppressed
     * exceptions, a cycle said as such), but each throwable's message made one safe line:
     * a message with a line break of its own could otherwise pass for a line of the log.
     */
    private static void trace(StringBuilder out, Throwable t, String caption, String indent, Set<Throwable> seen) {
        String nl = System.lineSeparator();
        if (!seen.add(t) || seen.size() > MAX_TRACED) {
            out.append(nl).append(indent).append(caption).append("[CIRCULAR OR TOO DEEP: ")
                    .append(t.getClass().getName()).append(']');
            return;
        }
        out.append(nl).append(indent).append(caption).append(t.getClass().getName());
        if (t.getLocalizedMessage() != null) {
            out.append(": ").append(LogText.line(t.getLocalizedMessage()));
        }
        for (StackTraceElement frame : t.getStackTrace()) {
            out.append(nl).append(indent).append("\tat ").append(LogText.line(frame.toString()));
        }
        for (Throwable s : t.getSuppressed()) {
            trace(out, s, "Suppressed: ", indent + "\t", seen);
        }
        if (t.getCause() != null) {
            trace(out, t.getCause(), "Caused by: ", indent, seen);
        }
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
            plain[i] = params[i] instanceof Number n ? n.toString() : LogText.parameter(String.valueOf(params[i]));
        }
        try {
            return new MessageFormat(pattern, Locale.ROOT).format(plain);
        } catch (IllegalArgumentException e) {
            return pattern; // a malformed pattern is still worth seeing as it is
        }
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
