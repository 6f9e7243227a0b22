package pool.engine.internal.sql;

import java.util.Set;

/**
 * What running a piece of SQL may leave behind in the database session beyond its
 * transaction, as far as its text tells: the question reset-on-return asks. The answer
 * errs on the side of a reset: a statement is known harmless only when it is a plain
 * query or data change that calls no session function, and anything unfamiliar is taken
 * to change the session.
 *
 * <p>{@link #SESSION}, for any statement of the text that
 * <ul>
 *   <li>does not start with SELECT, INSERT, UPDATE, DELETE, MERGE, REPLACE, WITH,
 *       VALUES, TABLE, SHOW, TRUNCATE, NOTIFY, a cursor's DECLARE (not WITH HOLD),
 *       FETCH, MOVE or CLOSE, or a transaction's BEGIN, START TRANSACTION, COMMIT, END,
 *       ROLLBACK, ABORT, SAVEPOINT or RELEASE: so SET, RESET, PREPARE, DEALLOCATE,
 *       LISTEN, UNLISTEN, DISCARD, DO, CALL, LOCK, USE, CREATE (TEMP or not), JDBC's
 *       {@code {call ...}} and everything else;</li>
 *   <li>calls a function that changes the session: {@code set_config}, the session-level
 *       advisory locks ({@code pg_advisory_lock}, {@code pg_try_advisory_lock} and their
 *       {@code _shared} and unlock forms, not the {@code _xact_} ones), {@code setseed},
 *       {@code dblink_connect}, MariaDB's {@code GET_LOCK}, {@code RELEASE_LOCK},
 *       {@code RELEASE_ALL_LOCKS}, H2's {@code SET(@v, x)};</li>
 *   <li>assigns a user variable ({@code @x := ...}, {@code ... INTO @x});</li>
 *   <li>names a temporary object ({@code TEMP}, {@code TEMPORARY}, {@code pg_temp}:
 *       {@code SELECT ... INTO TEMP t} creates one);</li>
 *   <li>holds text whose meaning cannot be read: an unterminated literal or comment, or
 *       one of MariaDB's executable comments.</li>
 * </ul>
 * {@link #TRANSACTION}: a statement that begins or ends a transaction itself, which in
 * autocommit may leave one open that the pool did not see begin.
 *
 * <p>Function calls hidden in views, triggers and user functions are not seen; nor are
 * functions this list does not name.
 *
 * <p>Servers read some text differently (see {@link SqlLexer}'s readings). The text is
 * read under every combination of the readings it is ambiguous under, and the effects of
 * all of them count: a statement hidden in a literal under one reading is found under
 * another.
 */
public final class SessionEffects {

    /** The session may have changed: reset it before the connection is handed on. */
    public static final int SESSION = 1;
    /** SQL began or ended a transaction itself. */
    public static final int TRANSACTION = 2;

    private static final Set<String> SESSION_FUNCTIONS = Set.of(
            "set_config", "setseed",
            "pg_advisory_lock", "pg_advisory_lock_shared", "pg_try_advisory_lock", "pg_try_advisory_lock_shared",
            "pg_advisory_unlock", "pg_advisory_unlock_shared", "pg_advisory_unlock_all",
            "dblink_connect", "dblink_connect_u",
            "get_lock", "release_lock", "release_all_locks",
            "set");

    private SessionEffects() {
    }

    /** @return the effects of {@code sql}: 0, or {@link #SESSION} and/or {@link #TRANSACTION} */
    public static int of(String sql) {
        return of(sql, 0, SqlLexer.ALL_READINGS);
    }

    /**
     * The effects of {@code sql} on a server whose readings are partly known: the text is read
     * with the {@code fixed} reading flags always set, and under every combination of the
     * {@code open} flags it is ambiguous under (flags in neither are always off).
     *
     * @param fixed the {@link SqlLexer} reading flags the server is known to follow
     * @param open  the reading flags that depend on settings the text does not show
     * @return 0, or {@link #SESSION} and/or {@link #TRANSACTION}
     */
    public static int of(String sql, int fixed, int open) {
        return SqlLexer.everyReading(sql, fixed, open, SessionEffects::read);
    }

    /** The effects of every statement of the text under the lexer's reading. */
    private static int read(SqlLexer l) {
        int effects = 0;
        int t = l.next();
        while (t != SqlLexer.END) {
            if (t == SqlLexer.PUNCT && l.punct() == ';') {
                t = l.next(); // an empty statement
                continue;
            }
            effects |= statement(l);
            t = l.type();
        }
        return effects;
    }

