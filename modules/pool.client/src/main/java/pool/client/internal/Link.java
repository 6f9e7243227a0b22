package pool.client.internal;

import java.io.IOException;
import java.rmi.RemoteException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import pool.protocol.Borrow;
import pool.protocol.Call;
import pool.protocol.Op;
import pool.protocol.Protocol;
import pool.protocol.Reply;
import pool.protocol.SqlError;
import pool.protocol.Wire;
import pool.protocol.WireException;

/**
 * The client's line to one pool for one user, made of parts with one job each: the
 * {@link Login} (stub, and the {@link Grant} of ticket, call channels and
 * {@link DeferredReleases}), the {@link Leases} of its open connections and its
 * {@link LinkCaches}. The link itself makes the calls.
 *
 * <p>Calls travel over call channels ({@link ChannelPool}), opened with the ticket of
 * a grant: a borrow with the current one, a connection's later calls with the one it
 * borrowed under; RMI carries the lookup, logins, renewals and cancels.
 *
 * <p>When a reload of the daemon replaces or removes the pool, the daemon refuses the next
 * borrow on the old endpoint as retired: the link retires that grant, looks the pool up
 * again and borrows under a new login, while the connections borrowed under the retired
 * grant go on there until they are closed (or the daemon's drain timeout ends them); the
 * retired grant is let go when its last connection is.
 *
 * <p>Reconnection: when a call fails because the daemon went away, the stub, the ticket
 * and the channels are dropped, so the next call looks the pool up again and logs in
 * again by itself. A call is retried once, on a fresh link, only when it opens a new
 * session and the daemon never received it (connection refused, idle channels found
 * closed by the daemon, a ticket the daemon does not know): then nothing can have
 * happened twice.
 */
public final class Link {

    private final Locator locator;
    private final String user;
    private final Counters counters;
    private final LinkErrors errors;
    private final boolean defersReleases;
    private final Login login;
    private final Leases leases;
    private final LinkCaches caches = new LinkCaches();
    private final Object loginAttemptLock = new Object();
    /** The bounded login under way on a thread of its own, or done; guarded by loginAttemptLock. */
    private java.util.concurrent.FutureTask<Void> loginAttempt;
    /** Grants of endpoints a reload retired, kept while a connection borrowed under them is open; rarely any. */
    private final java.util.Set<Grant> retired = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The daemon's lease of the last login, in milliseconds; 0 before the first. */
    private volatile long leaseMillis;
    /** Whether {@link ExitFlush} gives back this link's open connections at the JVM's exit. */
    private volatile boolean exitRegistered;

    /**
     * @param releaseDelay longest a closed connection's session waits for the next call to
     *                     carry it back to the daemon; zero: {@code close()} gives it back in a
     *                     call of its own
     */
    public Link(Locator locator, String user, char[] password, String tenant, Counters counters,
                Duration releaseDelay) {
        this.locator = locator;
        this.user = user == null ? "" : user;
        this.counters = counters;
        this.errors = new LinkErrors(locator, counters);
        this.login = new Login(locator, this.user, password == null ? new char[0] : password.clone(), tenant,
                counters, errors, releaseDelay.toNanos(), new Login.Events() {
                    @Override
                    public void loggedIn(long leaseMillis) {
                        Link.this.leaseMillis = leaseMillis;
                        leases.schedule(leaseMillis);
                    }

                    @Override
                    public void daemonGone() {
                        caches.daemonGone();
                    }
                });
        this.leases = new Leases(counters, this::letGoOfIdleRetired);
        this.defersReleases = releaseDelay.toNanos() > 0;
    }

    /** @return the daemon's lease of a session, in milliseconds, as the last login said; 0 before the first */
    long leaseMillis() {
        return leaseMillis;
    }

    public Locator locator() {
        return locator;
    }

    /** @return the client user this link logs in as ({@code DatabaseMetaData.getUserName()}) */
    String user() {
        return user;
    }

    LinkCaches caches() {
        return caches;
    }

    /** @return the deferred releases of the grant new borrows go to; null when logged out */
    DeferredReleases releases() {
        Grant g = login.currentGrant();
        return g == null ? null : g.releases;
    }

    /** Logs in now unless a ticket is held; wrong credentials fail here with SQLState 28000. */
    public void ensureLoggedIn() throws SQLException {
        login.ensureLoggedIn();
    }

