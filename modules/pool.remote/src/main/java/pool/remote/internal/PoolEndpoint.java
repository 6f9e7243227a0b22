package pool.remote.internal;

import java.lang.System.Logger.Level;
import java.rmi.RemoteException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import pool.api.BorrowRequest;
import pool.api.ConnectionPool;
import pool.api.Tenancy;
import pool.protocol.Borrow;
import pool.protocol.Call;
import pool.protocol.Frame;
import pool.protocol.LoginReply;
import pool.protocol.LoginRequest;
import pool.protocol.Op;
import pool.protocol.Protocol;
import pool.protocol.RemotePool;
import pool.protocol.Reply;
import pool.protocol.Result;
import pool.protocol.SessionInfo;
import pool.protocol.SqlError;
import pool.protocol.Wire;
import pool.protocol.WireException;
import pool.remote.LoginGuard;
import pool.remote.TicketLimits;
import pool.remote.Users;

/**
 * The exported object of one pool: logs clients in, borrows sessions and runs their
 * operations. Every SQL failure becomes a {@link SqlError} in the reply; nothing but
 * {@link RemoteException} is thrown, so no foreign exception class reaches the client.
 */
public final class PoolEndpoint implements RemotePool {

    private static final System.Logger LOG = System.getLogger("poold.remote");
    private static final Result.Done DONE = new Result.Done();

    private final ConnectionPool pool;
    private volatile Users users;
    private final Tickets tickets;
    private final Sessions sessions;
    /** Set on a graceful shutdown and when retired; read on every login and borrow. */
    private volatile boolean draining;
    /**
     * Set when a reload replaced or removed this endpoint: the pool's name leads elsewhere
     * now, so new logins and borrows are told to look it up again, while the sessions
     * already open here go on until {@link #drainDeadline} ({@code System.nanoTime()}).
     */
    private volatile boolean retired;
    private volatile long drainDeadline;
    /** Shared by every pool and the JMX connector: the daemon's one bound on password checks. */
    private final LoginGuard logins;
    private volatile boolean shutDown;
    /** The SQLState of a wrong password, as the pool's own driver says it ({@link Dialect#wrongPasswordState}). */
    private final String wrongPassword;
    /** Calls refused for want of memory: a flood of them is logged one line per 10 s. */
    private final RateLimitedLog calmRefusals = new RateLimitedLog(LOG, Duration.ofSeconds(10), System::nanoTime);

    public PoolEndpoint(ConnectionPool pool, Users users, Duration lease, TicketLimits ticketLimits, LoginGuard logins) {
        this.pool = pool;
        this.users = users;
        this.logins = logins;
        this.tickets = new Tickets(ticketLimits, System::nanoTime);
        this.wrongPassword = Dialect.wrongPasswordState(pool.config().jdbcUrl());
        // Aborts run on their own virtual thread so a stuck driver never blocks the reaper.
        this.sessions = new Sessions(lease.toNanos(), r -> Thread.ofVirtual().name("poold-abort").start(r),
                pool.config().replicas() != null);
    }

    /** @return the pool this endpoint serves */
    public ConnectionPool pool() {
        return pool;
    }

    /**
     * Replaces the users (a reload): sessions and tickets of users who remain with the
     * same hash, and may still claim their login's tenant, continue; the tickets of removed
     * users, changed hashes or tenants no longer claimable end at once (their
     * call channels are closed, also in the middle of a call), so their holders must log in
     * again, and the connections borrowed under those tickets are gone for them (a session
     * belongs to its login) and come back to the pool after the lease.
     * A hash made again for an unchanged password is a changed hash: without the password
     * the daemon cannot tell the two apart.
     */
    public void users(Users next) {
        Users previous = users;
        users = next;
        tickets.retainLogins(login -> previous.keepsLogin(login.user, login.tenant, next));
    }

    /** @return the users who may log in to this pool now */
    public Users users() {
        return users;
    }

    /**
     * Ends the tickets of users who are not in {@code clients} with the same hash and tenants,
     * keeping this endpoint's users otherwise (a user this pool did not admit gains nothing).
     */
    public void retainUsers(Users clients) {
        Users mine = users;
        tickets.retainUsers(user -> mine.sameUser(user, clients));
    }

    /** @return the pool's name */
    public String poolName() {
        return pool.name();
    }

    /** @return the number of remote sessions holding a connection now */
    public int openSessions() {
        return sessions.size();
    }

