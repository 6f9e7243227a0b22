package pool.engine.internal.sql;

/**
 * Splits SQL text into tokens: words, quoted identifiers, literals, variables,
 * parameters and single punctuation characters, with whitespace and comments skipped.
 * One instance reads one string, token by token, and allocates nothing while it does.
 *
 * <p><b>Readings.</b> Servers disagree on a few rules, and some of those depend on
 * session settings the pool cannot see from the text ({@code standard_conforming_strings},
 * MariaDB's {@code NO_BACKSLASH_ESCAPES} and {@code ANSI_QUOTES}). Where they disagree the
 * lexer follows the reading it was given (the {@code *_ESCAPES}, {@code *_QUOTES},
 * {@code *_COMMENTS} flags) and records in {@link #ambiguities()} that the text could be
 * read the other way too. A caller that must not be fooled (text crafted so that one
 * server sees a statement that the lexer hides inside a literal or comment) reads the
 * text again under every combination of the recorded flags; see {@link SessionEffects}.
 * <ul>
 *   <li>{@link #BACKSLASH_ESCAPES}: a backslash escapes the next character inside
 *       {@code '...'} and {@code "..."} (MariaDB's default, PostgreSQL's {@code E'...'} or
 *       with {@code standard_conforming_strings} off). Off: only doubled quotes escape.</li>
 *   <li>{@link #DOLLAR_QUOTES}: {@code $tag$...$tag$} is a literal (PostgreSQL; H2's
 *       {@code $$...$$}). Off: {@code $} is part of a word, as in MariaDB.</li>
 *   <li>{@link #HASH_COMMENTS}: {@code #} starts a comment to the end of the line
 *       (MariaDB). Off: {@code #} is an operator (PostgreSQL).</li>
 *   <li>{@link #NESTED_COMMENTS}: {@code /* /* *}{@code / *}{@code /} nests (PostgreSQL).
 *       Off: a block comment ends at the first {@code *}{@code /} (MariaDB, H2).</li>
 *   <li>{@link #DASH_COMMENT_NEEDS_SPACE}: {@code --} starts a comment only when
 *       whitespace or a control character follows (MariaDB). Off: always (PostgreSQL, H2).</li>
 * </ul>
 *
 * <p>A literal, quoted identifier or block comment that does not end, and MariaDB's
 * executable comments ({@code /*!...*}{@code /}, {@code /*M!...*}{@code /}, whose
 * content the server runs), come out as one {@link #OPAQUE} token that runs to the end of
 * the text: nothing after it can be read with confidence.
 */
public final class SqlLexer {

    /** No more tokens. */
    public static final int END = 0;
    /** A keyword or unquoted identifier. */
    public static final int WORD = 1;
    /** An identifier in double quotes or backticks (or a MariaDB string in double quotes). */
    public static final int QUOTED = 2;
    /** A literal in single quotes or dollar quotes. */
    public static final int STRING = 3;
    /** A numeric literal. */
    public static final int NUMBER = 4;
    /** {@code @name}, {@code @'name'}, {@code @@name}: a user or system variable (MariaDB, H2). */
    public static final int VARIABLE = 5;
    /** {@code ?} or {@code $1}: a bind parameter. */
    public static final int PARAMETER = 6;
    /** One character of punctuation or an operator; see {@link #punct()}. */
    public static final int PUNCT = 7;
    /** Text the lexer cannot see into: an unterminated literal or comment, or an executable comment. */
    public static final int OPAQUE = 8;

    public static final int BACKSLASH_ESCAPES = 1;
    public static final int DOLLAR_QUOTES = 2;
    public static final int HASH_COMMENTS = 4;
    public static final int NESTED_COMMENTS = 8;
    public static final int DASH_COMMENT_NEEDS_SPACE = 16;
    /** Every reading flag. */
    public static final int ALL_READINGS = 31;

    private final String sql;
    private final int length;
    private final int reading;
    private int ambiguities;
    private int pos;
    private int type;
    private int start;
    private int end;

    /**
     * @param reading the flags of the reading to follow; 0 for none of them
     */
    public SqlLexer(String sql, int reading) {
        this.sql = sql;
        this.length = sql.length();
        this.reading = reading;
    }

