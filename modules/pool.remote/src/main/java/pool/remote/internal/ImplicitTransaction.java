package pool.remote.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Pattern;
import pool.protocol.Op;

/**
 * A transaction the daemon begins around one query of a client whose connection is in
 * autocommit, where the driver streams a result only inside a transaction.
 *
 * <p>PostgreSQL's driver ignores the fetch size in autocommit and reads the whole result
 * into memory; a large result would then have to fit into the daemon's heap. Inside a
 * transaction it reads batch by batch through a portal. So a query that may return more
 * rows than one batch runs with autocommit switched off for it, and the transaction ends
 * when the statement would have ended in autocommit: when its result is read to the end or
 * closed, when the connection is released or its lease expires, or when the client sends
 * anything on the connection that must not run inside this transaction (then the rest of
 * the result is read into memory first, as drivers do in autocommit).
 *
 * <p>It ends with COMMIT, as the database ends an autocommit statement: PostgreSQL answers
 * COMMIT of a transaction that an error aborted with a rollback, so a statement that failed
 * (mid-stream too) leaves nothing behind, and one that succeeded stays, whatever happens to
 * the client afterwards. Then autocommit is switched back on. The read-only flag is lifted
 * for the transaction and restored after, because the driver would begin a read-only
 * connection's transaction READ ONLY where in autocommit it runs the statement as it is;
 * the isolation level is the connection's, as for an autocommit statement.
 *
 * <p>A plain read without a fetch size does not come here first: it runs as
 * {@link #readOnlyOnce} (see {@code StatementRunner}), and only if its result outgrows one
 * batch or it turns out to write does it run again here, to stream.
 */
final class ImplicitTransaction {

    private final Session session;
    private final Connection connection;
    private final boolean liftedReadOnly;

    private ImplicitTransaction(Session session, boolean liftedReadOnly) {
        this.session = session;
        this.connection = session.connection;
        this.liftedReadOnly = liftedReadOnly;
    }

    /**
     * @return whether {@code op} on this session needs a transaction to stream: a query
     *         that may return more rows than one batch, on a connection in autocommit whose
     *         driver streams only inside a transaction. Updates (no rows), calls (their OUT
     *         values are read at once) and generated keys (read whole) never do, nor does
     *         SQL that is not plainly a query (see {@link #isQuery}).
     */
    static boolean needed(Session session, Op.Execute op, int batch) throws SQLException {
        if (op.mode() == Op.Mode.UPDATE || op.kind() == Op.StatementKind.CALLABLE || op.keys() != null) {
            return false;
        }
        if (op.maxRows() > 0 && op.maxRows() <= batch) {
            return false; // one batch holds it all
        }
        return isQuery(op.sql()) && session.streamsOnlyInTransaction() && session.connection.getAutoCommit();
    }

    private static final Pattern RETURNING = Pattern.compile("\\breturning\\b", Pattern.CASE_INSENSITIVE);