    @Override
    public byte[] login(byte[] frame) {
        LoginRequest request;
        try {
            request = Wire.decodeLogin(frame);
        } catch (WireException e) {
            malformed("login", e);
            return Wire.encode(LoginReply.refused(protocolViolation("login", e)));
        } finally {
            if (frame != null) {
                Arrays.fill(frame, (byte) 0); // it held the password
            }
        }
        return Wire.encode(login(request));
    }

    /** Logs a frame the daemon could not decode: a client of another version, or someone probing. */
    private void malformed(String what, WireException e) {
        LOG.log(Level.WARNING, "poold rejected a {0} frame for pool {1} from {2}: {3}", what, pool.name(), clientHost(),
                e.getMessage());
    }

    private SqlError protocolViolation(String what, WireException e) {
        return SqlError.of(SqlError.Kind.NON_TRANSIENT_CONNECTION, Protocol.STATE_PROTOCOL_VIOLATION,
                "poold could not read the " + what + " for pool '" + pool.name() + "': " + e.getMessage());
    }

    LoginReply login(LoginRequest request) {
        if (draining && !(retired && succeedsLiveTicket(request))) {
            return LoginReply.refused(retired ? retiredRefusal() : shuttingDown());
        }
        if (request.protocolVersion() != Protocol.VERSION) {
            return LoginReply.refused(SqlError.of(SqlError.Kind.NON_TRANSIENT_CONNECTION, "08P01",
                    "poold speaks protocol " + Protocol.VERSION + ", the client " + request.protocolVersion()
                            + ": use the pool.client and pool.protocol jars of the daemon's version"));
        }
        LoginGuard.Outcome outcome;
        try {
            Users checking = users;
            outcome = logins.attempt("remote login to pool " + pool.name(), request.user(),
                    LoginGuard.rmiClientAddress(), () -> checking.authenticate(request.user(), request.password()));
        } finally {
            Arrays.fill(request.password(), '\0');
        }
        switch (outcome.verdict()) {
            case ACCEPTED -> {
            }
            case WRONG -> {
                return LoginReply.refused(SqlError.of(SqlError.Kind.INVALID_AUTHORIZATION, wrongPassword,
                        "wrong user name or password for pool '" + pool.name() + "'"));
            }
            case BUSY -> {
                return LoginReply.refused(SqlError.of(SqlError.Kind.TRANSIENT_CONNECTION,
                        Protocol.STATE_TOO_MANY_LOGINS, "poold has " + outcome.refusal()));
            }
            case HELD_BACK -> {
                return LoginReply.refused(SqlError.of(SqlError.Kind.TRANSIENT_CONNECTION,
                        Protocol.STATE_LOGIN_HELD_BACK, "poold refused the login to pool '" + pool.name() + "': "
                                + outcome.refusal()));
            }
        }
        java.util.Set<String> claimable = users.refusedClaim(request.user(), request.tenant());
        if (claimable != null) {
            // After the password check: only the user learns which tenants it may claim.
            return LoginReply.refused(SqlError.of(SqlError.Kind.INVALID_AUTHORIZATION, Protocol.STATE_AUTH,
                    "user '" + request.user() + "' may not borrow from pool '" + pool.name() + "' as "
                            + (request.tenant() == null ? "no tenant (the tenant \"default\")"
                                    : "tenant " + Tenancy.describe(request.tenant()))
                            + ": its tenants are " + String.join(", ", new java.util.TreeSet<>(claimable))
                            + " (<clients><user tenants=...>); set poold.tenant or the data source's tenant to one of them"));
        }
        Tickets.Issued issued = tickets.issue(loginFor(request));
        TicketLimits terms = tickets.limits();
        return new LoginReply(issued.bytes(), Duration.ofNanos(sessions.leaseNanos()).toMillis(),
                terms.lifetime().toMillis(), terms.maxChannels(), terms.maxCallBytes(), null);
    }

    /**
     * @return whether {@code request} succeeds a live ticket of the same client: the one login
     *         a retired endpoint still takes, so that a client's sessions here outlive the
     *         ticket they were opened under while they drain (its password is still checked)
     */
    private boolean succeedsLiveTicket(LoginRequest request) {
        Ticket previous = tickets.find(request.previousTicket());
        return previous != null && !previous.ended() && previous.login.sameClient(request.user(), request.tenant());
    }

    /**
     * @return the login a new ticket joins: the login of the ticket the request succeeds, if
     *         that ticket has not ended and is the same client's; else a login of its own
     */
    private Login loginFor(LoginRequest request) {
        byte[] previousBytes = request.previousTicket();
        Ticket previous = tickets.find(previousBytes);
        if (previousBytes != null) {
            Arrays.fill(previousBytes, (byte) 0);
        }
        if (previous != null && !previous.ended() && previous.login.sameClient(request.user(), request.tenant())) {
            return previous.login;
        }
        return new Login(request.user(), request.tenant(),
                request.zone() == null ? null : java.time.ZoneId.of(request.zone()));
    }

