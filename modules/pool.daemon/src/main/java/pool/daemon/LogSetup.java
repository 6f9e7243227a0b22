package pool.daemon;

import java.io.PrintStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Routes {@link System.Logger} (backed by java.util.logging) to stdout, one line per
 * event, in the form {@link OneLineFormatter} describes. Replaces the JDK's default
 * two-line stderr console handler. The level is INFO unless the system property
 * {@code poold.log.level} names another JUL level (FINE for debugging).
 */
final class LogSetup {

    private LogSetup() {
    }

    static void install(PrintStream out) {
        // systemd sets JOURNAL_STREAM when stdout/stderr go to the journal, which
        // timestamps every line itself and understands <N> priority prefixes.
        boolean journal = System.getenv("JOURNAL_STREAM") != null;
        Level level = parseLevel(System.getProperty("poold.log.level", "INFO"));
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        Handler handler = new FlushingHandler(out, new OneLineFormatter(journal));
        handler.setLevel(level);
        root.addHandler(handler);
    }

    private static Level parseLevel(String name) {
        try {
            return Level.parse(name);
        } catch (IllegalArgumentException e) {
            return Level.INFO;
        }
    }

    /** Flushes every record: a daemon's log must not sit in a buffer when it dies. */
    private static final class FlushingHandler extends StreamHandler {
        FlushingHandler(PrintStream out, OneLineFormatter formatter) {
            super(out, formatter);
        }

        @Override
        public synchronized void publish(java.util.logging.LogRecord record) {
            super.publish(record);
            flush();
        }

        @Override
        public synchronized void close() {
            // Never close stdout: flush only.
            flush();
        }
    }
}