    /**
     * Whether {@code sql} is one statement that returns rows and may run inside a
     * transaction block: it begins (after comments and parentheses) with SELECT, WITH,
     * VALUES or TABLE, or is an INSERT, UPDATE, DELETE or MERGE with RETURNING. Anything
     * else runs as it is: some statements refuse a transaction block (VACUUM, CREATE
     * DATABASE, CREATE INDEX CONCURRENTLY), a procedure may commit itself (CALL, DO), SQL
     * may control the transaction itself (BEGIN, COMMIT), and the driver does not stream
     * several statements in one string anyway. When in doubt the answer is no, which costs
     * only the streaming.
     */
    static boolean isQuery(String sql) {
        int n = sql.length();
        int end = endOfStatement(sql);
        if (sql.lastIndexOf(';', end - 1) >= 0) {
            return false; // several statements (or a semicolon in a literal: no streaming then)
        }
        int i = 0;
        while (i < end) {
            char ch = sql.charAt(i);
            if (Character.isWhitespace(ch) || ch == '(') {
                i++;
            } else if (sql.startsWith("--", i)) {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? end : eol + 1;
            } else if (sql.startsWith("/*", i)) {
                int depth = 1; // PostgreSQL's block comments nest
                i += 2;
                while (i < end && depth > 0) {
                    if (sql.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (sql.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                    } else {
                        i++;
                    }
                }
            } else {
                break;
            }
        }
        int start = i;
        while (i < end && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        switch (sql.substring(start, i).toLowerCase(Locale.ROOT)) {
            case "select":
            case "with":
            case "values":
            case "table":
                return true;
            case "insert":
            case "update":
            case "delete":
            case "merge":
                return RETURNING.matcher(sql).find();
            default:
                return false;
        }
    }

    /**
     * Whether {@code sql} only reads, as far as its text tells: a query (see
     * {@link #isQuery}) that is no INSERT, UPDATE, DELETE or MERGE with RETURNING, has
     * none of those in a WITH, does not lock rows (FOR UPDATE or SHARE) and creates no
     * table (SELECT INTO). Functions it calls may still write: {@link #readOnlyOnce} is what
     * makes sure.
     */
    static boolean isPlainRead(String sql) {
        return isQuery(sql) && !WRITES.matcher(sql).find();
    }

    private static final Pattern WRITES = Pattern.compile(
            "\\b(insert|update|delete|merge|into|for\\s+(update|share|no\\s+key|key))\\b", Pattern.CASE_INSENSITIVE);

    /**
     * {@code sql}, a plain read, wrapped to run in a READ ONLY transaction of its own that
     * begins and commits in the same database round trip: the driver sends the three
     * statements together. What a plain read in autocommit does, except that a function
     * that writes fails it (SQLState 25006) instead of writing, and that its results are
     * the second of three (after BEGIN's). The daemon reads at most one batch of it and runs
     * it again, streaming, when there is more: nothing it did needs undoing.
     */
    static String readOnlyOnce(String sql) {
        int end = endOfStatement(sql);
        // A line break after: the statement may end in a -- comment. None before: pgjdbc sends
        // each statement of the text on its own, so the application's SQL starts the second one
        // exactly, and the position of an error in it (a syntax error's) is the one it would get.
        return "BEGIN READ ONLY;" + sql.substring(0, end) + "\n;COMMIT";
    }

    /** @return where {@code sql} ends without its trailing whitespace and semicolons */
    private static int endOfStatement(String sql) {
        int end = sql.length();
        while (end > 0 && (Character.isWhitespace(sql.charAt(end - 1)) || sql.charAt(end - 1) == ';')) {
            end--;
        }
        return end;
    }

    /** SQLState of a write refused in a READ ONLY transaction. */
    static final String READ_ONLY_VIOLATION = "25006";

    /** Switches autocommit off (and read-only, if set) for one statement. */
    static ImplicitTransaction begin(Session session) throws SQLException {
        Connection connection = session.connection;
        boolean readOnly = connection.isReadOnly();
        connection.setAutoCommit(false);
        if (readOnly) {
            try {
                connection.setReadOnly(false);
            } catch (SQLException e) {
                try {
                    connection.setAutoCommit(true);
                } catch (SQLException restore) {
                    e.addSuppressed(restore);
                }
                throw e;
            }
        }
        return new ImplicitTransaction(session, readOnly);
    }

    /** @return whether the connection's read-only flag is lifted for this transaction (the client's value is true) */
    boolean liftedReadOnly() {
        return liftedReadOnly;
    }

    /**
     * Ends the transaction (COMMIT; a rollback if that fails) and restores autocommit and
     * read-only.
     *
     * @return why the commit failed (the statement did not take effect), or null
     * @throws SQLException when autocommit could not be switched back on: the connection is
     *                      not fit for a next statement, and the session refuses them
     */
    SQLException finish() throws SQLException {
        SQLException failed = null;
        try {
            connection.commit();
        } catch (SQLException e) {
            failed = e;
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
        }
        try {
            if (liftedReadOnly) {
                connection.setReadOnly(true);
            }
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            if (failed != null) {
                e.addSuppressed(failed);
            }
            session.unfit(e);
            throw e;
        }
        return failed;
    }

    /** Ends the transaction after {@code cause} failed the statement; whatever fails here is added to it. */
    void finishAfter(Throwable cause) {
        try {
            SQLException failed = finish();
            if (failed != null) {
                cause.addSuppressed(failed);
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