    /**
     * {@link #ensureLoggedIn()} waiting at most {@code timeoutSeconds} (0: as long as RMI
     * waits), the data source's login timeout. RMI has no per-call timeout and its handshake
     * waits a minute for a daemon that accepts and does not answer (stopped, or hung), so
     * the lookup and login run on a thread of their own; one that outlives the timeout goes
     * on there and ends with RMI's own timeouts, and a login it completes serves the next
     * {@code getConnection()}. Callers meanwhile wait for that same attempt: an application
     * calling on through an outage starts one thread per link, not one per call.
     *
     * @throws java.sql.SQLTimeoutException SQLState 08001 when the timeout passed first
     */
    public void ensureLoggedIn(int timeoutSeconds) throws SQLException {
        if (timeoutSeconds <= 0 || login.currentGrant() != null) {
            login.ensureLoggedIn();
            return;
        }
        java.util.concurrent.FutureTask<Void> attempt;
        synchronized (loginAttemptLock) {
            attempt = loginAttempt;
            if (attempt == null || attempt.isDone()) {
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(timeoutSeconds);
                attempt = new java.util.concurrent.FutureTask<>(() -> {
                    login.ensureLoggedIn(deadline); // a busy daemon is asked again within the timeout only
                    return null;
                });
                loginAttempt = attempt;
                ClientThreads.thread(attempt, "poold-client-login").start();
            }
        }
        try {
            attempt.get(timeoutSeconds, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new java.sql.SQLTimeoutException("poold at " + locator.host() + ":" + locator.port()
                    + " did not answer the lookup and login of pool '" + locator.pool() + "' within the login timeout of "
                    + timeoutSeconds + " s (DataSource.setLoginTimeout)", "08001", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("logging in to poold failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while logging in to poold at " + locator.host() + ":" + locator.port(),
                    "08001", e);
        }
    }

    /**
     * One round trip, carrying the releases that wait for one.
     *
     * @throws SQLException with SQLState 08006 when the link failed mid-call, 08P01 when the
     *         daemon's answer could not be decoded, {@link UnsentCallException} when the call could
     *         not be encoded (nothing was sent)
     */
    Reply call(Held held, long session, long handle, Borrow borrow, boolean releaseWhenIdle, List<Op> ops)
            throws SQLException {
        return call(held, session, handle, borrow, releaseWhenIdle, ops, 0);
    }

    /**
     * {@link #call(Held, long, long, Borrow, boolean, List)} waiting at most {@code timeoutMillis}
     * for the answer (0: no limit).
     *
     * @throws NetworkTimeoutException the answer did not come in time; the daemon may still run the call
     */
    Reply call(Held held, long session, long handle, Borrow borrow, boolean releaseWhenIdle, List<Op> ops,
               int timeoutMillis) throws SQLException {
        for (int attempt = 0; ; attempt++) {
            Grant g = grantOf(held, session);
            ChannelPool current = g.channels();
            byte[] t = current.ticket();
            DeferredReleases releases = g.releases;
            long[] released = releases.drain(Call.MAX_RELEASED);
            byte[] frame;
            try {
                frame = Wire.encode(new Call(session, handle, borrow, releaseWhenIdle, ops, released));
                current.checkSize(frame.length);
            } catch (IllegalArgumentException e) { // over a limit: nothing was sent
                releases.restore(released);
                throw new UnsentCallException("poold cannot send this call: " + e.getMessage(), "54000", e);
            }
            Channel channel;
            try {
                channel = current.take(timeoutMillis);
            } catch (Channel.Refused e) {
                if (e.error.kind() != SqlError.Kind.TICKET_EXPIRED) {
                    throw e.error.toException(); // the ticket is fine: the daemon refuses this channel (its limit)
                }
                login.ticketRejected(g, t); // nothing was sent: log in again (looking the pool up again if need be) and retry
                if (attempt == 0) {
                    continue;
                }
                throw e.error.toException();
            } catch (IOException e) {
                if (timeoutMillis > 0 && e instanceof java.net.SocketTimeoutException timedOut) {
                    throw new NetworkTimeoutException(timeoutMillis, timedOut); // opening a channel took the call's time
                }
                if (loginEndedByDaemon(g, current)) {
                    if (session == 0 && attempt == 0) {
                        login.ticketRejected(g, t); // nothing was sent: log in again, which says why it cannot
                        continue;
                    }
                    throw loginEnded(g, t, e);
                }
                login.daemonGone(g); // nothing was sent, so a new session can safely be asked of a fresh link
                if (session == 0 && attempt == 0) {
                    continue;
                }
                throw errors.linkFailure("calling", e);
            }
            Reply reply;
            held.inFlight = channel;
            try {
                if (held.aborted) {
                    channel.close(); // aborted before the call went out: Held.abort found no channel to close
                }
                counters.roundTrips.increment();
                reply = Wire.decodeReply(channel.call(frame, timeoutMillis));
                current.give(channel);
            } catch (java.net.SocketTimeoutException e) {
                channel.close(); // its answer may still come: no other call can use it
                throw new NetworkTimeoutException(timeoutMillis, e);
            } catch (WireException e) {
                channel.close();
                throw errors.protocolViolation("calling", e);
            } catch (IOException e) {
                channel.close();
                if (held.aborted) {
                    throw new AbortedCallException(e); // the link is fine: abort closed this channel
                }
                if (loginEndedByDaemon(g, current)) {
                    // Not retried, even for a borrow: the daemon may have run the call before it
                    // closed the channel, and its statement must not run twice.
                    throw loginEnded(g, t, e);
                }
                login.daemonGone(g);
                throw errors.linkFailure("calling", e);
            } finally {
                held.inFlight = null;
            }
            SqlError error = reply.error();
            if (error != null && error.kind() == SqlError.Kind.TICKET_EXPIRED && attempt == 0) {
                if (Login.retired(error)) {
                    // A borrow the retired endpoint refused before doing anything: borrow from the pool's new one.
                    if (login.retire(g)) {
                        retired.add(g);
                        letGoOfIdleRetired();
                    }
                } else {
                    login.ticketRejected(g, t); // the daemon rejected the call before doing anything: log in again and retry
                }
                continue;
            }
            if (session == 0 && reply.session() != 0) {
                held.grant = g; // before the session is set: the renewals read them in the other order
            }
            held.session(reply.session());
            if (reply.session() == 0 && !retired.isEmpty()) {
                letGoOfIdleRetired();
            }
            return reply;
        }
    }

    /**
     * After a channel of {@code g} failed: whether the daemon that issued its ticket still runs
     * and ended the login (a reload removed the user or changed its password hash or tenants, and
     * closed the login's channels), rather than went away. The failed channel alone cannot tell:
     * the daemon at the address must refuse the ticket, and the endpoint that issued it still
     * answer (a restarted daemon refuses the ticket too, but knows no endpoint of before).
     */
    private boolean loginEndedByDaemon(Grant g, ChannelPool current) {
        if (!current.ticketRefused()) {
            return false;
        }
        try {
            g.pool.renew(current.ticket(), new long[0]); // no session named: nothing renewed, only answered
            return true;
        } catch (RemoteException | RuntimeException e) {
            return false; // not exported any more (a restart), or unreachable: the daemon went away
        }
    }

    /**
     * The daemon ended the login {@code g} (its ticket {@code t}) and closed its channels: a reload
     * removed the user or changed its password hash or tenants. Logs in again at once, so that the
     * failure says what the daemon says of the credentials now (a wrong password: SQLState class 28),
     * and the next {@code getConnection()} works when they are still good.
     *
     * @return the exception for the call that found the login ended
     */
    private SQLException loginEnded(Grant g, byte[] t, IOException e) {
        login.ticketRejected(g, t);
        String what = "poold ended the login to pool '" + locator.pool() + "' this call ran under (a reload removed"
                + " the user or changed its password or tenants); its connections are gone, their transactions"
                + " rolled back";
        try {
            login.grant();
        } catch (SQLException refused) {
            if (refused.getSQLState() != null && refused.getSQLState().startsWith("28")) {
                SQLException auth = new java.sql.SQLInvalidAuthorizationSpecException(what + ", and logging in again"
                        + " failed: " + refused.getMessage(), refused.getSQLState(), refused.getErrorCode(), refused);
                auth.addSuppressed(e);
                return auth;
            }
            SQLException failed = errors.linkFailure("calling", e);
            failed.addSuppressed(refused);
            return failed;
        }
        return new java.sql.SQLNonTransientConnectionException(what + "; the user logged in again: the next"
                + " getConnection() works", Protocol.STATE_NO_CONNECTION, e);
    }

    /**
     * @return the grant a call goes to: for a borrow the one new borrows go to, else the one
     *         its connection's session was borrowed under
     * @throws SQLException when that grant is gone: its session is gone with it, and must not be
     *         named to another endpoint, which numbers sessions of its own (a restarted daemon may
     *         have given the same number to another connection of this very link): 08006 when the
     *         daemon went away, else 08003, as the daemon answers a session it no longer has
     */
    private Grant grantOf(Held held, long session) throws SQLException {
        Grant g = session == 0 ? null : held.grant;
        if (g == null) {
            return login.grant();
        }
        if (!g.dropped()) {
            return g;
        }
        if (g.linkLost()) {
            throw errors.linkFailure("calling", new java.io.IOException("the daemon this connection was borrowed from"
                    + " went away (stopped or restarted); its transaction, if any, was rolled back"));
        }
        throw new java.sql.SQLNonTransientConnectionException("remote connection " + session + " to pool '"
                + locator.pool() + "' is gone: the login it was borrowed under ended (its ticket was refused); its"
                + " transaction, if any, was rolled back", Protocol.STATE_NO_CONNECTION);
    }

    /** Lets go of retired grants under which no open connection holds a session any more. */
    private void letGoOfIdleRetired() {
        for (Grant g : retired) {
            if (!leases.holdsAny(g) && retired.remove(g)) {
                g.end(true); // the releases it still carries go first
            }
        }
    }

    /**
     * @param origin what the connection is borrowed through: {@link #giveBack(Object)} of it ends it
     * @return the lease holder of a new connection, renewed until {@link #forget} or until {@code owner} is collected
     */
    Held register(Object owner, Object origin) {
        if (!exitRegistered) {
            registerForExit();
        }
        return leases.register(owner, origin);
    }

    private synchronized void registerForExit() {
        if (!exitRegistered) {
            ExitFlush.register(this); // weakly: a link dropped without close() is not kept for the exit
            exitRegistered = true;
        }
    }

    /**
     * Rolls back and gives back now the sessions of the open connections borrowed through
     * {@code origin} (null: all of them), aborting those connections: their application is
     * going. Waits for the daemon at most {@link DeferredReleases#CLOSE_WAIT_MILLIS} per grant.
     */
    public void giveBack(Object origin) {
        leases.giveBack(origin);
        flushReleases();
    }

    /** What the JVM's exit runs ({@link ExitFlush}): every open connection's session joins its grant's releases. */
    void giveBackAtExit() {
        leases.giveBack(null);
    }

    /** Stops renewing for a connection the application closed. */
    void forget(Held h) {
        leases.forget(h);
        if (!retired.isEmpty()) {
            letGoOfIdleRetired();
        }
    }

    /** @return whether {@link #release} defers; else a close gives its session back in a call of its own */
    boolean defersReleases() {
        return defersReleases;
    }

    /**
     * Gives back the session of a connection closed in autocommit with the next call of the
     * grant it was borrowed under; see {@link DeferredReleases}.
     */
    void release(Held held, long session) {
        Grant g = held.grant;
        if (g != null && !g.dropped()) {
            g.releases.add(session);
        }
    }

    /** Gives back now the sessions of closed connections that wait for a call to carry them. */
    void flushReleases() {
        Grant g = login.currentGrant();
        if (g != null) {
            g.releases.flush(DeferredReleases.CLOSE_WAIT_MILLIS);
        }
        for (Grant r : retired) {
            r.releases.flush(DeferredReleases.CLOSE_WAIT_MILLIS);
        }
    }

    /**
     * Cancels what the session runs now, through the endpoint it was borrowed from; a
     * separate connection to the daemon, the session's own is busy.
     */
    void cancel(Held held, long handle) throws SQLException {
        Grant g = held.grant;
        if (g == null || g.dropped() || held.session == 0) {
            g = login.grant(); // the statement may run in the very call that borrows, under this grant
        }
        try {
            counters.roundTrips.increment();
            g.pool.cancel(g.ticket(), handle);
        } catch (RemoteException e) {
            throw errors.linkFailure("cancelling a statement on", e);
        }
    }

    /** Set while a cancel of a connection abandoned after its network timeout is out. */
    private final java.util.concurrent.atomic.AtomicBoolean cancelling = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Lets go of a connection whose call outlived its network timeout: cancels what it runs
     * on the daemon, on a thread of its own (the link that timed out may hang again, and RMI
     * has no call timeout), then gives its session back with the next call and stops renewing
     * it. One cancel per link at a time: while one hangs (the daemon or the network does), an
     * application that calls on, each call timing out, would otherwise leave a thread behind
     * per call; the later ones are only given back, and their statements end by themselves.
     */
    void abandon(Held held, long handle, long session) {
        Runnable letGo = () -> {
            if (session != 0) {
                release(held, session);
            }
            forget(held);
        };
        if (!cancelling.compareAndSet(false, true)) {
            letGo.run();
            return;
        }
        ClientThreads.thread(() -> {
            try {
                cancel(held, handle);
            } catch (SQLException | RuntimeException ignored) {
                // best effort: the lease ends whatever is left
            } finally {
                cancelling.set(false);
            }
            letGo.run();
        }, "poold-network-timeout-cancel").start();
    }

    /**
     * Gives back the sessions of closed connections and, rolled back, of those still open (which
     * are aborted: their application closed their data source), stops renewing and closes idle
     * channels.
     */
    public void close() {
        leases.giveBack(null);
        ExitFlush.unregister(this);
        Grant g = login.currentGrant();
        if (g != null) {
            g.releases.close();
        }
        for (Grant r : retired) {
            r.releases.close();
            r.refresh(null);
            r.channels().close();
        }
        leases.close();
        login.close();
    }
}
