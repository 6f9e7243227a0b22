package pool.daemon;

/**
 * Makes text safe for a one-line log: what a client sent (a user name, SQL, a driver's
 * message quoting either) must neither forge a log line, nor drive the terminal that
 * shows it, nor hide text behind bidi reordering, nor make a line megabytes long.
 *
 * <p>Escaped as {@code \}{@code uXXXX} (or {@code \n}, {@code \r}, {@code \t}): every C0
 * control, DEL, every C1 control (U+0080-U+009F, U+009B being a one-character CSI to
 * many terminals), the line and paragraph separators U+2028/U+2029, the invisible
 * format characters (Unicode category Cf: bidi embeddings, overrides and isolates, the
 * marks LRM/RLM/ALM, zero-width characters) and unpaired surrogates.
 */
final class LogText {

    /**
     * Longest a message parameter stays: names, addresses and URLs fit many times over;
     * a 4 MiB user name does not become a 4 MiB line.
     */
    static final int MAX_PARAMETER = 1_024;
    /** Longest a whole message (or an exception's message) stays, for text built without parameters. */
    static final int MAX_MESSAGE = 8_192;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private LogText() {
    }

    /** @return a message parameter: every control escaped, line breaks included, and cut to {@link #MAX_PARAMETER} */
    static String parameter(String s) {
        return escape(s, MAX_PARAMETER, false);
    }

    /**
     * @return a message or an exception's message: its own line breaks become
     *         {@code " | "} (a multi-line driver message stays readable on one line), every
     *         other control is escaped, and it is cut to {@link #MAX_MESSAGE}
     */
    static String line(String s) {
        return escape(s, MAX_MESSAGE, true);
    }

    private static String escape(String s, int max, boolean breaksAsBars) {
        if (s == null) {
            return "null";
        }
        int end = Math.min(s.length(), max);
        if (end < s.length() && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--; // never cut a pair in two
        }
        if (end == s.length() && isClean(s)) {
            return s; // the common case: nothing to copy
        }
        StringBuilder out = new StringBuilder(end + 16);
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (breaksAsBars && (c == '\n' || c == '\r')) {
                if (c == '\r' && i + 1 < end && s.charAt(i + 1) == '\n') {
                    i++;
                }
                out.append(" | ");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(i + 1));
                    if (Character.getType(cp) == Character.FORMAT) { // tag characters and the like
                        unicode(out, c);
                        unicode(out, s.charAt(i + 1));
                    } else {
                        out.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                } else {
                    unicode(out, c); // unpaired: not text
                }
            } else if (needsEscape(c)) {
                unicode(out, c);
            } else {
                out.append(c);
            }
        }
        if (end < s.length()) {
            out.append("... (cut: ").append(s.length()).append(" characters in all)");
        }
        return out.toString();
    }

    private static boolean isClean(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7F && (needsEscape(c) || Character.isSurrogate(c))) {
                return false;
            }
        }
        return true;
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || c >= 0x7F && c <= 0x9F || c == '\u2028' || c == '\u2029'
                || Character.getType(c) == Character.FORMAT;
    }

    private static void unicode(StringBuilder out, char c) {
        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF])
                .append(HEX[c & 0xF]);
    }
}
