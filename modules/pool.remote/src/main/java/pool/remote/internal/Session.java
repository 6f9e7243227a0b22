package pool.remote.internal;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import pool.engine.internal.sql.TextCache;

/**
 * One connection a remote client has borrowed, with what it has open on it. Calls on a
 * session run one at a time under its lock; {@link #cancel()} deliberately does not
 * take the lock, it must reach a statement that is running under it.
 */
final class Session {

    private static final System.Logger LOG = System.getLogger("poold.remote");

    final long id;
    /** Whose session it is: usable only under the tickets of this login. */
    final Login login;
    /** The client's name for its connection, by which it cancels. */
    final long handle;
    final Connection connection;
    final ReentrantLock lock = new ReentrantLock();
    /**
     * The client gave this session back while a call of it was still running (a call that
     * outlived the client's network timeout): the call gives it back when it ends, so the
     * call that carried the release does not wait for it.
     */
    volatile boolean releaseAfterCall;

    /** Calls in progress; the lease reaper leaves a session alone while one runs. */
    private final AtomicInteger inFlight = new AtomicInteger();
    /** When the lease ends, in System.nanoTime(); moved on by calls, renewals and a stalled daemon's credit. */
    private final AtomicLong deadlineNanos = new AtomicLong();
    private volatile Statement running;

    // Guarded by lock.
    private boolean ended;
    private final Map<Long, Cursor> cursors = new HashMap<>();
    private long nextCursor = 1;
    /** The transaction's savepoints by id, in the order they were set. */
    private final Map<Integer, Savepoint> savepoints = new java.util.LinkedHashMap<>();
    /** Of those, the ids released or rolled back past: the driver answers a later use, they hold nothing. */
    private final java.util.LinkedHashSet<Integer> spentSavepoints = new java.util.LinkedHashSet<>();
    private int nextSavepoint = 1;
    /** The transaction the open cursor {@link #implicitCursor} runs in, the client being in autocommit; or null. */
    private ImplicitTransaction implicit;
    private long implicitCursor;
    /** Set when autocommit could not be restored after an implicit transaction: no further statement may run. */
    private SQLException unfit;
    /** What the sessions of one endpoint share. */
    final Shared shared;
    /** LOB parameters sent ahead of their statements. */
    final LobSpools lobs;
    /** How the client's date/time values are bound: set when the session opens. */
    ClientValues values = ClientValues.DAEMON;

    /**
     * What every session of one endpoint shares: the named column sets, and the pool's
     * dialect, chosen from its first connection's driver (one pool, one driver).
     */
    static final class Shared {
        final ColumnSets columnSets = new ColumnSets();
        /** Whether the pool has replicas: implicit transactions that only read may then go to one. */
        final boolean routes;
        /** The pool's dialect; null until its first connection is seen. */
        private volatile Dialect dialect;

        Shared() {
            this(false);
        }

        Shared(boolean routes) {
            this.routes = routes;
        }

        /** @return the pool's dialect, asked of the first connection's driver */
        Dialect dialect(Connection c) throws SQLException {
            Dialect d = dialect;
            if (d == null) {
                d = Dialect.ofDriver(c.getMetaData().getDriverName());
                dialect = d;
            }
            return d;
        }

        /**
         * By SQL text, the text an autocommit query without a fetch size runs as first
         * ({@link Dialect#readOnlyOnce}), or "" when it streams at once: at first a plain read
         * runs read-only once; one that outgrew a batch or wrote streams at once from then
         * on. The same few statements run over and over, so the wrapped text is made once per
         * statement, not per execution, in a table bounded by entries and characters.
         */
        private final TextCache<String> runFirstAs = new TextCache<>(sql -> {
            Dialect d = dialect; // set by dialect(Connection) before any statement runs
            return d.plainRead(sql) ? d.readOnlyOnce(sql) : "";
        });

        /** @return the text {@code sql} runs as first ({@link Dialect#readOnlyOnce}), or null when it streams at once */
        String readOnlyFirst(String sql) {
            String runAs = runFirstAs.get(sql);
            return runAs.isEmpty() ? null : runAs;
        }

        /** {@code sql} outgrew one batch or wrote when run read-only once: it streams at once from now on. */
        void streamFirst(String sql) {
            runFirstAs.put(sql, "");
        }
    }

    Session(long id, Login login, long handle, Connection connection, long leaseNanos) {
        this(id, login, handle, connection, leaseNanos, new Shared());
    }

    Session(long id, Login login, long handle, Connection connection, long leaseNanos, Shared shared) {
        this.id = id;
        this.login = login;
        this.handle = handle;
        this.connection = connection;
        this.deadlineNanos.set(System.nanoTime() + leaseNanos);
        this.shared = shared;
        this.lobs = new LobSpools(login.lobSpoolBytes);
    }