    /** The outcome of a call channel's hello: the ticket it runs under, or why it may not open. */
    record ChannelAdmission(Ticket ticket, SqlError refusal) {
    }

    /**
     * Admits a call channel whose hello names {@code ticket}: the ticket must be live and have
     * a channel to spare; the channel is then registered with it, to be closed when it ends.
     */
    ChannelAdmission admitChannel(byte[] ticket, java.net.Socket channel) {
        Ticket t = shutDown ? null : tickets.use(ticket);
        if (t == null) {
            return new ChannelAdmission(null, ticketNotValid());
        }
        if (!t.addChannel(channel)) {
            return new ChannelAdmission(null, t.ended() ? ticketNotValid() : SqlError.of(
                    SqlError.Kind.TRANSIENT_CONNECTION, "53300", "login ticket for pool '" + pool.name() + "' has "
                            + tickets.limits().maxChannels() + " call channels open, the most poold allows one login"
                            + " (maxChannelsPerTicket): use fewer threads per data source, or raise the limit"));
        }
        return new ChannelAdmission(t, null);
    }

    private SqlError ticketNotValid() {
        // Also when the pool is unknown: a client learns nothing it could not learn from the registry.
        return SqlError.of(SqlError.Kind.TICKET_EXPIRED, Protocol.STATE_AUTH, "login ticket for pool '" + pool.name()
                + "' is not valid (expired, or the pool was replaced): log in again");
    }

    /** Answers one call frame of a call channel opened with {@code ticket} (see {@code pool.protocol.CallChannel}). */
    Frame call(Ticket ticket, byte[] frame) {
        return call(ticket, frame, null);
    }

    /**
     * Answers one call frame within {@code memory}, the share of the daemon's call memory the
     * call holds (null: unbounded): a call whose decoding needs more than the daemon can spare
     * now is refused as transient, and its reply's rows come in shorter batches.
     */
    Frame call(Ticket ticket, byte[] frame, CallMemory.Use memory) {
        Call call;
        try {
            call = Wire.decodeCall(frame, memory == null ? null : memory::offer);
        } catch (WireException e) {
            if (memory != null && memory.refused()) {
                String client = clientHost();
                calmRefusals.log(Level.WARNING, () -> "poold refused a call on pool " + pool.name() + " from "
                        + client + (memory.refusedByShare()
                                ? " (user " + memory.user() + "): the calls in flight of this user hold all the memory"
                                        + " one user may (" + (memory.perUser() >> 20)
                                        + " MiB, -Dpoold.remote.callMemoryPerUserBytes)"
                                : ": the calls in flight hold all the memory they may (" + (memory.max() >> 20)
                                        + " MiB, -Dpoold.remote.callMemoryBytes)"));
                // The session the call names (the first field after the header, read before any object),
                // so that the client keeps its connection: nothing of the call ran.
                long session = java.nio.ByteBuffer.wrap(frame, 2, 8).getLong();
                return Wire.frame(new Reply(session, null, List.of(), SqlError.of(SqlError.Kind.TRANSIENT_CONNECTION,
                        "53200", "poold has no memory to spare for this call on pool '" + pool.name() + "' now: the"
                                + " calls in flight " + (memory.refusedByShare() ? "of user '" + memory.user() + "' " : "")
                                + "hold all they may; try again, or send fewer values per call")));
            }
            malformed("call", e);
            return Wire.frame(new Reply(0, null, List.of(), protocolViolation("call", e)));
        }
        Reply reply = serve(ticket, call);
        try {
            return Wire.frame(reply); // written as it lies: a reply of large rows is never copied whole
        } catch (IllegalArgumentException e) {
            // A value the driver returned that the format has no encoding for, or a batch over the frame limit.
            LOG.log(Level.WARNING, "reply of pool " + pool.name() + " cannot be sent: " + e.getMessage());
            return Wire.frame(new Reply(reply.session(), reply.opened(), List.of(), SqlError.of(SqlError.Kind.GENERIC,
                    "XX000", "poold cannot send this reply: " + e.getMessage())));
        }
    }

