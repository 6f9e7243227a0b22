package pool.routing.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pool.api.BorrowRequest;
import pool.api.PoolSaturatedException;
import pool.api.PoolTimeoutException;
import pool.api.ReplicaStats;
import pool.api.Replicas;
import pool.api.TenantRejectedException;
import pool.api.spi.EverySession;
import pool.api.spi.FatalErrors;
import pool.api.spi.Redaction;
import pool.engine.internal.sql.Route;
import pool.routing.internal.replica.Position;
import pool.routing.internal.replica.ReplicaServer;

/**
 * The connection a routing pool hands out. It holds at most one primary and one replica
 * connection, each borrowed from its server's engine pool when first needed and kept until
 * {@link Connection#close()}, and sends every statement to one of them:
 * <ul>
 *   <li>In a transaction (autocommit off), everything goes to the one connection the
 *       transaction began on: a replica when the connection is read-only, else the primary.</li>
 *   <li>In autocommit, a statement that changes the session ({@link Route#SESSION}) goes to
 *       the primary and the connection stays there for the rest of the borrow; after that,
 *       and for writes and statements the classifier is unsure of, the primary.</li>
 *   <li>Explicit intent wins: a read-only connection (setReadOnly(true) or a read-only borrow)
 *       reads from a replica whatever the statement.</li>
 *   <li>Reads go to a usable replica ({@link pool.routing.internal.replica.ReplicaChooser}),
 *       to the primary while the session must read its own write ({@link ReadAfterWrite}),
 *       and, with no usable replica, to the primary or nowhere ({@code whenNoReplica}).</li>
 * </ul>
 * A read in autocommit (or a read-only transaction's first statement) whose replica connection
 * fails with a connection error runs again elsewhere: the caller sees no failure. The replica
 * is checked at once and goes down only if the check (or a connect) fails; one lost connection
 * says nothing of its server. Connection settings
 * (isolation, schema, catalog, holdability, network timeout, client info) are applied to both
 * connections, the second when it is taken.
 *
 * <p>JDBC connections are not shared between threads while in use; the state here is guarded
 * by this object's monitor all the same, since a statement's cancel may come from another thread.
 */
final class LogicalConnection implements InvocationHandler {

    private final RoutingPool pool;
    private final BorrowRequest request;
    private final Connection proxy;
    private final ReadAfterWrite readAfterWrite;
    /** Connection setters (by name and key) applied to every physical connection taken. */
    private final Map<String, Object[]> settings = new LinkedHashMap<>();
    /** Statements run on every physical connection taken ({@link EverySession}), in order. */
    private final List<String> sessionSql = new ArrayList<>(1);
    private final Map<String, Method> setters = new LinkedHashMap<>();

    private Physical primary;
    private Physical replica;
    /**
     * Replica connections reads no longer go to (their replica left the rotation, or another
     * took over) whose statements are still open: the application may be reading a result set
     * there. Each goes back to its pool when its last statement closes, or with the borrow.
     */
    private final List<Physical> retired = new ArrayList<>(0);
    /** A replica whose connection failed under this borrow, and how many checks it had had then. */
    private record Avoided(ReplicaServer server, long checksThen) {
    }

    /** Replicas this borrow's reads avoid until their next check ({@link #lost}). */
    private final List<Avoided> avoided = new ArrayList<>(0);
    /** Why the last read found no replica although one was up (busy), for the error message. */
    private String busy;
    /**
     * Until when (System.nanoTime) reads go to the primary without asking the replicas again:
     * set when every replica was busy and a read fell back, so that the next reads of the borrow
     * do not each wait out the short bound before doing the same.
     */
    private long replicasBusyUntil;
    /** The connection the current transaction runs on, or null. */
    private Physical transaction;
    private boolean transactionWrote;
    /**
     * The transaction's first statement is the one running now: nothing ran in it before, so
     * when its replica connection turns out dead, it may open again elsewhere.
     */
    private boolean transactionFresh;
    private boolean autoCommit;
    private boolean readOnly;
    /**
     * The connection the last statement was routed to: it answers {@code getWarnings()}, as the
     * session the application's last statement ran in would (MariaDB's driver asks the server
     * with SHOW WARNINGS, which tells of that session's last statement only).
     */
    private Physical lastRan;
    /**
     * The replica connection a session change ran on, inside a read-only transaction there:
     * while the connection stays read-only its statements run there, where that state is.
     */
    private Physical pinned;
    /** Set by a statement that changed the session: the primary serves everything from then on. */
    private boolean sticky;
    private boolean closed;
    /** While an async read-intent borrow takes its first connection: the line it waits in, which the application may end. */
    private BorrowLine line;