    /**
     * Reads {@code sql} with the {@code fixed} flags always set and under every combination of
     * the {@code open} flags the text turns out to be ambiguous under (flags in neither are
     * always off): each reading's lexer is handed to {@code read}, from its start.
     *
     * @return the bitwise OR of what {@code read} answered for each reading
     */
    public static int everyReading(String sql, int fixed, int open, java.util.function.ToIntFunction<SqlLexer> read) {
        int answers = 0;
        int ambiguous = 0;
        int done = 0; // bit r: reading r was read
        boolean more = true;
        while (more) {
            more = false;
            for (int r = 0; r <= ALL_READINGS; r++) {
                if ((r & ~(ambiguous & open)) != 0 || (done & (1 << r)) != 0) {
                    continue;
                }
                done |= 1 << r;
                SqlLexer lexer = new SqlLexer(sql, r | fixed);
                answers |= read.applyAsInt(lexer);
                ambiguous |= lexer.ambiguities();
                more = true;
            }
        }
        return answers;
    }

    /** @return the flags under which the text read so far could be read differently */
    public int ambiguities() {
        return ambiguities;
    }

    /** @return the current token's type */
    public int type() {
        return type;
    }

    /** @return where the current token starts in the text */
    public int start() {
        return start;
    }

    /** @return where the current token ends (exclusive) */
    public int end() {
        return end;
    }

    /** @return the current token's character when it is {@link #PUNCT}, else 0 */
    public char punct() {
        return type == PUNCT ? sql.charAt(start) : 0;
    }

    /** @return whether the current token is the word {@code keyword}, ignoring case ({@code keyword} in lower case) */
    public boolean isWord(String keyword) {
        return type == WORD && end - start == keyword.length() && sql.regionMatches(true, start, keyword, 0,
                keyword.length());
    }

    /**
     * @return whether the current token names {@code name} (lower case), ignoring case:
     *         a word, or a quoted identifier whose content is exactly the name
     */
    public boolean names(String name) {
        if (type == WORD) {
            return isWord(name);
        }
        return type == QUOTED && end - start == name.length() + 2
                && sql.regionMatches(true, start + 1, name, 0, name.length());
    }

    /**
     * @return whether the current token is a word or quoted identifier starting with
     *         {@code prefix} (lower case), ignoring case
     */
    public boolean namesPrefix(String prefix) {
        int from = type == QUOTED ? start + 1 : start;
        return (type == WORD || type == QUOTED) && end - from >= prefix.length()
                && sql.regionMatches(true, from, prefix, 0, prefix.length());
    }

    /** @return whether the current token is a quoted identifier with Unicode escapes ({@code U&"..."}) */
    public boolean unicodeEscaped() {
        return type == QUOTED && start >= 2 && sql.charAt(start - 1) == '&'
                && (sql.charAt(start - 2) == 'u' || sql.charAt(start - 2) == 'U');
    }

    /** @return the type of the next token, which becomes the current one */
    public int next() {
        boolean opaque = skipSpaceAndComments();
        start = pos;
        if (opaque) {
            pos = length; // an opaque token runs to the end: nothing after it can be read
            return token(OPAQUE);
        }
        if (pos >= length) {
            return token(END);
        }
        char c = sql.charAt(pos);
        if (c == '\'' || c == '"') {
            return quoted(c == '\'' ? STRING : QUOTED, c, (reading & BACKSLASH_ESCAPES) != 0);
        }
        if (c == '`') {
            return quoted(QUOTED, c, false);
        }
        if (c == '@') {
            return variable();
        }
        if (c == '$') {
            return dollar();
        }
        if (c == '?') {
            pos++;
            return token(PARAMETER);
        }
        if (isDigit(c) || c == '.' && pos + 1 < length && isDigit(sql.charAt(pos + 1))) {
            pos++;
            while (pos < length && (isWordPart(sql.charAt(pos)) || sql.charAt(pos) == '.')) {
                pos++;
            }
            return token(NUMBER);
        }
        if (isWordStart(c)) {
            pos++;
            while (pos < length && isWordPart(sql.charAt(pos))) {
                pos++;
            }
            return token(WORD);
        }
        pos++;
        return token(PUNCT);
    }

    private int token(int t) {
        end = pos;
        return type = t;
    }

    /**
     * A literal or identifier from the opening {@code quote} at pos to its closing one;
     * a doubled quote stands for one, and with {@code backslashes} a backslash escapes the
     * next character.
     */
    private int quoted(int t, char quote, boolean backslashes) {
        pos++;
        while (pos < length) {
            char c = sql.charAt(pos);
            if (c == '\\' && quote != '`') {
                ambiguities |= BACKSLASH_ESCAPES;
                if (backslashes) {
                    pos += 2;
                    continue;
                }
            }
            pos++;
            if (c == quote) {
                if (pos < length && sql.charAt(pos) == quote) {
                    pos++;
                } else {
                    return token(t);
                }
            }
        }
        pos = length;
        return token(OPAQUE);
    }