    /** Runs one decoded call: checks its channel's ticket is still valid, borrows if asked, runs its operations. */
    Reply serve(Ticket ticket, Call call) {
        if (!ticket.use(System.nanoTime())) {
            return new Reply(call.session(), null, List.of(), SqlError.of(SqlError.Kind.TICKET_EXPIRED,
                    Protocol.STATE_AUTH, "login ticket for pool '" + pool.name() + "' expired: log in again"));
        }
        Login login = ticket.login;
        releaseClosed(call, login);
        if (call.releasesOnly()) {
            return new Reply(0, null, List.of(), null);
        }
        Session s;
        SessionInfo opened = null;
        if (call.session() == 0) {
            if (draining) {
                return new Reply(0, null, List.of(), retired ? retiredRefusal() : shuttingDown());
            }
            Connection c;
            try {
                c = pool.borrow(request(login.tenant, call.borrow()));
            } catch (SQLException e) {
                return new Reply(0, null, List.of(), SqlError.from(e));
            } catch (RuntimeException e) {
                return new Reply(0, null, List.of(), internal(e));
            }
            s = sessions.open(login, call.handle(), c);
            if (shutDown) { // unpublished while we borrowed: endAll() may have run already
                release(s);
                return gone(0);
            }
            try {
                s.values = login.values(s.dialect());
                s.values.applySessionZone(c);
                opened = new SessionInfo(c.getAutoCommit(), c.isReadOnly(), c.getHoldability(),
                        s.values.offsetsInJvmZone, s.dialect().driver());
            } catch (SQLException e) {
                release(s);
                return new Reply(0, null, List.of(), SqlError.from(e));
            }
        } else {
            s = sessions.get(call.session(), login);
            if (s == null) {
                return gone(call.session());
            }
        }
        return runOps(s, opened, call.ops(), call.releaseWhenIdle());
    }

    private Reply runOps(Session s, SessionInfo opened, List<Op> ops, boolean releaseWhenIdle) {
        List<Result> results = new ArrayList<>(ops.size());
        s.enter();
        s.lock.lock();
        try {
            if (s.ended()) {
                return gone(s.id);
            }
            for (Op op : ops) {
                if (op instanceof Op.Release) {
                    sessions.release(s);
                    results.add(DONE);
                    return new Reply(0, opened, results, null);
                }
                try {
                    results.add(Dispatcher.run(s, op));
                } catch (SQLException e) {
                    if (closedUnder(s)) {
                        // The driver closed its connection (backend killed, socket lost): the session
                        // ends now, so that the client's connection says it is closed, as the driver's does.
                        sessions.release(s);
                        return new Reply(0, opened, results, SqlError.from(e));
                    }
                    return new Reply(s.id, opened, results, SqlError.from(e));
                } catch (RuntimeException e) {
                    return new Reply(s.id, opened, results, internal(e));
                }
            }
            if (releaseWhenIdle && s.idle() && autoCommit(s)) {
                sessions.release(s); // nothing of this session can outlive the call: return it now
                return new Reply(0, opened, results, null);
            }
            return new Reply(s.id, opened, results, null);
        } finally {
            if (s.releaseAfterCall && !s.ended()) {
                sessions.release(s); // the client gave it back while this call ran (see releaseClosed)
            }
            s.lock.unlock();
            s.exit(sessions.leaseNanos());
        }
    }

    /** @return whether the driver has closed the session's connection by itself (a field read in pgjdbc and Connector/J) */
    private static boolean closedUnder(Session s) {
        try {
            return s.connection.isClosed();
        } catch (SQLException e) {
            return false; // in doubt keep the session: its next call tells
        }
    }

    private static boolean autoCommit(Session s) {
        try {
            return s.connection.getAutoCommit();
        } catch (SQLException e) {
            return false; // in doubt keep the session: the client's next call or the lease ends it
        }
    }

    private void release(Session s) {
        s.lock.lock();
        try {
            if (!s.ended()) {
                sessions.release(s);
            }
        } finally {
            s.lock.unlock();
        }
    }

    /**
     * Gives back the sessions the client closed since its last call, first, so that the
     * borrow of this very call can have one of their connections. Sessions that are gone
     * already (lease, shutdown) or belong to another login are skipped: there is nothing
     * left to give back, and nobody may end another's session. A session whose call still runs
     * is given back by that call when it ends, so this call does not wait for it.
     */
    private void releaseClosed(Call call, Login login) {
        for (int i = 0, n = call.releasedCount(); i < n; i++) {
            Session s = sessions.get(call.released(i), login);
            if (s == null) {
                continue;
            }
            // Marked first: a call of it that still runs (its client stopped waiting for it, a network
            // timeout) gives it back when it ends; else it is given back here. In the instant between a
            // call's last look at the mark and its unlock, neither does, and the lease ends it.
            s.releaseAfterCall = true;
            if (s.lock.tryLock()) {
                try {
                    if (!s.ended()) {
                        sessions.release(s);
                    }
                } finally {
                    s.lock.unlock();
                }
            }
        }
    }

