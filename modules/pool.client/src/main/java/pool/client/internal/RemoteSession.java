package pool.client.internal;

import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import pool.protocol.Borrow;
import pool.protocol.LobParam;
import pool.protocol.Op;
import pool.protocol.Protocol;
import pool.protocol.Reply;
import pool.protocol.Result;
import pool.protocol.SessionInfo;

/**
 * The daemon's side of one {@link RemoteConnection}: the session it holds there (borrowed
 * by the first operation that needs the database, in the same call), the operations that
 * wait for the next call, the call that carries them, transactions, and the end of it all.
 *
 * <p>Deferral: setters of connection properties and closes of result sets the application
 * abandoned ride along with the next call, so borrow, prepared query, first rows and return
 * cost two calls. The price: a setter's error (say, an isolation level the database refuses)
 * surfaces at the next operation rather than at the setter. (A result set whose cursor holds
 * a transaction the daemon began for it in autocommit is closed at once instead: see
 * {@link #closeCursorNow}.)
 *
 * <p>Its monitor is the connection's one lock: every method that reads or changes the
 * session's state holds it, and so do the {@link SessionProperties}, whose values a call
 * adopts from the daemon.
 */
final class RemoteSession {

    private final Link link;
    private final Borrow borrow;
    /** Transaction-pooling mode: see RemoteDataSource.Builder.releaseBetweenStatements. */
    private final boolean releaseBetweenStatements;
    /** Random, so one client's handle never names another's connection by accident. */
    private final long handle = ThreadLocalRandom.current().nextLong();
    /** What the lease renewer sees of this connection; see {@link Held}. */
    private final Held held;
    private final SessionProperties properties = new SessionProperties(this);
    /**
     * Set once the application changed session state through JDBC (properties,
     * savepoints): from then on the connection keeps its physical connection, whatever
     * the mode, so the state is not lost with a release.
     */
    private boolean pinned;
    /** 0 until borrowed; volatile so cancel() reads it while a call holds the lock. */
    private volatile long session;
    /** Volatile: statements ask isClosed() from other threads (cancel) while a call holds the lock. */
    private volatile boolean closed;
    /**
     * Set by {@link #markAborted()}: the application sees the connection closed at once, while
     * {@link #close()} (on the executor given to {@code abort}) still gives the session back.
     */
    private volatile boolean aborted;
    /**
     * Set when the daemon's side of this connection is gone (the link broke mid-call, the
     * session ended under it: its driver closed the connection, the lease ran out); the call
     * that found it said why. Volatile for {@link #isClosed()}, written under the lock.
     */
    private volatile boolean broken;
    private final List<Op> deferred = new ArrayList<>();
    /** Result sets whose daemon cursor is open (not read to the end, not closed). */
    private int openCursors;
    /** The last spool number {@link #nextSpool()} gave. */
    private long spools;
    /** Bytes of LOB chunks among {@link #deferred}. */
    private long deferredLobBytes;
    /** Connection.setNetworkTimeout, in milliseconds; 0: calls wait as long as they take. */
    private volatile int networkTimeout;
    /** Whether the backend driver converts date-times without zone to offsets in the JVM's zone (see SessionInfo). */
    private volatile boolean offsetsInJvmZone;

    /**
     * @param owner  the connection whose collection ends the lease renewals of this session
     * @param origin what it is borrowed through ({@link Link#giveBack(Object)}); null: none
     */
    RemoteSession(Link link, Borrow borrow, boolean releaseBetweenStatements, Object owner, Object origin) {
        this.link = link;
        this.borrow = borrow;
        this.releaseBetweenStatements = releaseBetweenStatements;
        this.held = link.register(owner, origin);
    }

    Link link() {
        return link;
    }

    SessionProperties properties() {
        return properties;
    }

    long id() {
        return session;
    }

