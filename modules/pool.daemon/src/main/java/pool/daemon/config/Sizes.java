package pool.daemon.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes as the configuration writes them: a whole number and a binary unit,
 * {@code 512KiB}, {@code 64MiB}, {@code 1GiB}. One unit per value, binary only, so that
 * {@code 64MiB} means exactly 67,108,864 bytes and never a rounded thousand.
 */
public final class Sizes {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,10})(KiB|MiB|GiB)");

    private Sizes() {
    }

    /** @throws IllegalArgumentException saying how to write a size */
    public static long parse(String text) {
        String t = text == null ? "" : text.strip();
        Matcher m = FORMAT.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + t + "' is not a size: write a whole number and a unit (KiB, MiB"
                    + " or GiB), for example 512KiB or 64MiB");
        }
        long n = Long.parseLong(m.group(1));
        int shift = switch (m.group(2)) {
            case "KiB" -> 10;
            case "MiB" -> 20;
            default -> 30;
        };
        if (n > Long.MAX_VALUE >> shift) {
            throw new IllegalArgumentException("'" + t + "' is too large a size");
        }
        return n << shift;
    }

    /** @return {@code bytes} in the largest binary unit that writes it exactly, the inverse of {@link #parse} */
    public static String format(long bytes) {
        if (bytes != 0 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + "GiB";
        }
        if (bytes != 0 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + "MiB";
        }
        if (bytes % 1024 == 0) {
            return (bytes >> 10) + "KiB";
        }
        return bytes + " bytes";
    }
}