    private Reply gone(long session) {
        return new Reply(0, null, List.of(), SqlError.of(SqlError.Kind.NON_TRANSIENT_CONNECTION,
                Protocol.STATE_NO_CONNECTION, "remote connection " + session + " to pool '" + pool.name()
                        + "' is gone: its lease expired (the client stopped renewing it) or it was closed;"
                        + " its transaction was rolled back"));
    }

    private SqlError internal(RuntimeException e) {
        LOG.log(Level.ERROR, "remote call on pool " + pool.name() + " failed inside the daemon", e);
        return SqlError.of(SqlError.Kind.GENERIC, "XX000", "internal error in poold: " + e);
    }

    /** @return the host of the client whose call (channel or RMI) the current thread serves, for logs */
    public static String clientHost() {
        String channelClient = ChannelHandler.CLIENT.get();
        if (channelClient != null) {
            return channelClient;
        }
        try {
            return java.rmi.server.RemoteServer.getClientHost();
        } catch (java.rmi.server.ServerNotActiveException e) {
            return "an unknown host";
        }
    }

    private static BorrowRequest request(String tenant, Borrow b) {
        return new BorrowRequest(tenant, b.intent(), b.priority(),
                b.timeoutMillis() < 0 ? null : Duration.ofMillis(b.timeoutMillis()));
    }

    @Override
    public long[] renew(byte[] ticket, long[] ids) {
        if (ids == null) {
            return new long[0];
        }
        Ticket t = tickets.use(ticket);
        if (t == null) {
            return ids; // none of them can belong to an unknown ticket
        }
        long[] unknown = new long[ids.length];
        int n = 0;
        for (long id : ids) {
            Session s = sessions.get(id, t.login);
            if (s == null) {
                unknown[n++] = id;
            } else {
                s.renew(sessions.leaseNanos());
            }
        }
        return Arrays.copyOf(unknown, n);
    }

    @Override
    public void cancel(byte[] ticket, long handle) {
        Ticket t = tickets.use(ticket);
        Session s = t == null ? null : sessions.byHandle(handle, t.login);
        if (s != null) {
            s.cancel();
        }
    }

    /**
     * Gives every remote session's lease {@code nanos} more: the daemon stood still that long
     * (stopped, its VM suspended, starved of CPU), and its clients' renewals could not reach it.
     */
    public void creditLeases(long nanos) {
        sessions.credit(nanos);
    }

    /** Expires leases and idle tickets; called by the server's reaper. */
    public void expire() {
        long now = System.nanoTime();
        sessions.expire(now);
        tickets.expire(now);
    }

    /**
     * Starts a graceful shutdown: no new logins or borrows, while sessions that hold a
     * connection go on (calls, renewals, commit) until they return it.
     */
    public void drain() {
        draining = true;
    }

    /**
     * Retires the endpoint a reload replaced or removed: no new logins (but successions of
     * live tickets) or borrows, which learn to look the pool up again; the sessions open here
     * go on (calls, renewals, cancels, commit) until they end or {@code deadlineNanos}
     * ({@code System.nanoTime()}) passes. The server ends it then.
     */
    public void retire(long deadlineNanos) {
        drainDeadline = deadlineNanos;
        retired = true;
        draining = true;
    }

    /** @return whether this endpoint was retired and its drain is over: nothing open here, or its time is up */
    public boolean drained(long nowNanos) {
        return retired && (sessions.size() == 0 || nowNanos - drainDeadline >= 0);
    }

    /** @return whether {@code ticket} was issued here and is not forgotten yet (valid or not) */
    public boolean issued(byte[] ticket) {
        return tickets.find(ticket) != null;
    }

    private SqlError retiredRefusal() {
        return SqlError.of(SqlError.Kind.TICKET_EXPIRED, Protocol.STATE_ENDPOINT_RETIRED, "pool '" + pool.name()
                + "' was replaced or removed by a reload of poold: look it up again (its open connections carry on"
                + " until they are returned or the drain timeout ends them)");
    }

    private SqlError shuttingDown() {
        return SqlError.of(SqlError.Kind.NON_TRANSIENT_CONNECTION, "08003",
                "pool '" + pool.name() + "' is shutting down: no new connections (in-flight work may finish)");
    }

    /** Ends every session (rolled back, connection returned) and forgets every ticket. */
    public void shutdown() {
        shutDown = true;
        sessions.endAll();
        tickets.clear();
    }
}
