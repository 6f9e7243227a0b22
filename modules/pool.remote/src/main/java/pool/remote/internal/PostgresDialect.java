package pool.remote.internal;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.ZoneId;
import pool.api.spi.EverySession;
import pool.engine.internal.sql.ReadClassifier;
import pool.engine.internal.sql.Route;
import pool.engine.internal.sql.SqlLexer;
import pool.engine.internal.sql.TextCache;

/**
 * PostgreSQL through pgjdbc. pgjdbc ignores the fetch size in autocommit and reads a whole
 * result into memory; inside a transaction it reads batch by batch through a portal. So a
 * query that may outgrow one batch runs in an {@link ImplicitTransaction}, and a plain read
 * first runs read-only once ({@link #readOnlyOnce}). Its session keeps a time zone, which
 * pgjdbc set to its JVM's at connect.
 *
 * <p>The text is read with the engine's {@link SqlLexer} as PostgreSQL reads it (dollar
 * quotes, nested comments); whether a backslash escapes in {@code '...'} depends on
 * {@code standard_conforming_strings}, so where that matters both readings are taken and
 * the answer is yes only when both say yes. When in doubt the answer is no, which costs only
 * the streaming.
 */
final class PostgresDialect implements Dialect {

    private static final System.Logger LOG = System.getLogger("poold.remote");

    /** How PostgreSQL always reads; backslashes in literals depend on a setting. */
    private static final int READING = SqlLexer.DOLLAR_QUOTES | SqlLexer.NESTED_COMMENTS;

    /** What a statement's text is, from least to most: see {@link #kind}. */
    static final int OTHER = 0;
    static final int QUERY = 1;
    static final int PLAIN_READ = 2;

    /** {@link #kind} per text: asked on every execution in autocommit. */
    private final TextCache<Integer> kinds = new TextCache<>(PostgresDialect::kind);
    /** {@link #onlyReads} per text: asked on every execution of a pool with replicas. */
    private final TextCache<Boolean> reads = new TextCache<>(sql -> ReadClassifier.POSTGRES.route(sql) == Route.READ);

    @Override
    public boolean streamsOnlyInTransaction() {
        return true;
    }

    @Override
    public boolean readsOpenResultsBeforeNextStatement() {
        return false;
    }

    /**
     * A query: one statement that begins (after comments and parentheses) with SELECT, WITH,
     * VALUES or TABLE, or an INSERT, UPDATE, DELETE or MERGE with RETURNING. Anything else
     * runs as it is: some statements refuse a transaction block (VACUUM, CREATE DATABASE,
     * CREATE INDEX CONCURRENTLY), a procedure may commit itself (CALL, DO), SQL may control
     * the transaction itself (BEGIN, COMMIT), and pgjdbc does not stream several statements
     * in one string anyway.
     */
    @Override
    public boolean streamableQuery(String sql) {
        return kinds.get(sql) >= QUERY;
    }

    /**
     * A plain read: a query that is no INSERT, UPDATE, DELETE or MERGE, has none of those in
     * a WITH, does not lock rows (FOR UPDATE, FOR NO KEY UPDATE, FOR SHARE, FOR KEY SHARE)
     * and creates no table (SELECT INTO). Functions it calls may still write: the READ ONLY
     * transaction of {@link #readOnlyOnce} is what makes sure.
     */
    @Override
    public boolean plainRead(String sql) {
        return kinds.get(sql) == PLAIN_READ;
    }

    /**
     * {@code sql} wrapped to run in a READ ONLY transaction of its own that begins and
     * commits in the same database round trip: pgjdbc sends the three statements together.
     * What a plain read in autocommit does, except that a function that writes fails it
     * (SQLState 25006) instead of writing, and that its rows are the second of three results
     * (after BEGIN's).
     */
    @Override
    public String readOnlyOnce(String sql) {
        int end = sql.length();
        while (end > 0 && (Character.isWhitespace(sql.charAt(end - 1)) || sql.charAt(end - 1) == ';')) {
            end--;
        }
        // A line break after: the statement may end in a -- comment. None before: pgjdbc sends
        // each statement of the text on its own, so the application's SQL starts the second one
        // exactly, and the position of an error in it (a syntax error's) is the one it would get.
        return "BEGIN READ ONLY;" + sql.substring(0, end) + "\n;COMMIT";
    }

