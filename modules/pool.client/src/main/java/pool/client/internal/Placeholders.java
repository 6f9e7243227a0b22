package pool.client.internal;

/**
 * Counts the {@code ?} placeholders of SQL as pgjdbc's parser finds them, so that a setter
 * refuses an index beyond them where pgjdbc's does (at the setter, not at execution). Skipped,
 * as pgjdbc skips them: quoted strings ({@code '...'} with {@code ''}, {@code E'...'} with
 * backslash escapes), quoted identifiers, dollar quotes, line and (nested) block comments; and
 * {@code ??}, pgjdbc's escape of a literal {@code ?}.
 */
final class Placeholders {

    private Placeholders() {
    }

    static int count(String sql) {
        int n = 0;
        int len = sql.length();
        for (int i = 0; i < len; i++) {
            char c = sql.charAt(i);
            switch (c) {
                case '\'' -> i = endOfString(sql, i, i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                        && (i < 2 || !Character.isLetterOrDigit(sql.charAt(i - 2))));
                case '"' -> i = endOf(sql, i + 1, '"');
                case '-' -> {
                    if (i + 1 < len && sql.charAt(i + 1) == '-') {
                        int eol = sql.indexOf('\n', i);
                        i = eol < 0 ? len : eol;
                    }
                }
                case '/' -> {
                    if (i + 1 < len && sql.charAt(i + 1) == '*') {
                        i = endOfComment(sql, i);
                    }
                }
                case '$' -> i = endOfDollarQuote(sql, i);
                case '?' -> {
                    if (i + 1 < len && sql.charAt(i + 1) == '?') {
                        i++; // "??": a literal question mark
                    } else {
                        n++;
                    }
                }
                default -> {
                }
            }
        }
        return n;
    }

    /** @return the index of the quote that ends the string opened at {@code start} */
    private static int endOfString(String sql, int start, boolean backslashes) {
        for (int i = start + 1; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (backslashes && c == '\\') {
                i++;
            } else if (c == '\'') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return sql.length();
    }

    private static int endOf(String sql, int from, char quote) {
        int end = sql.indexOf(quote, from);
        return end < 0 ? sql.length() : end;
    }

    private static int endOfComment(String sql, int start) {
        int depth = 0;
        for (int i = start; i < sql.length() - 1; i++) {
            if (sql.charAt(i) == '/' && sql.charAt(i + 1) == '*') {
                depth++;
                i++;
            } else if (sql.charAt(i) == '*' && sql.charAt(i + 1) == '/') {
                depth--;
                i++;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return sql.length();
    }

    /** A {@code $tag$...$tag$} quote (not a {@code $1}-style parameter or an identifier's {@code $}). */
    private static int endOfDollarQuote(String sql, int start) {
        if (start > 0 && (Character.isLetterOrDigit(sql.charAt(start - 1)) || sql.charAt(start - 1) == '_')) {
            return start; // part of an identifier
        }
        int close = sql.indexOf('$', start + 1);
        if (close < 0) {
            return start;
        }
        String tag = sql.substring(start, close + 1);
        for (int k = 1; k < tag.length() - 1; k++) {
            char t = tag.charAt(k);
            if (!(Character.isLetterOrDigit(t) || t == '_') || (k == 1 && Character.isDigit(t))) {
                return start;
            }
        }
        int end = sql.indexOf(tag, close + 1);
        return end < 0 ? sql.length() : end + tag.length() - 1;
    }
}
