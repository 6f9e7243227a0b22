package pool.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A connection held longer than the leak threshold.
 *
 * @param connectionId id of the physical connection, unique in the JVM (so also among the parts of
 *                     a sharded or routed pool), as in {@link PoolEvent}s and log lines
 * @param thread       name of the thread that borrowed it
 * @param borrowedAt   when it was borrowed
 * @param held         how long it has been held
 * @param borrowStack  the borrower's stack, or empty when stack capture skipped this borrow
 */
public record LeakSuspect(long connectionId, String thread, Instant borrowedAt, Duration held,
                          List<StackTraceElement> borrowStack) {

    public LeakSuspect {
        borrowStack = List.copyOf(borrowStack);
    }

    /** @return the borrow stack as text, one frame a line, or a note that none was captured */
    public String borrowStackText() {
        if (borrowStack.isEmpty()) {
            return "(no stack captured; <leakStackCapture>always</leakStackCapture> in pools.xml, StackCapture.ALWAYS in-process, records every borrow)";
        }
        StringBuilder sb = new StringBuilder();
        for (StackTraceElement e : borrowStack) {
            sb.append("\tat ").append(e).append('\n');
        }
        return sb.toString();
    }
}