    @Override
    public boolean onlyReads(String sql) {
        return reads.get(sql);
    }

    /** pgjdbc numbers unnamed savepoints per connection from 0. */
    @Override
    public int unnamedSavepointId(int n, Savepoint savepoint) {
        return n;
    }

    /**
     * Sets the session's {@code TimeZone}, which decides {@code timestamptz} text,
     * {@code now()::timestamp} and casts between {@code timestamptz} and
     * {@code timestamp}/{@code date}. A zone the server does not know leaves the session as
     * it was: values still travel zone-free, only server-side conversions use the daemon's.
     */
    @Override
    public void applySessionZone(Connection c, ZoneId client) {
        String id = postgresZone(client.getId());
        String sql = "SET TIME ZONE '" + id.replace("'", "''") + "'";
        try {
            if (c.isWrapperFor(EverySession.class)) {
                // A routed connection: the zone must hold on the replica's session too, and a
                // plain SET would keep every read of the borrow on the primary.
                c.unwrap(EverySession.class).runOnEverySession(sql);
                return;
            }
            try (Statement st = c.createStatement()) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            LOG.log(Level.DEBUG, "PostgreSQL did not take the client's time zone {0}: {1}", id, e.getMessage());
        }
    }

    /**
     * pgjdbc's own translation of a JVM zone id for the server: Java's {@code GMT+05:30} is
     * POSIX's {@code GMT-05:30} (POSIX counts offsets west of Greenwich as positive).
     */
    static String postgresZone(String id) {
        if (id.length() <= 3 || !id.startsWith("GMT")) {
            return id;
        }
        char sign = id.charAt(3);
        if (sign == '+') {
            return "GMT-" + id.substring(4);
        }
        if (sign == '-') {
            return "GMT+" + id.substring(4);
        }
        return id;
    }

    /** @return {@link #OTHER}, {@link #QUERY} or {@link #PLAIN_READ}: the least any reading of the text gives */
    static int kind(String sql) {
        int kinds = SqlLexer.everyReading(sql, READING, SqlLexer.BACKSLASH_ESCAPES, l -> 1 << kind(sql, l));
        return Integer.numberOfTrailingZeros(kinds); // the least of them
    }

    private static int kind(String sql, SqlLexer l) {
        int t = l.next();
        while (t == SqlLexer.PUNCT && l.punct() == '(') {
            t = l.next();
        }
        if (t != SqlLexer.WORD) {
            return OTHER;
        }
        boolean query = l.isWord("select") || l.isWord("with") || l.isWord("values") || l.isWord("table");
        boolean change = !query && (l.isWord("insert") || l.isWord("update") || l.isWord("delete") || l.isWord("merge"));
        if (!query && !change) {
            return OTHER;
        }
        boolean writes = change;
        boolean returning = false;
        boolean afterFor = false;
        for (t = l.next(); t != SqlLexer.END; t = l.next()) {
            if (t == SqlLexer.OPAQUE) {
                return OTHER;
            }
            if (t == SqlLexer.PUNCT && l.punct() == ';') {
                while (t == SqlLexer.PUNCT && l.punct() == ';') {
                    t = l.next();
                }
                if (t != SqlLexer.END) {
                    return OTHER; // several statements
                }
                break;
            }
            boolean word = t == SqlLexer.WORD;
            if (word) {
                if (l.isWord("returning")) {
                    returning = true;
                } else if (l.isWord("insert") || l.isWord("update") || l.isWord("delete") || l.isWord("merge")
                        || l.isWord("into")
                        || afterFor && (l.isWord("share") || l.isWord("no") || l.isWord("key"))) {
                    writes = true; // a data-modifying WITH, SELECT INTO, a locking read
                }
            }
            afterFor = word && l.isWord("for");
        }
        if (change) {
            return returning ? QUERY : OTHER;
        }
        return writes ? QUERY : PLAIN_READ;
    }
}