    /** {@code @name}, {@code @@name}, {@code @'name'}; a lone {@code @} is PostgreSQL's operator. */
    private int variable() {
        pos++;
        if (pos < length && sql.charAt(pos) == '@') {
            pos++;
        }
        if (pos < length) {
            char c = sql.charAt(pos);
            if (c == '\'' || c == '"') {
                return quoted(VARIABLE, c, (reading & BACKSLASH_ESCAPES) != 0);
            }
            if (c == '`') {
                return quoted(VARIABLE, c, false);
            }
            if (isWordPart(c)) {
                while (pos < length && (isWordPart(sql.charAt(pos)) || sql.charAt(pos) == '.')) {
                    pos++;
                }
                return token(VARIABLE);
            }
        }
        pos = start + 1;
        return token(PUNCT);
    }

    /**
     * At a {@code $}: a parameter ({@code $1}), a dollar-quoted literal under
     * {@link #DOLLAR_QUOTES} ({@code $$...$$}, {@code $tag$...$tag$}), else a word
     * (MariaDB identifiers may start with {@code $}).
     */
    private int dollar() {
        int tagEnd = pos + 1;
        while (tagEnd < length && sql.charAt(tagEnd) != '$' && isWordPart(sql.charAt(tagEnd))) {
            tagEnd++;
        }
        if (tagEnd > pos + 1 && isDigit(sql.charAt(pos + 1))) {
            boolean digits = true;
            for (int i = pos + 1; i < tagEnd && digits; i++) {
                digits = isDigit(sql.charAt(i));
            }
            if (digits) {
                pos = tagEnd;
                return token(PARAMETER);
            }
        } else if (tagEnd < length && sql.charAt(tagEnd) == '$') {
            ambiguities |= DOLLAR_QUOTES;
            if ((reading & DOLLAR_QUOTES) != 0) {
                int tagLength = tagEnd + 1 - pos;
                for (int i = tagEnd + 1; i + tagLength <= length; i++) {
                    if (sql.regionMatches(i, sql, pos, tagLength)) {
                        pos = i + tagLength;
                        return token(STRING);
                    }
                }
                pos = length;
                return token(OPAQUE);
            }
        }
        pos++;
        while (pos < length && isWordPart(sql.charAt(pos))) {
            pos++;
        }
        return token(WORD);
    }

    /** @return true when what follows is opaque (an executable or unterminated comment) */
    private boolean skipSpaceAndComments() {
        while (pos < length) {
            char c = sql.charAt(pos);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                pos++;
            } else if (c == '-' && pos + 1 < length && sql.charAt(pos + 1) == '-') {
                if (pos + 2 < length && sql.charAt(pos + 2) > ' ') {
                    ambiguities |= DASH_COMMENT_NEEDS_SPACE;
                    if ((reading & DASH_COMMENT_NEEDS_SPACE) != 0) {
                        return false; // MariaDB: two minus signs
                    }
                }
                skipLine();
            } else if (c == '#') {
                ambiguities |= HASH_COMMENTS;
                if ((reading & HASH_COMMENTS) == 0) {
                    return false; // PostgreSQL: an operator
                }
                skipLine();
            } else if (c == '/' && pos + 1 < length && sql.charAt(pos + 1) == '*') {
                if (sql.startsWith("!", pos + 2) || sql.startsWith("M!", pos + 2)) {
                    return true; // MariaDB runs what such a comment holds
                }
                int at = pos;
                if (!skipBlockComment()) {
                    pos = at;
                    return true;
                }
            } else {
                return false;
            }
        }
        return false;
    }

    private void skipLine() {
        while (pos < length && sql.charAt(pos) != '\n' && sql.charAt(pos) != '\r') {
            pos++;
        }
    }

    /** @return false when the comment does not end */
    private boolean skipBlockComment() {
        boolean nests = (reading & NESTED_COMMENTS) != 0;
        int depth = 1;
        pos += 2;
        while (pos < length) {
            if (sql.startsWith("*/", pos)) {
                pos += 2;
                if (--depth == 0) {
                    return true;
                }
            } else if (sql.startsWith("/*", pos)) {
                ambiguities |= NESTED_COMMENTS;
                pos += 2;
                if (nests) {
                    depth++;
                }
            } else {
                pos++;
            }
        }
        return false;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordStart(char c) {
        return c == '_' || Character.isLetter(c);
    }

    private static boolean isWordPart(char c) {
        return c == '_' || c == '$' || Character.isLetterOrDigit(c);
    }
}