    /**
     * @return whether the connection is closed to the application: closed, aborted, or broken
     *         (its daemon-side session is gone), as a driver's connection is closed after its
     *         socket failed
     */
    boolean isClosed() {
        // held.aborted: its data source was closed, or the JVM exits (Leases#giveBack).
        return closed || aborted || broken || held.aborted;
    }

    /** @return whether the application closed or aborted the connection (a broken one still wants its close) */
    boolean closedByApplication() {
        return closed || aborted;
    }

    /** @return whether the application aborted the connection */
    boolean aborted() {
        return aborted;
    }

    boolean offsetsInJvmZone() {
        return offsetsInJvmZone;
    }

    /**
     * Runs {@code ops} in one round trip after whatever was deferred, borrowing first if
     * needed.
     *
     * @return the results of {@code ops} (not of the deferred operations)
     */
    synchronized List<Result> exchange(List<Op> ops) throws SQLException {
        return exchange(ops, networkTimeout);
    }

    /** {@link #exchange(List)} waiting at most {@code timeoutMillis} for the answer (0: as long as it takes). */
    private synchronized List<Result> exchange(List<Op> ops, int timeoutMillis) throws SQLException {
        checkOpen();
        return send(ops, timeoutMillis);
    }

    /** {@link #exchange(List, int)} of a connection known to be open, or aborted and being closed. */
    private synchronized List<Result> send(List<Op> ops, int timeoutMillis) throws SQLException {
        int skip = deferred.size();
        List<Op> all = ops;
        if (skip > 0) {
            all = new ArrayList<>(deferred);
            all.addAll(ops);
            deferred.clear();
            deferredLobBytes = 0;
        }
        boolean release = releaseBetweenStatements && !pinned && !Boolean.FALSE.equals(properties.autoCommitKnown())
                && !(ops.size() == 1 && ops.get(0) instanceof Op.Release);
        Reply reply;
        try {
            reply = link.call(held, session, handle, borrow, release, all, timeoutMillis);
        } catch (NetworkTimeoutException e) {
            abandon();
            throw errors().networkTimeout(e);
        } catch (AbortedCallException e) {
            abandon();
            throw errors().aborted(e);
        } catch (UnsentCallException e) {
            restore(all, skip); // nothing was sent: the connection is as it was
            throw e;
        } catch (SQLException e) {
            if (session != 0) {
                broken = true;
                session = 0; // the daemon's side of this connection is gone with the link
                held.session(0);
            } else {
                restore(all, skip); // the next call borrows afresh and must apply them again
            }
            throw e;
        }
        if (reply.opened() != null) {
            adopt(reply.opened());
        }
        boolean lost = session != 0 && reply.session() == 0 && !release && !(ops.get(ops.size() - 1) instanceof Op.Release);
        session = reply.session();
        held.session(session);
        if (reply.error() != null) {
            if (lost) {
                broken = true;
            } else if (reply.session() == 0 && reply.opened() == null) {
                restore(all, skip); // the borrow itself failed: nothing ran
            }
            throw reply.error().toException();
        }
        List<Result> results = reply.results();
        return skip == 0 ? results : results.subList(skip, results.size());
    }

    private void restore(List<Op> all, int skip) {
        deferred.addAll(0, all.subList(0, skip));
    }

    /** One operation, one round trip. */
    Result exchange(Op op) throws SQLException {
        return exchange(List.of(op)).get(0);
    }

    private void adopt(SessionInfo info) {
        offsetsInJvmZone = info.offsetsInJvmZone();
        link.caches().driver(info.driver());
        properties.adopt(info);
    }

    /** @return the errors the client raises itself, worded as the backend driver words them */
    DriverErrors errors() {
        return link.caches().errors();
    }

    void checkOpen() throws SQLException {
        // Volatile reads, not the lock: a call in flight holds it, and an aborted connection must
        // say it is closed at once to every other thread. A broken one was said broken once, by
        // the call that found it; from then on it is closed, in the driver's words.
        if (isClosed()) {
            throw errors().connectionClosed();
        }
    }

