package pool.api;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as poold's configuration file, {@code poolctl set} and log messages write them:
 * a whole number followed by one unit, with no space and no sign:
 * {@code ms} milliseconds, {@code s} seconds, {@code m} minutes, {@code h} hours,
 * {@code d} days (24 hours); for example {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h},
 * {@code 2d}. A bare {@code 0} is zero. One unit per value keeps them unambiguous
 * ({@code 1m} is a minute; there is no month) and easy to grep. A written duration is at
 * most {@link #LONGEST} ({@code 36500d}); a longer one is refused, not quietly shortened,
 * since a typo of a few zeros should not turn into "100 years".
 */
public final class Durations {

    private static final Pattern TEXT = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final long[] UNIT_MILLIS = {86_400_000L, 3_600_000L, 60_000L, 1000L};
    private static final String[] UNITS = {"d", "h", "m", "s"};

    /**
     * The longest duration a setting or a borrow keeps: 100 years. The engine adds durations
     * to clock readings in nanoseconds, where a {@code long} ends after 292 years; a longer
     * one (an "endless" timeout such as {@code ChronoUnit.FOREVER.getDuration()}) means the
     * same as this and would otherwise overflow. The Java API takes a longer one as this;
     * text (the configuration file, {@code poolctl set}) and JMX writes refuse it.
     */
    public static final Duration LONGEST = Duration.ofDays(36_500);

    /** {@link #LONGEST} as the configuration writes it, for messages. */
    public static final String LONGEST_TEXT = "36500d";

    private Durations() {
    }

    /** @return {@code d}, or {@link #LONGEST} when it is longer; null stays null */
    static Duration capped(Duration d) {
        return d != null && d.compareTo(LONGEST) > 0 ? LONGEST : d;
    }

    /**
     * Reads a duration as the configuration writes it.
     *
     * @param text a duration as described above; white space around it is ignored
     * @return the duration {@code text} writes, zero or more
     * @throws IllegalArgumentException when {@code text} is null or not written so (the message says how to
     *                                  write one), or is longer than {@link #LONGEST} (the message gives it)
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = TEXT.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + t + "' is not a duration: write a whole number and a unit"
                    + " (ms, s, m, h or d), for example 500ms, 30s, 10m or 1h, or 0");
        }
        Duration d = ofUnit(m.group(1), m.group(2));
        if (d == null || d.compareTo(LONGEST) > 0) {
            throw tooLarge("'" + t + "'");
        }
        return d;
    }

    /** @return the duration, or null when it is longer than a {@link Duration} (or a long of the unit) holds */
    private static Duration ofUnit(String digits, String unit) {
        try {
            long n = Long.parseLong(digits);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /**
     * @param what the value as the user wrote it, quoted, or with its unit ({@code 9000000000000 ms})
     * @return the refusal of a duration above {@link #LONGEST}, giving the bound
     */
    public static IllegalArgumentException tooLarge(String what) {
        return new IllegalArgumentException(what + " is too large: the longest duration is " + LONGEST_TEXT
                + " (100 years, " + LONGEST.toMillis() + "ms)");
    }

    /**
     * Writes a duration as the configuration does.
     *
     * @param d a duration, zero or more
     * @return {@code d} in the largest unit that writes it exactly ({@code 90s}, not {@code 1500ms}; {@code 0}
     *         for zero), so that {@link #parse} reads it back; a duration with a fraction of a millisecond
     *         in ISO-8601 ({@link Duration#toString()}), which {@link #parse} refuses
     */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0";
        }
        long ms = d.toMillis();
        if (!Duration.ofMillis(ms).equals(d)) {
            return d.toString();
        }
        for (int i = 0; i < UNIT_MILLIS.length; i++) {
            if (ms % UNIT_MILLIS[i] == 0) {
                return ms / UNIT_MILLIS[i] + UNITS[i];
            }
        }
        return ms + "ms";
    }
}
