package pool.remote.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Log lines about failed logins that a flood cannot multiply, yet that count every failure.
 * Per client address and interval, the first failure is logged in full (who, what, from
 * where); the rest are counted, by kind, and told in one summary line when the interval is
 * over ({@link #flushDue()}, called periodically) or the daemon stops ({@link #flushAll()}).
 * So an address costs at most two lines an interval, however fast it fails, and the numbers
 * in the lines add up to the failures.
 *
 * <p>Addresses are tracked up to a bound; failures from further addresses go to one shared
 * entry, so even a flood from many addresses stays counted in bounded memory and lines.
 */
public final class FailureLog {

    /** Why a login failed. */
    public enum Kind {
        /** Checked, and the user name or password was wrong. */
        WRONG_PASSWORD("wrong password"),
        /** Refused unchecked: the address or user is held back after earlier failures. */
        HELD_BACK("held back"),
        /** Refused unchecked: as many logins as the daemon allows were being checked or waiting. */
        BUSY("too many in progress");

        private final String words;

        Kind(String words) {
            this.words = words;
        }
    }

    /** Addresses tracked one by one; the rest share {@link #OTHERS}. */
    static final int MAX_ADDRESSES = 1024;
    static final String OTHERS = "other addresses";

    private final LongSupplier nanoClock;
    private final long intervalNanos;
    private final Consumer<String> out;
    private final Map<String, Window> windows = new LinkedHashMap<>();

    /**
     * @param nanoClock a monotonic clock in nanoseconds
     * @param interval  how long an address's failures are summed before their summary line
     * @param out       receives each line (the daemon logs it as a warning)
     */
    public FailureLog(LongSupplier nanoClock, Duration interval, Consumer<String> out) {
        this.nanoClock = nanoClock;
        this.intervalNanos = interval.toNanos();
        this.out = out;
    }

    /**
     * Counts one failure.
     *
     * @param line the full line, naming the address, logged when this is the address's first
     *             failure of an interval
     */
    public void failed(String address, Kind kind, String line) {
        List<String> lines = new ArrayList<>(2);
        synchronized (this) {
            long now = nanoClock.getAsLong();
            String key = windows.containsKey(address) || windows.size() < MAX_ADDRESSES ? address : OTHERS;
            Window w = windows.get(key);
            if (w != null && now - w.start >= intervalNanos) {
                w.summary(key, now, lines);
                windows.remove(key);
                w = null;
            }
            if (w == null) {
                windows.put(key, new Window(now));
                lines.add(line);
            } else {
                w.counts[kind.ordinal()]++;
            }
        }
        lines.forEach(out); // outside the lock: the log's I/O never holds up the next login
    }

    /** Writes the summaries of the intervals that are over and forgets those addresses. */
    public void flushDue() {
        flush(false);
    }

    /** Writes every summary still open (the daemon stops) and forgets every address. */
    public void flushAll() {
        flush(true);
    }

    private void flush(boolean all) {
        List<String> lines = new ArrayList<>();
        synchronized (this) {
            long now = nanoClock.getAsLong();
            for (Iterator<Map.Entry<String, Window>> it = windows.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Window> e = it.next();
                if (all || now - e.getValue().start >= intervalNanos) {
                    e.getValue().summary(e.getKey(), now, lines);
                    it.remove();
                }
            }
        }
        lines.forEach(out);
    }

    /** One address's interval: when it began (with a full line) and the failures counted since. */
    private static final class Window {
        final long start;
        final long[] counts = new long[Kind.values().length];

        Window(long start) {
            this.start = start;
        }

        /** Adds the summary line, when anything was counted after the full line. */
        void summary(String address, long now, List<String> lines) {
            long total = 0;
            StringBuilder kinds = new StringBuilder();
            for (Kind k : Kind.values()) {
                total += counts[k.ordinal()];
                if (counts[k.ordinal()] > 0) {
                    kinds.append(kinds.isEmpty() ? "" : ", ").append(counts[k.ordinal()]).append(' ').append(k.words);
                }
            }
            if (total > 0) {
                long seconds = Math.max(1, (now - start) / 1_000_000_000L);
                lines.add(total + " more failed logins from " + address + " in " + seconds + " s (" + kinds + ")");
            }
        }
    }
}