    /** Queues a property change for the next call, borrowing or not, and keeps the physical connection from then on. */
    synchronized void deferProperty(Op.Property property, Object value) {
        pinned = true;
        deferred.add(new Op.Set(property, value));
    }

    /** Sets {@code property} on the daemon's connection now: one call, which reports the driver's refusal. */
    synchronized void setPropertyNow(Op.Property property, Object value) throws SQLException {
        pinned = true;
        exchange(new Op.Set(property, value));
    }

    /** @return whether a connection of the daemon is borrowed for this one */
    boolean borrowed() {
        return session != 0;
    }

    /** @return the daemon's value of {@code property}: one call */
    Object property(Op.Property property) throws SQLException {
        return ((Result.Value) exchange(new Op.Get(property))).value();
    }

    /** Queues an operation for the next call (closing an abandoned cursor costs no call of its own). */
    synchronized void defer(Op op) {
        if (!closed && session != 0) {
            deferred.add(op);
        }
    }

    /**
     * Closes a cursor that holds a transaction in the daemon now, with a call of its own, so
     * that the transaction does not stay open until the connection's next call. Quiet when
     * the daemon's side is gone already (then nothing is left open there).
     *
     * @throws SQLException when ending the cursor's transaction failed (its statement did not take effect)
     */
    synchronized void closeCursorNow(long cursor) throws SQLException {
        if (closed || aborted || session == 0 || broken) {
            return;
        }
        try {
            exchange(new Op.CloseCursor(cursor));
        } catch (SQLException e) {
            if (!gone(e)) {
                throw e;
            }
        }
    }

    /** @return whether {@code e} says the daemon's side is gone already (lease, daemon restart) */
    private static boolean gone(SQLException e) {
        return Protocol.STATE_NO_CONNECTION.equals(e.getSQLState()) || Protocol.STATE_LINK_FAILURE.equals(e.getSQLState());
    }

    synchronized void cursorOpened() {
        openCursors++;
    }

    synchronized void cursorEnded() {
        openCursors--;
    }

    /** @return a new number for a LOB spool on the daemon (see {@link LobParam}) */
    synchronized long nextSpool() {
        return ++spools;
    }

    /**
     * Sends a chunk of a LOB parameter: in a call of its own, unless it is the LOB's
     * {@code last} and the chunks already waiting for the next call stay within one chunk's
     * size; then it rides along with the execution that binds it.
     */
    synchronized void sendLobChunk(Op.LobWrite chunk, boolean last) throws SQLException {
        if (last && session != 0 && deferredLobBytes + chunk.chunk().length <= LobParam.CHUNK_BYTES) {
            deferred.add(chunk);
            deferredLobBytes += chunk.chunk().length;
        } else {
            exchange(chunk);
        }
    }

    int networkTimeout() {
        return networkTimeout;
    }

    void networkTimeout(int millis) {
        networkTimeout = millis;
    }

    /**
     * Closes this connection after a call outlived the network timeout, as a driver closes its
     * own: the statement still running on the daemon is cancelled (on a thread of its own,
     * since the link that timed out may hang again) and its session given back with the
     * link's next call; a session the call was borrowing, which the client never learnt, the
     * lease ends.
     */
    private void abandon() {
        link.abandon(held, handle, session);
        session = 0;
        closed = true;
        deferred.clear();
    }

    /**
     * Marks the connection closed for {@code Connection.abort}, without the lock (a call in flight
     * holds it) and without a call: from now on it is closed to the application; {@link #close()},
     * which abort's executor runs, gives the daemon's session back.
     */
    void markAborted() {
        aborted = true;
    }

    /**
     * For {@code Connection.abort}'s executor: a call waiting for its answer now fails at once
     * (its channel is closed under it) and lets go of the session as after a network timeout.
     * Without the lock: that call holds it.
     */
    void abortCall() {
        held.abort();
    }