    void enter() {
        inFlight.incrementAndGet();
    }

    /** Ends a call and starts a fresh lease. */
    void exit(long leaseNanos) {
        deadlineNanos.set(System.nanoTime() + leaseNanos);
        inFlight.decrementAndGet();
    }

    void renew(long leaseNanos) {
        deadlineNanos.set(System.nanoTime() + leaseNanos);
    }

    /**
     * Moves the lease's end on by {@code nanos}: time the daemon stood still, when its client
     * could not renew. An add, so a renewal racing with it is kept (and credited too).
     */
    void credit(long nanos) {
        deadlineNanos.addAndGet(nanos);
    }

    boolean expired(long nowNanos) {
        return inFlight.get() == 0 && nowNanos - deadlineNanos.get() > 0;
    }

    boolean ended() {
        return ended;
    }

    void running(Statement statement) {
        running = statement;
    }

    /** Cancels the running statement, from any thread. */
    void cancel() {
        Statement s = running;
        if (s != null) {
            try {
                s.cancel();
            } catch (SQLException e) {
                LOG.log(Level.DEBUG, "cancel of session {0} failed: {1}", id, e.getMessage());
            }
        }
    }

    /**
     * Open result sets one session may hold: each pins a statement and driver buffers in
     * the daemon, and a client that never closes them must not exhaust it.
     */
    static final int MAX_CURSORS = 256;

    long addCursor(Cursor cursor) throws SQLException {
        if (cursors.size() >= MAX_CURSORS) {
            cursor.closeQuietly();
            throw new SQLException("more than " + MAX_CURSORS + " result sets open on one connection: close result sets"
                    + " (or read them to the end) before opening more", "54000");
        }
        long id = nextCursor++;
        cursors.put(id, cursor);
        return id;
    }

    Cursor cursor(long id) {
        return cursors.get(id);
    }

    /**
     * Closes a cursor; if it held an implicit transaction, that ends (commits).
     *
     * @throws SQLException when that commit failed: the statement did not take effect
     */
    void closeCursor(long id) throws SQLException {
        Cursor c = cursors.remove(id);
        if (c != null) {
            c.closeQuietly();
        }
        if (implicit != null && implicitCursor == id) {
            SQLException failed = finishImplicit();
            if (failed != null) {
                throw failed;
            }
        }
    }