    private LogicalConnection(RoutingPool pool, BorrowRequest request, boolean autoCommit, boolean readOnly) {
        this.pool = pool;
        this.request = request;
        this.autoCommit = autoCommit;
        this.readOnly = readOnly;
        this.readAfterWrite = new ReadAfterWrite(pool.settings(), pool.probe());
        this.proxy = (Connection) Proxy.newProxyInstance(LogicalConnection.class.getClassLoader(),
                new Class<?>[] {Connection.class, EverySession.class}, this);
    }

    /** A read-write borrow over its primary connection (given back if this fails). */
    static Connection over(RoutingPool pool, BorrowRequest request, Connection primaryConnection) throws SQLException {
        try {
            Physical p = new Physical(primaryConnection, null);
            LogicalConnection c = new LogicalConnection(pool, request, p.autoCommit, p.readOnly);
            c.primary = p;
            return c.proxy;
        } catch (SQLException | RuntimeException e) {
            try {
                primaryConnection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** A read-only borrow over replica {@code s}'s connection, taken already ({@code tryBorrow}); given back if this fails. */
    static Connection overReplica(RoutingPool pool, ReplicaServer s, Connection replicaConnection) throws SQLException {
        s.acquired();
        Physical p = null;
        try {
            p = new Physical(replicaConnection, s);
            LogicalConnection c = new LogicalConnection(pool, BorrowRequest.DEFAULT, pool.config().defaultAutoCommit(), true);
            c.replica = p;
            return c.proxy;
        } catch (SQLException | RuntimeException e) {
            giveBack(s, replicaConnection, p, e);
            throw e;
        }
    }

    /**
     * Gives back a replica connection whose set-up as a {@link Physical} failed: through
     * {@code p} when it was made (which counts the release), else straight to its pool.
     *
     * @param failure the set-up's failure, which a failed close is added to
     */
    private static void giveBack(ReplicaServer s, Connection c, Physical p, Exception failure) {
        if (p != null) {
            p.release();
            return;
        }
        s.released();
        try {
            c.close();
        } catch (SQLException | RuntimeException closing) {
            failure.addSuppressed(closing);
        }
    }

    /** A read-only borrow: a replica's connection taken now (or the primary's, per whenNoReplica). */
    static Connection readOnly(RoutingPool pool, BorrowRequest request) throws SQLException {
        return readOnly(pool, request, null);
    }

    /**
     * As {@link #readOnly(RoutingPool, BorrowRequest)}, waiting for the part pools in {@code line}
     * (an async borrow's, which the application may end), or blocking when it is null.
     */
    static Connection readOnly(RoutingPool pool, BorrowRequest request, BorrowLine line) throws SQLException {
        LogicalConnection c = new LogicalConnection(pool, request, pool.config().defaultAutoCommit(), true);
        synchronized (c) {
            c.line = line;
            try {
                c.readTarget(); // its reads are counted as its statements run, not the borrow itself
            } finally {
                c.line = null; // later borrows (a first write) block, as on a plain connection
            }
        }
        return c.proxy;
    }

    /** @return a connection of {@code from}, waited for in the async borrow's line while there is one */
    private Connection borrowFrom(pool.api.ConnectionPool from, BorrowRequest r) throws SQLException {
        return line == null ? from.borrow(r) : line.borrow(from, r);
    }

    Connection proxy() {
        return proxy;
    }

    // ---- routing -------------------------------------------------------------------------

    /**
     * @param sql        the statement's text, or null when it has none to read (a batch, a
     *                   callable's creation)
     * @param forceWrite the caller writes whatever the text (executeUpdate, batches)
     * @return the connection the statement runs on, in the logical connection's modes
     */
    synchronized Physical route(String sql, boolean forceWrite) throws SQLException {
        checkOpen();
        Route r = sql == null ? Route.WRITE : pool.routes().get(sql);
        if (forceWrite) {
            r = r.worst(Route.WRITE);
        }
        boolean session = r == Route.SESSION;
        Physical p;
        boolean opened = false;
        if (!autoCommit) {
            if (transaction == null) {
                transaction = transactionTarget();
                transactionWrote = false;
                opened = true;
            }
            transactionFresh = opened;
            p = transaction;
            if (p.isPrimary() && r != Route.READ) {
                transactionWrote = true;
            }
        } else if (pinnedLive()) {
            p = pinned;
        } else if (sticky || session || r != Route.READ && !readOnly) {
            p = primary();
            if (r != Route.READ) {
                readAfterWrite.wrote();
            }
        } else {
            p = readTarget();
        }
        try {
            sync(p);
        } catch (SQLException e) {
            p = failOver(p, e, opened);
        }
        lastRan = p;
        if (session) {
            // The session's state now lives where the statement runs: the connection's next
            // statements must run there too.
            if (p.isPrimary()) {
                sticky = true;
            } else {
                pinned = p;
            }
        }
        return p;
    }

    /** The connection a transaction opens on: see the class comment. */
    private Physical transactionTarget() throws SQLException {
        if (pinnedLive()) {
            return pinned;
        }
        return readOnly && !sticky ? readTarget() : primary();
    }

    /**
     * @return whether the connection's statements run on {@link #pinned}: while it is held and
     *         the connection read-only. Once the connection is read-write (its writes need the
     *         primary) or the replica connection is gone, the primary serves everything, as
     *         after a session change made there.
     */
    private boolean pinnedLive() {
        if (pinned == null) {
            return false;
        }
        if (!pinned.released && readOnly && pinned == replica) {
            return true;
        }
        pinned = null;
        sticky = true;
        return false;
    }

    /**
     * Setting {@code p}'s modes failed with {@code e} before anything ran on it. When it is a
     * replica's connection that died (a MariaDB connection sends its autocommit change, so a
     * read after a read-only transaction finds the death here, not at the statement), the
     * replica is marked down and the read goes where a read failing there would go; a
     * transaction that opened on it in this same call opens on that connection instead.
     *
     * @param opened whether {@code p} became the transaction in this route
     */
    private Physical failOver(Physical p, SQLException e, boolean opened) throws SQLException {
        boolean fresh = opened && p == transaction;
        if (fresh) {
            transaction = null; // nothing ran in it: it may move
        }
        if (!replicaGone(p, e)) {
            if (fresh) {
                transaction = p;
            }
            throw e;
        }
        Physical next = readTarget();
        if (fresh) {
            transaction = next;
        }
        sync(next);
        return next;
    }

    /**
     * A write {@link #route} sent to {@code p} has ended (succeeded or failed). Read-your-writes
     * counts from here too: a window opened when a long write began may have closed before it
     * ended, and a batch's statements run at executeBatch, not at the addBatch that routed them.
     */
    synchronized void wroteOn(Physical p) {
        if (autoCommit && p.isPrimary() && !closed) {
            readAfterWrite.wrote();
        }
    }

    /** @return whether {@code sql}, in autocommit, would be no plain read */
    boolean writes(String sql) {
        return sql == null || pool.routes().get(sql) != Route.READ;
    }

    /** A batch already routed holds {@code sql} too: a session change in it keeps the connection on the primary. */
    synchronized void batched(String sql) {
        if (pool.routes().get(sql) == Route.SESSION) {
            sticky = true;
        }
    }

    /** The connection a read goes to: see the class comment. */
    private Physical readTarget() throws SQLException {
        Object[] isolation = settings.get("setTransactionIsolation");
        if (!pool.replicasServe(isolation == null ? null : (Integer) isolation[0])) {
            return primary(); // the replica would refuse the read: the level needs the primary
        }
        // The primary's position is asked on its connection only in autocommit: inside a
        // transaction of its own the query would open one and leave it open.
        if (primary != null && readAfterWrite.primaryOnly(primary.connection, primary.autoCommit)) {
            return primary();
        }
        Position mustReach = readAfterWrite.mustReach();
        if (replica != null) {
            if (replica.replica.usable() && (mustReach == null || replayed(replica, mustReach))) {
                readAfterWrite.reached();
                return replica;
            }
            if (replica != null && !replica.replica.usable()) { // (replayed gives back a connection it found dead)
                retire(replica);
            }
        }
        boolean toPrimary = mustReach != null || pool.settings().whenNoReplica() == Replicas.WhenNoReplica.PRIMARY;
        if (toPrimary && replicasBusyUntil != 0 && System.nanoTime() - replicasBusyUntil < 0) {
            return primary();
        }
        busy = null;
        boolean noFallback = !toPrimary;
        Duration timeout = request.timeout() == null ? pool.primary().liveSettings().borrowTimeout() : request.timeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        // Each busy replica is asked once per read, within the borrow's timeout in all.
        List<ReplicaServer> passedOver = avoidedNow();
        for (ReplicaServer s = pool.chooser().pick(mustReach, passedOver); s != null;
                s = pool.chooser().pick(mustReach, passedOver)) {
            if (replica != null && replica.replica == s) {
                readAfterWrite.reached();
                return replica;
            }
            List<ReplicaServer> asked = new ArrayList<>(passedOver);
            asked.add(s);
            long left = deadline - System.nanoTime();
            if (left <= 0 && !passedOver.isEmpty()) {
                break;
            }
            // With no primary to fall back on, the last replica left may take what remains of the timeout.
            boolean lastResort = noFallback && !pool.chooser().anyLeft(mustReach, asked);
            Physical taken = take(s, Duration.ofNanos(Math.max(0, left)), lastResort);
            if (taken != null) {
                if (replica != null) {
                    retire(replica);
                }
                replica = taken;
                readAfterWrite.reached();
                return taken;
            }
            passedOver = asked;
        }
        if (toPrimary) {
            if (busy != null) {
                replicasBusyUntil = System.nanoTime() + shortWait().toNanos();
            }
            return primary();
        }
        throw new SQLException("pool '" + pool.name() + "': no replica takes reads now (" + replicaStates()
                + (busy == null ? "" : "; " + busy) + ") and whenNoReplica is \"fail\"", "08001");
    }

    /** @return how long a read with a fallback waits for a replica's connection: twice the check interval, at least 1 s */
    private Duration shortWait() {
        Duration bound = pool.settings().checkInterval().multipliedBy(2);
        return bound.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : bound;
    }

    /** @return whether the held replica has replayed {@code target}, asking it when its last check says not yet */
    private boolean replayed(Physical r, Position target) {
        Position known = r.replica.position();
        if (known != null && known.reaches(target)) {
            return true;
        }
        if (pool.probe() == null) {
            return false;
        }
        try {
            Position now = pool.probe().replayPosition(r.connection);
            r.replica.advancedTo(now);
            return now.reaches(target);
        } catch (SQLException e) {
            if (FatalErrors.isFatal(e)) {
                lost(r.replica);
                release(r);
            }
            return false;
        }
    }

    /**
     * Borrows a connection of replica {@code s}, waiting at most twice the check interval (at
     * least 1 s): a replica that cannot hand one out that soon is passed over for another or
     * the primary rather than making the read wait.
     *
     * @param wait       what remains of the borrow's timeout
     * @param lastResort no primary or other replica to fall back on (whenNoReplica="fail"):
     *                   wait all of {@code wait}, not only the short bound that keeps a fallback quick
     * @return the connection, or null when none could be had
     */
    private Physical take(ReplicaServer s, Duration wait, boolean lastResort) throws BorrowLine.Ended {
        Duration bound = shortWait();
        if (!lastResort && wait.compareTo(bound) > 0) {
            wait = bound;
        }
        Connection c;
        try {
            c = borrowFrom(s.pool(), request.withTimeout(wait));
        } catch (BorrowLine.Ended e) {
            throw e; // the application ended the borrow: neither busy nor down, and nothing else is asked
        } catch (SQLException e) {
            if (serverFailed(e) || s.pool().stats().total() == 0) {
                pool.monitor().readerFound(s, "cannot connect: " + Redaction.mask(String.valueOf(e.getMessage())));
            } else {
                busy = s.name() + " busy: no connection free within " + wait.toMillis() + " ms";
            }
            return null;
        }
        s.acquired();
        Physical p = null;
        try {
            p = new Physical(c, s);
            applySettings(p);
            return p;
        } catch (SQLException | RuntimeException e) {
            // Given back, never kept: the session's settings did not take there (or it broke).
            giveBack(s, c, p, e);
            if (e instanceof SQLException q && FatalErrors.isFatal(q)) {
                lost(s);
            } else {
                busy = s.name() + " refused this connection's session settings"
                        + (e instanceof SQLException q ? " (SQLState " + q.getSQLState() + ")" : "");
            }
            return null;
        }
    }

    /**
     * Whether a failed borrow says something about the server. The pool's own refusals (busy
     * until the wait ran out, too many waiting, a tenant at its max) carry connection-class
     * SQL states but only say the replica is busy; a timeout caused by failing connects says
     * what its cause says.
     */
    private static boolean serverFailed(SQLException e) {
        if (e instanceof PoolTimeoutException || e instanceof PoolSaturatedException
                || e instanceof TenantRejectedException) {
            return e.getCause() instanceof SQLException cause && FatalErrors.isFatal(cause);
        }
        return FatalErrors.isFatal(e);
    }

    private Physical primary() throws SQLException {
        if (primary == null) {
            Connection c = borrowFrom(pool.primary(), request);
            try {
                Physical p = new Physical(c, null);
                applySettings(p);
                primary = p;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.close(); // given back, never kept: the statement that needed it fails
                } catch (SQLException | RuntimeException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
        }
        return primary;
    }

    /**
     * The replicas' states for a borrower's error. A down replica's reason is left out: it is
     * the driver's text, which names the replica's address, and a remote client must not learn
     * it; the Replica MBean, {@code poolctl status} and the log give it to the operator.
     */
    private String replicaStates() {
        StringBuilder b = new StringBuilder();
        for (ReplicaServer r : pool.replicas()) {
            b.append(b.isEmpty() ? "" : ", ").append(r.name()).append(": ").append(r.state());
            if (r.state() == ReplicaStats.State.LAGGING && r.reason() != null) {
                b.append(" (").append(r.reason()).append(')');
            }
        }
        return b.toString();
    }

    /** Brings a physical connection's autocommit and read-only modes to the logical connection's. */
    private void sync(Physical p) throws SQLException {
        if (p.autoCommit != autoCommit) {
            p.connection.setAutoCommit(autoCommit);
            p.autoCommit = autoCommit;
        }
        // A replica's session is made read-only too: a write sent there by explicit read intent
        // must be refused as on a plain read-only connection even where the server takes writes
        // (a MariaDB replica without read_only), never applied to the replica. It stays so until
        // given back (reads only follow), sparing a round trip per switch.
        if (p.readOnly != readOnly && (p.isPrimary() || readOnly)) {
            p.connection.setReadOnly(readOnly);
            p.readOnly = readOnly;
        }
    }

    private void applySettings(Physical p) throws SQLException {
        for (Map.Entry<String, Object[]> e : settings.entrySet()) {
            invokeSql(setters.get(e.getKey()), p.connection, e.getValue());
        }
        for (String sql : sessionSql) {
            run(p, sql);
        }
    }

    private static void run(Physical p, String sql) throws SQLException {
        try (Statement s = p.connection.createStatement()) {
            s.execute(sql);
        }
    }

    /** {@link EverySession#runOnEverySession}: on the connections held now and on each taken later. */
    private synchronized void runOnEverySession(String sql) throws SQLException {
        checkOpen();
        for (Physical p : new Physical[] {primary, replica}) {
            if (p != null) {
                try {
                    run(p, sql);
                } catch (SQLException e) {
                    if (!replicaGone(p, e)) {
                        throw e;
                    }
                }
            }
        }
        sessionSql.add(sql);
    }

    /**
     * Whether {@code e}, thrown by {@code p} while a session setting was applied to every held
     * connection, is the death of the replica connection: then the replica is marked down and
     * the connection given back, and the caller goes on (the setting is kept for the next
     * replica connection taken), as a read on it would fail over. The application did not ask
     * for the replica and must not see its failure; a transaction running there is not left.
     */
    private boolean replicaGone(Physical p, Throwable e) {
        if (p != replica || p == transaction || !(e instanceof SQLException q) || !FatalErrors.isFatal(q)) {
            return false;
        }
        lost(p.replica);
        release(p);
        return true;
    }

    /**
     * A statement on {@code p} failed with {@code e}. When {@code p} is a replica's connection
     * in autocommit and the failure is the connection's, the replica is marked down, the
     * connection given back, and the caller runs the statement again on a new route.
     *
     * @return whether to run it again
     */
    synchronized boolean failedOver(Physical p, SQLException e) {
        // A read-only transaction whose first statement finds its replica connection dead (held
        // since an earlier read, it died meanwhile) has run nothing there: it opens again
        // elsewhere, as a plain pool's validated connection would not have failed.
        boolean fresh = transaction == p && transactionFresh;
        if (p.replica == null || (transaction != null || !autoCommit) && !fresh || closed || !FatalErrors.isFatal(e)) {
            return false;
        }
        if (fresh) {
            transaction = null;
            transactionFresh = false;
        }
        lost(p.replica);
        if (replica == p) {
            release(p);
        }
        return true;
    }

    /**
     * A connection of {@code s} this borrow held or was handed failed. That alone does not take
     * the replica out for everyone (only a failed connect or a failed check does): a check runs
     * at once, and until it has run this connection's reads go elsewhere, since the rest of the
     * replica's pool may be as dead as this one if the server went away.
     */
    private void lost(ReplicaServer s) {
        avoided.removeIf(a -> a.server() == s);
        avoided.add(new Avoided(s, s.checks()));
        pool.monitor().readerLost(s);
    }

    /** @return the replicas this connection lost a connection of, and that no check has seen since */
    private List<ReplicaServer> avoidedNow() {
        if (avoided.isEmpty()) {
            return List.of();
        }
        avoided.removeIf(a -> a.server().checks() != a.checksThen());
        List<ReplicaServer> out = new ArrayList<>(avoided.size());
        for (Avoided a : avoided) {
            out.add(a.server());
        }
        return out;
    }

    private void release(Physical p) {
        if (p == replica) {
            replica = null;
        }
        if (p == primary) {
            primary = null;
        }
        p.release();
    }

    /**
     * Reads go elsewhere from now on: {@code p} goes back to its pool now if no statement of
     * this connection is open on it, else when the last of them closes (giving it back would
     * close the result sets the application still reads).
     */
    private void retire(Physical p) {
        if (p == replica) {
            replica = null;
        }
        if (p.openStatements == 0) {
            p.release();
        } else {
            retired.add(p);
        }
    }

    /** A statement of this connection was made on {@code p}. */
    synchronized void statementOpened(Physical p) {
        p.openStatements++;
    }

    /** A statement of this connection made on {@code p} was closed: a retired {@code p} with none left goes back. */
    synchronized void statementClosed(Physical p) {
        p.openStatements--;
        if (p.openStatements <= 0 && retired.remove(p)) {
            p.release();
        }
    }

    /** @return the connection a statement asks questions of before it ran anywhere (metadata, settings) */
    synchronized Physical answering() throws SQLException {
        Physical p = main();
        sync(p);
        return p;
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("connection is closed", "08003");
        }
    }

    /** The connection that answers questions about the session: the transaction's, else the primary's, else the replica's. */
    private Physical main() throws SQLException {
        checkOpen();
        if (transaction != null) {
            return transaction;
        }
        if (primary != null) {
            return primary;
        }
        if (replica != null) {
            return replica;
        }
        return primary();
    }

    private void endTransaction(boolean committed) {
        if (committed && transactionWrote) {
            readAfterWrite.wrote();
        }
        transaction = null;
        transactionWrote = false;
        transactionFresh = false;
    }

    // ---- java.sql.Connection ---------------------------------------------------------------

    @Override
    public Object invoke(Object self, Method m, Object[] args) throws Throwable {
        String name = m.getName();
        switch (name) {
            case "createStatement", "prepareStatement", "prepareCall" -> {
                synchronized (this) {
                    checkOpen();
                }
                return RoutedStatement.create(this, m, args);
            }
            case "close" -> {
                close();
                return null;
            }
            case "abort" -> {
                synchronized (this) {
                    if (!closed) {
                        List<Physical> held = new ArrayList<>(retired);
                        held.add(primary);
                        held.add(replica);
                        for (Physical p : held) {
                            if (p != null) {
                                p.connection.abort((java.util.concurrent.Executor) args[0]);
                            }
                        }
                    }
                }
                close();
                return null;
            }
            case "isClosed" -> {
                synchronized (this) {
                    return closed;
                }
            }
            case "isValid" -> {
                synchronized (this) {
                    return !closed && main().connection.isValid((Integer) args[0]);
                }
            }
            case "getAutoCommit" -> {
                synchronized (this) {
                    checkOpen();
                    return autoCommit;
                }
            }
            case "setAutoCommit" -> {
                setAutoCommit((Boolean) args[0]);
                return null;
            }
            case "isReadOnly" -> {
                synchronized (this) {
                    checkOpen();
                    return readOnly;
                }
            }
            case "setReadOnly" -> {
                synchronized (this) {
                    checkOpen();
                    if (transaction != null) {
                        // PostgreSQL's driver refuses it mid-transaction; MariaDB's takes it for
                        // the next transaction, so the session's flag is what sync compares with.
                        transaction.connection.setReadOnly((Boolean) args[0]);
                        transaction.readOnly = (Boolean) args[0];
                    }
                    readOnly = (Boolean) args[0];
                }
                return null;
            }
            case "commit", "rollback" -> {
                endWith(name, m, args);
                return null;
            }
            case "setSavepoint" -> {
                synchronized (this) {
                    return invoke(m, transactionConnection().connection, args);
                }
            }
            case "releaseSavepoint" -> {
                synchronized (this) {
                    return invoke(m, transactionConnection().connection, args);
                }
            }
            case "setTransactionIsolation", "setCatalog", "setSchema", "setHoldability", "setTypeMap",
                    "setNetworkTimeout", "setClientInfo" -> {
                setting(m, args);
                return null;
            }
            case "beginRequest", "endRequest" -> {
                return null; // the pool marks request boundaries on its own connections
            }
            case "runOnEverySession" -> {
                runOnEverySession((String) args[0]);
                return null;
            }
            case "unwrap" -> {
                Class<?> iface = (Class<?>) args[0];
                if (iface.isInstance(proxy)) {
                    return proxy;
                }
                synchronized (this) {
                    return main().connection.unwrap(iface);
                }
            }
            case "isWrapperFor" -> {
                Class<?> iface = (Class<?>) args[0];
                if (iface.isInstance(proxy)) {
                    return true;
                }
                synchronized (this) {
                    return main().connection.isWrapperFor(iface);
                }
            }
            case "toString" -> {
                return "RoutingConnection[pool=" + pool.name() + ", primary=" + (primary != null)
                        + ", replica=" + (replica == null ? "none" : replica.replica.name()) + "]";
            }
            case "hashCode" -> {
                return System.identityHashCode(self);
            }
            case "equals" -> {
                return self == args[0];
            }
            case "getWarnings" -> {
                Physical p;
                synchronized (this) {
                    checkOpen();
                    p = lastRan != null && !lastRan.released ? lastRan : main();
                }
                return p.connection.getWarnings();
            }
            case "clearWarnings" -> {
                List<Physical> held;
                synchronized (this) {
                    checkOpen();
                    held = new ArrayList<>(retired);
                    held.add(primary);
                    held.add(replica);
                }
                for (Physical p : held) {
                    if (p != null && !p.released) {
                        p.connection.clearWarnings();
                    }
                }
                return null;
            }
            case "getMetaData" -> {
                Physical p;
                synchronized (this) {
                    p = main();
                }
                return RoutedMetaData.wrap((java.sql.DatabaseMetaData) invoke(m, p.connection, args), proxy);
            }
            default -> {
                // getters (metadata, warnings, isolation, catalog, schema, holdability...),
                // nativeSQL and the create* factories: the session's main connection answers.
                Physical p;
                synchronized (this) {
                    p = main();
                }
                return invoke(m, p.connection, args);
            }
        }
    }

    private synchronized void setAutoCommit(boolean on) throws SQLException {
        checkOpen();
        if (on == autoCommit) {
            return;
        }
        if (on && transaction != null) {
            transaction.connection.setAutoCommit(true); // commits, as JDBC says
            transaction.autoCommit = true;
            endTransaction(true);
        }
        autoCommit = on;
    }

    private synchronized void endWith(String name, Method m, Object[] args) throws Throwable {
        checkOpen();
        if (transaction == null) {
            if (autoCommit) {
                invoke(m, main().connection, args); // the driver's answer to commit in autocommit
            }
            return; // nothing ran since the last end: nothing to end
        }
        invoke(m, transaction.connection, args);
        if (args == null || args.length == 0) {
            endTransaction(name.equals("commit"));
        } else if (args[0] instanceof Savepoint) {
            // rollback to a savepoint: the transaction goes on
        }
    }

    private Physical transactionConnection() throws SQLException {
        checkOpen();
        if (autoCommit) {
            return main(); // the driver refuses savepoints in autocommit
        }
        if (transaction == null) {
            transaction = transactionTarget();
            transactionWrote = false;
            sync(transaction);
        }
        transactionFresh = false; // a savepoint stands in it now
        return transaction;
    }

    private synchronized void setting(Method m, Object[] args) throws Throwable {
        checkOpen();
        String key = m.getName() + (m.getName().equals("setClientInfo") && args.length == 2 ? ":" + args[0] : "");
        for (Physical p : new Physical[] {primary, replica}) {
            if (p != null) {
                try {
                    invoke(m, p.connection, args);
                } catch (Throwable e) {
                    if (!replicaGone(p, e)) {
                        throw e;
                    }
                }
            }
        }
        settings.remove(key);
        settings.put(key, args);
        setters.put(key, m);
    }

    private void close() {
        List<Physical> held;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            held = new ArrayList<>(retired);
            held.add(primary);
            held.add(replica);
            retired.clear();
            primary = null;
            replica = null;
            transaction = null;
        }
        for (Physical p : held) {
            if (p != null) {
                p.release();
            }
        }
    }

    /** {@link #invoke} where only SQLExceptions (and unchecked ones) may come out. */
    static Object invokeSql(Method m, Object target, Object[] args) throws SQLException {
        try {
            return invoke(m, target, args);
        } catch (SQLException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new SQLException(t);
        }
    }

    static Object invoke(Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