    /** Cancels what runs now. Without the lock: the call to cancel holds it. */
    void cancel() throws SQLException {
        // By handle, not session: the statement may be running in the very call that borrows.
        link.cancel(held, handle);
    }

    // ---- transactions

    /**
     * Commits or rolls back; no call when autocommit is known to be off and nothing
     * was borrowed and nothing waits. In autocommit the backend driver answers, as it would
     * directly: pgjdbc refuses with 25P01, MariaDB Connector/J does nothing (the daemon ends its
     * own implicit transaction first, so its driver sees autocommit as the application does).
     */
    synchronized void endTransaction(Op op) throws SQLException {
        checkOpen();
        if (Boolean.FALSE.equals(properties.autoCommitKnown()) && session == 0 && deferred.isEmpty()) {
            return; // nothing borrowed, nothing done: no transaction to end, no call
        }
        exchange(List.of(op));
    }

    /** Sets a savepoint, named or not ({@code name} null); the connection keeps its physical connection from then on. */
    synchronized Result.SavepointSet savepoint(String name) throws SQLException {
        pinned = true;
        // In autocommit too: the driver answers (pgjdbc refuses with 25P01, MariaDB's sets one).
        return (Result.SavepointSet) exchange(new Op.SetSavepoint(name));
    }

    // ---- state of the daemon's connection

    synchronized boolean isValid(int timeout) throws SQLException {
        if (timeout < 0) {
            throw errors().negativeValidTimeout(timeout);
        }
        if (closed || aborted || broken) {
            return false;
        }
        try {
            // The drivers bound the whole check by the timeout, so that a pool or an application
            // server validating on a hung network gets its answer: so does the wait for the daemon.
            return (Boolean) ((Result.Value) exchange(List.of(new Op.Validate(timeout)),
                    bounded(timeout * 1000L)).get(0)).value();
        } catch (SQLException e) {
            return false; // past the bound the connection is closed, as a driver's is after its read timed out
        }
    }

    /** @return the tighter of {@code millis} (0: none) and the network timeout, as a call's bound */
    private int bounded(long millis) {
        if (millis <= 0) {
            return networkTimeout;
        }
        long bound = networkTimeout == 0 ? millis : Math.min(millis, networkTimeout);
        return (int) Math.min(bound, Integer.MAX_VALUE);
    }

    synchronized SQLWarning warnings() throws SQLException {
        checkOpen();
        if (session == 0) {
            return null;
        }
        Result.Warnings w = (Result.Warnings) exchange(new Op.Warnings(false));
        return w.chain() == null ? null : w.chain().toWarning();
    }

    synchronized void clearWarnings() throws SQLException {
        checkOpen();
        if (session != 0) {
            deferred.add(new Op.Warnings(true));
        }
    }

    // ---- end of life

    /**
     * Gives the session back: with the link's next call when nothing is open on it, else
     * (a transaction, a statement still streaming, a setter to apply) cleaned up and given
     * back before this returns.
     */
    synchronized void close() throws SQLException {
        if (closed) {
            return;
        }
        try {
            if (session != 0 && !broken) {
                if (link.defersReleases() && Boolean.TRUE.equals(properties.autoCommitKnown()) && deferred.isEmpty()
                        && openCursors == 0) {
                    // Nothing open on the daemon's connection and so nothing to wait for or to report.
                    link.release(held, session);
                } else {
                    // A driver's close() does not wait for the server; this one waits for the rollback,
                    // but not for good on a daemon or network that stopped answering: past the lease the
                    // daemon rolls back by itself anyway, since nothing renews the session any more.
                    send(List.of(new Op.Release()), bounded(link.leaseMillis()));
                }
            }
        } catch (SQLException e) {
            if (!gone(e)) { // gone already: nothing is left to give back
                throw e;
            }
        } finally {
            link.forget(held);
            session = 0;
            closed = true;
            deferred.clear();
        }
    }
}