    /**
     * Reads one statement, from its first token (current) up to its {@code ;} or the end,
     * and leaves the lexer on that {@code ;} or END.
     */
    private static int statement(SqlLexer l) {
        int t = l.type();
        while (t == SqlLexer.PUNCT && l.punct() == '(') {
            t = l.next(); // (SELECT ...) UNION (SELECT ...)
        }
        int effects;
        boolean declare = false;
        if (t != SqlLexer.WORD) {
            effects = SESSION; // {call ...}, a variable, a literal: not a statement we know
        } else if (l.isWord("select") || l.isWord("insert") || l.isWord("update") || l.isWord("delete")
                || l.isWord("merge") || l.isWord("replace") || l.isWord("with") || l.isWord("values")
                || l.isWord("table") || l.isWord("show") || l.isWord("truncate") || l.isWord("notify")
                || l.isWord("fetch") || l.isWord("move") || l.isWord("close")) {
            effects = 0;
        } else if (l.isWord("declare")) {
            effects = 0;
            declare = true; // a cursor; one WITH HOLD outlives the transaction
        } else if (l.isWord("commit") || l.isWord("rollback") || l.isWord("end") || l.isWord("abort")
                || l.isWord("savepoint") || l.isWord("release")) {
            effects = TRANSACTION;
        } else if (l.isWord("begin")) {
            t = l.next();
            // MariaDB's BEGIN NOT ATOMIC ... END is a block of statements, not a transaction.
            effects = t == SqlLexer.WORD && l.isWord("not") ? SESSION : TRANSACTION;
            return effects | rest(l, false);
        } else if (l.isWord("start")) {
            t = l.next();
            effects = t == SqlLexer.WORD && l.isWord("transaction") ? TRANSACTION : SESSION;
            return effects | rest(l, false);
        } else {
            effects = SESSION;
        }
        l.next();
        return effects | rest(l, declare);
    }

    /** Scans the rest of a statement from the current token for what changes the session. */
    private static int rest(SqlLexer l, boolean declare) {
        int effects = 0;
        int previous = SqlLexer.END; // the token before, reduced to what matters below
        for (int t = l.type(); t != SqlLexer.END && !(t == SqlLexer.PUNCT && l.punct() == ';'); t = l.next()) {
            int now = OTHER;
            if (t == SqlLexer.OPAQUE || t == SqlLexer.QUOTED && l.unicodeEscaped()) {
                // Unreadable, or an identifier spelt with escapes (PostgreSQL's U&"..."): it
                // could name anything.
                effects |= SESSION;
            } else if (t == SqlLexer.PUNCT) {
                char c = l.punct();
                if (c == '(' && previous == SESSION_FUNCTION) {
                    effects |= SESSION;
                } else if (c == ':' && previous == SqlLexer.VARIABLE) {
                    now = COLON_AFTER_VARIABLE;
                } else if (c == '=' && previous == COLON_AFTER_VARIABLE) {
                    effects |= SESSION; // @x := ...
                }
            } else if (t == SqlLexer.VARIABLE) {
                if (previous == INTO) {
                    effects |= SESSION; // SELECT ... INTO @x
                }
                now = SqlLexer.VARIABLE;
            } else if (t == SqlLexer.WORD || t == SqlLexer.QUOTED) {
                if (isSessionFunction(l)) {
                    now = SESSION_FUNCTION;
                } else if (l.isWord("into")) {
                    now = INTO;
                } else if (l.isWord("temp") || l.isWord("temporary") || l.namesPrefix("pg_temp")
                        || declare && l.isWord("hold")) {
                    effects |= SESSION; // a temporary object, a cursor WITH HOLD
                }
            }
            previous = now;
        }
        return effects;
    }

    // What rest() remembers of the token before (beside SqlLexer.VARIABLE).
    private static final int OTHER = -1;
    private static final int SESSION_FUNCTION = -2;
    private static final int INTO = -3;
    private static final int COLON_AFTER_VARIABLE = -4;

    private static boolean isSessionFunction(SqlLexer l) {
        for (String f : SESSION_FUNCTIONS) {
            if (l.names(f)) {
                return true;
            }
        }
        return false;
    }
}