    /** Closes a cursor whose reading failed with {@code cause}; its implicit transaction, if any, ends too. */
    void closeCursorAfter(long id, Throwable cause) {
        try {
            closeCursor(id);
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Sets every result the driver streams aside on disk ({@link SpilledRows}), before a
     * statement that would make the driver read them into the heap: MariaDB's reads the rest
     * of an open streaming result before it sends anything else on the connection.
     */
    void spillStreamingResults() throws SQLException {
        if (cursors.isEmpty() || !dialect().readsOpenResultsBeforeNextStatement()) {
            return;
        }
        for (Map.Entry<Long, Cursor> e : cursors.entrySet()) {
            if (e.getValue() instanceof Cursor.Streaming streaming) {
                e.setValue(SpilledRows.of(streaming, login.lobSpoolBytes, SpoolBudget.PER_LOGIN));
            }
        }
    }

    /**
     * Sets the rest of cursor {@code id}'s result aside on disk, to be read from there as before,
     * and hands its statement back to the caller, which moves it on to its next result.
     */
    void keepApart(long id, Cursor.Streaming streaming) {
        cursors.put(id, SpilledRows.keep(streaming, login.lobSpoolBytes, SpoolBudget.PER_LOGIN));
    }

    /** @return the pool's dialect */
    Dialect dialect() throws SQLException {
        return shared.dialect(connection);
    }

    /** Hands the session an implicit transaction that cursor {@code id} now runs in, to end when the cursor ends. */
    void holdImplicit(ImplicitTransaction transaction, long id) {
        implicit = transaction;
        implicitCursor = id;
    }

    /** @return the implicit transaction open on the connection, or null */
    ImplicitTransaction implicit() {
        return implicit;
    }

    /**
     * Ends the implicit transaction, if one is open, before an operation that must not run
     * inside it (another statement, a setter, commit, ...): the rest of its result is set
     * aside on disk ({@link SpilledRows}), so the client can still read it, and the
     * transaction commits. A failed
     * commit is reported to whoever reads that result next; the operation goes ahead.
     *
     * @throws SQLException when autocommit could not be restored (the operation must not run)
     */
    void settleImplicit() throws SQLException {
        if (implicit == null) {
            return;
        }
        long id = implicitCursor;
        if (cursors.get(id) instanceof Cursor.Streaming streaming) {
            cursors.put(id, SpilledRows.of(streaming, login.lobSpoolBytes, SpoolBudget.PER_LOGIN));
        }
        SQLException failed = finishImplicit();
        if (failed != null && cursors.containsKey(id)) {
            cursors.put(id, new Cursor.Buffered(new Object[0][], failed, 1)); // the rows read did not take effect
        }
    }

    private SQLException finishImplicit() throws SQLException {
        ImplicitTransaction t = implicit;
        implicit = null;
        implicitCursor = 0;
        return t.finish();
    }

    void unfit(SQLException why) {
        unfit = why;
    }

    /** @throws SQLException when the connection was left unfit for statements (see {@link #settleImplicit()}) */
    void checkFit() throws SQLException {
        if (unfit != null) {
            throw new SQLException("the connection could not be put back into autocommit mode after a streamed result: "
                    + unfit.getMessage() + "; close it", "08003", unfit);
        }
    }

    /** @return whether nothing is open on the connection that a release would cut off */
    boolean idle() {
        return cursors.isEmpty() && lobs.isEmpty();
    }

    /** Unnamed savepoints set in this session so far. */
    private int unnamedSavepoints;

    /**
     * @return the id the pool's driver gives an unnamed savepoint on a connection of its own:
     *         its count on the connection would depend on what earlier borrowers of the pooled
     *         connection did, so it counts per session, from where the driver starts
     */
    int unnamedSavepointId(Savepoint savepoint) throws SQLException {
        return dialect().unnamedSavepointId(unnamedSavepoints++, savepoint);
    }

    /**
     * Savepoints one transaction may hold set and neither released nor rolled back past: each is a
     * subtransaction in the database and an entry here until the transaction ends, and a client
     * setting them in a loop must not grow either without end.
     */
    static final int MAX_SAVEPOINTS = 1024;

    /**
     * Makes room for one more savepoint before it is set: forgets the oldest one released or rolled
     * back past when the session keeps {@link #MAX_SAVEPOINTS}.
     *
     * @throws SQLException (54000) when the transaction holds that many live savepoints
     */
    void roomForSavepoint() throws SQLException {
        if (savepoints.size() < MAX_SAVEPOINTS) {
            return;
        }
        java.util.Iterator<Integer> oldest = spentSavepoints.iterator();
        if (!oldest.hasNext()) {
            throw new SQLException("more than " + MAX_SAVEPOINTS + " savepoints set in one transaction on one"
                    + " connection, none of them released: release savepoints you no longer need, or end the"
                    + " transaction, before setting more", "54000");
        }
        savepoints.remove(oldest.next());
        oldest.remove();
    }

    int addSavepoint(Savepoint savepoint) {
        int id = nextSavepoint++;
        savepoints.put(id, savepoint);
        return id;
    }

    /** Savepoint {@code id} was released: it holds nothing in the database now. */
    void releasedSavepoint(int id) {
        if (savepoints.containsKey(id)) {
            spentSavepoints.add(id);
        }
    }

    /** The transaction rolled back to savepoint {@code id}: those set after it are gone in the database. */
    void rolledBackTo(int id) {
        for (Integer later : savepoints.keySet()) {
            if (later > id) {
                spentSavepoints.add(later);
            }
        }
    }

    Savepoint savepoint(int id) throws SQLException {
        Savepoint s = savepoints.get(id);
        if (s == null) {
            throw new SQLException("savepoint " + id + " does not exist on this connection (released or rolled back)",
                    "3B001");
        }
        return s;
    }

    void forgetSavepoints() {
        savepoints.clear();
        spentSavepoints.clear();
    }

    /**
     * Ends the session, caller holding the lock: closes cursors, rolls back an open
     * transaction, and gives the connection back to the pool. If the rollback fails the
     * connection is aborted instead, so a dirty connection is never handed on.
     */
    void end(Executor abortExecutor) {
        if (ended) {
            return;
        }
        ended = true;
        cursors.values().forEach(Cursor::closeQuietly);
        cursors.clear();
        lobs.freeAll();
        forgetSavepoints();
        if (implicit != null) {
            // The client's statement ran in autocommit as far as it knows: it stays.
            try {
                SQLException failed = finishImplicit();
                if (failed != null) {
                    LOG.log(Level.WARNING, "commit of the streamed autocommit statement of remote session {0} failed: {1}",
                            id, failed.getMessage());
                }
            } catch (SQLException e) {
                LOG.log(Level.WARNING, "remote session {0} could not switch autocommit back on: {1}", id,
                        e.getMessage()); // the rollback below covers it, and the pool's reset restores autocommit
            }
        }
        try {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "rollback of remote session {0} failed, aborting its connection: {1}", id,
                    e.getMessage());
            try {
                connection.abort(abortExecutor);
            } catch (SQLException | RuntimeException abortFailed) {
                LOG.log(Level.WARNING, "abort of remote session {0} failed: {1}", id, abortFailed.getMessage());
            }
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "returning the connection of remote session {0} failed: {1}", id, e.getMessage());
        }
    }
}
