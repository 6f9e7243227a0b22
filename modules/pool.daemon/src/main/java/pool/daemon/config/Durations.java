package pool.daemon.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the configuration writes them: a whole number and a unit, {@code 500ms},
 * {@code 30s}, {@code 10m}, {@code 1h}, {@code 1d}, or a bare {@code 0}. One unit per value
 * keeps them unambiguous ({@code 1m} is a minute; there is no month) and easy to grep.
 */
public final class Durations {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,18})(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * @throws IllegalArgumentException saying how to write a duration
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = FORMAT.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + t + "' is not a duration: write a whole number and a unit"
                    + " (ms, s, m, h or d), for example 500ms, 30s, 10m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        try {
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + t + "' is too long a duration: use at most a few years", e);
        }
    }

    /** @return {@code d} in the largest unit that writes it exactly, the inverse of {@link #parse} */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0";
        }
        long ms = d.toMillis();
        if (!Duration.ofMillis(ms).equals(d)) {
            return d.toString();
        }
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms % sizes[i] == 0) {
                return ms / sizes[i] + units[i];
            }
        }
        return ms + "ms";
    }
}
