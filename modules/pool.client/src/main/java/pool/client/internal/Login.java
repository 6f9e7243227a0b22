package pool.client.internal;

import java.rmi.ConnectException;
import java.rmi.ConnectIOException;
import java.rmi.NoSuchObjectException;
import java.rmi.RemoteException;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.util.Arrays;
import java.util.TimeZone;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import pool.protocol.LoginReply;
import pool.protocol.LoginRequest;
import pool.protocol.Protocol;
import pool.protocol.RemotePool;
import pool.protocol.SqlError;
import pool.protocol.Wire;
import pool.protocol.WireException;

/**
 * A link's login: the pool's stub and the {@link Grant} new borrows go to. Logs in when
 * first asked, again (naming the ticket) before a ticket's lifetime ends, and forgets a
 * grant when the daemon rejects its ticket or goes away, so that the next call looks the
 * pool up and logs in afresh. When a reload of the daemon retires the endpoint of the
 * current grant, the grant is kept for the sessions opened under it, and the next borrow
 * looks the pool up and logs in to the new endpoint under a grant of its own.
 */
final class Login {

    /** What the rest of the link does when the login changes. */
    interface Events {
        /** A login succeeded (the first or a refresh); the daemon ends sessions not renewed within {@code leaseMillis}. */
        void loggedIn(long leaseMillis);

        /** The daemon went away: what it named means nothing to the next one. */
        void daemonGone();
    }

    /**
     * How long a login refused because the daemon's password checks are all taken is tried
     * again when the data source sets no login timeout (one sets the bound itself).
     */
    static final long BUSY_RETRY_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long FIRST_BUSY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(25);
    private static final long MAX_BUSY_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Locator locator;
    private final String user;
    private final char[] password;
    private final String tenant;
    private final Counters counters;
    private final LinkErrors errors;
    private final Events events;
    private final long releaseDelayNanos;

    /** The stub new logins go to; null until looked up, and after the daemon or the endpoint went away. */
    private RemotePool pool; // guarded by this
    /**
     * Where new borrows go: written under this lock, read without it on every call, so
     * that the application's threads do not all queue on one monitor per call.
     */
    private volatile Grant current;

    /** @param password kept (not copied): the caller hands over its own copy */
    Login(Locator locator, String user, char[] password, String tenant, Counters counters, LinkErrors errors,
          long releaseDelayNanos, Events events) {
        this.locator = locator;
        this.user = user;
        this.password = password;
        this.tenant = tenant;
        this.counters = counters;
        this.errors = errors;
        this.releaseDelayNanos = releaseDelayNanos;
        this.events = events;
    }

    /** @return the grant new borrows go to, logging in first when there is none */
    Grant grant() throws SQLException {
        Grant g = current;
        return g != null ? g : logInWhileBusy(System.nanoTime() + BUSY_RETRY_NANOS);
    }

    /** @return the grant new borrows go to, without logging in; null when logged out */
    Grant currentGrant() {
        return current;
    }

    /** Logs in now unless a ticket is held; wrong credentials fail here with SQLState 28000. */
    void ensureLoggedIn() throws SQLException {
        ensureLoggedIn(System.nanoTime() + BUSY_RETRY_NANOS);
    }

    /**
     * {@link #ensureLoggedIn()}, trying again until {@code deadlineNanos} (of {@link System#nanoTime()})
     * while the daemon answers that its password checks are all taken.
     */
    void ensureLoggedIn(long deadlineNanos) throws SQLException {
        if (current == null) {
            logInWhileBusy(deadlineNanos);
        }
    }

    /**
     * Logs in, and tries again after a pause while the daemon refuses the login unchecked
     * because every place in its password-check queue is taken (53300): an application server
     * starting many data sources at once, or many client JVMs on one host, would otherwise see
     * logins fail that a moment later succeed. The pause doubles from 25 ms up to 1 s, at a
     * random point of its second half so that refused clients do not come back together, and
     * happens outside this login's lock. Every other refusal fails at once.
     */
    private Grant logInWhileBusy(long deadlineNanos) throws SQLException {
        long pauseNanos = FIRST_BUSY_PAUSE_NANOS;
        for (;;) {
            try {
                synchronized (this) {
                    logIn();
                    return current;
                }
            } catch (SQLException e) {
                if (!Protocol.STATE_TOO_MANY_LOGINS.equals(e.getSQLState())) {
                    throw e;
                }
                long pause = ThreadLocalRandom.current().nextLong(pauseNanos / 2, pauseNanos + 1);
                if (deadlineNanos - System.nanoTime() < pause) {
                    throw e;
                }
                try {
                    TimeUnit.NANOSECONDS.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pauseNanos = Math.min(2 * pauseNanos, MAX_BUSY_PAUSE_NANOS);
            }
        }
    }

    private synchronized void logIn() throws SQLException {
        if (current != null) {
            return;
        }
        if (user.isEmpty()) {
            // The daemon would answer "wrong user name or password": say what is missing instead.
            throw new SQLInvalidAuthorizationSpecException("cannot log in to pool '" + locator.pool() + "': no user"
                    + " name given: set Context.SECURITY_PRINCIPAL and SECURITY_CREDENTIALS (JNDI), the user and password"
                    + " of RemoteDataSourceFactory, or RemoteDataSource.Builder.user(...).password(...)",
                    Protocol.STATE_AUTH);
        }
        LoginReply reply;
        RemotePool p;
        for (int attempt = 0; ; attempt++) {
            boolean cached = pool != null;
            p = stub();
            byte[] request = loginFrame(null);
            try {
                reply = Wire.decodeLoginReply(p.login(request));
            } catch (RemoteException e) {
                dropStub(p);
                if (cached && attempt == 0 && neverDelivered(e)) {
                    continue; // a stub of a daemon that went away: look the pool up again
                }
                throw errors.linkFailure("logging in to", e);
            } catch (WireException e) {
                throw errors.protocolViolation("logging in to", e);
            } finally {
                Arrays.fill(request, (byte) 0); // it held the password
                counters.roundTrips.increment();
                counters.logins.increment();
            }
            if (cached && attempt == 0 && retired(reply.error())) {
                pool = null; // a stub of an endpoint a reload replaced: look the pool up again
                continue;
            }
            break;
        }
        if (reply.error() != null) {
            throw reply.error().toException();
        }
        Grant g = new Grant(p, channels(reply), releaseDelayNanos, this, counters);
        current = g;
        events.loggedIn(reply.leaseMillis());
        scheduleRefresh(g, reply.ticketLifetimeMillis());
    }

    /** @return whether {@code error} says the endpoint was retired by a reload: the pool must be looked up again */
    static boolean retired(SqlError error) {
        return error != null && error.kind() == SqlError.Kind.TICKET_EXPIRED
                && Protocol.STATE_ENDPOINT_RETIRED.equals(error.sqlState());
    }

    private ChannelPool channels(LoginReply reply) {
        return new ChannelPool(locator, reply.ticket(), counters, reply.maxChannels(), reply.maxCallBytes());
    }

    /** @return the login frame, succeeding {@code previousTicket} if not null */
    private byte[] loginFrame(byte[] previousTicket) throws SQLException {
        try {
            return Wire.encode(new LoginRequest(Protocol.VERSION, user, password, tenant, previousTicket,
                    Temporals.zoneId(TimeZone.getDefault())));
        } catch (IllegalArgumentException e) {
            throw new SQLInvalidAuthorizationSpecException("cannot log in to pool '" + locator.pool() + "': "
                    + e.getMessage(), Protocol.STATE_AUTH, e);
        }
    }

    private static boolean neverDelivered(RemoteException e) {
        return e instanceof ConnectException || e instanceof NoSuchObjectException || e instanceof ConnectIOException;
    }

    private RemotePool stub() throws SQLException {
        if (pool == null) {
            counters.lookups.increment();
            counters.roundTrips.increment();
            pool = locator.lookup();
        }
        return pool;
    }

    private synchronized void dropStub(RemotePool stale) {
        if (pool == stale) {
            pool = null;
            Grant g = current;
            if (g != null) {
                current = null;
                g.endLinkLost();
            }
            events.daemonGone();
        }
    }

    /**
     * The daemon went away (a call or a channel of {@code stale} failed): the grant is gone,
     * and when it was the current one, so is everything else of that daemon.
     */
    synchronized void daemonGone(Grant stale) {
        if (stale.dropped()) {
            return;
        }
        stale.endLinkLost();
        if (current == stale) {
            current = null;
            if (pool == stale.pool) {
                pool = null;
            }
            events.daemonGone();
        }
    }

    /** The daemon does not know {@code rejected} (any more): the grant is gone, and the next borrow logs in again. */
    synchronized void ticketRejected(Grant grant, byte[] rejected) {
        if (grant.ticket() == rejected && !grant.dropped()) {
            grant.end(false);
            if (current == grant) {
                current = null;
            }
        }
    }

    /**
     * A reload retired the endpoint of {@code grant}: it serves the sessions opened under it
     * until they end, and the next borrow looks the pool up and logs in again.
     *
     * @return whether this call retired the grant (it was the current one)
     */
    synchronized boolean retire(Grant grant) {
        if (!grant.move(Grant.State.CURRENT, Grant.State.RETIRED)) {
            return false;
        }
        if (current == grant) {
            current = null;
        }
        if (pool == grant.pool) {
            pool = null;
        }
        return true;
    }

    /**
     * Logs in again a quarter of the ticket's lifetime before it ends, naming the ticket: the
     * daemon lets the new ticket carry on with the connections the grant holds, and calls
     * still running on channels of the old ticket have that quarter to finish before the
     * daemon closes them. The application notices nothing. A failed attempt changes nothing:
     * the old ticket serves until it ends, and then the next call logs in again. A retired
     * grant is refreshed too while it serves its sessions: a retired endpoint still takes a
     * login that succeeds a live ticket.
     */
    private void scheduleRefresh(Grant g, long lifetimeMillis) {
        long delay = Math.max(500, lifetimeMillis - lifetimeMillis / 4);
        // The grant owns the task, not this login: the work reaches the login through it.
        g.refresh(WeakTask.once(ClientThreads.TIMER, g,
                gr -> ClientThreads.runAlone(gr.refreshing, () -> gr.login.refreshTicket(gr)), delay));
    }

    private void refreshTicket(Grant g) {
        if (g.dropped()) {
            return;
        }
        byte[] old = g.ticket();
        LoginReply reply;
        byte[] request = null;
        try {
            request = loginFrame(old);
            counters.logins.increment();
            reply = Wire.decodeLoginReply(g.pool.login(request));
        } catch (SQLException | RemoteException | WireException e) {
            return;
        } finally {
            if (request != null) {
                Arrays.fill(request, (byte) 0); // it held the password
            }
        }
        if (reply.error() != null) {
            return;
        }
        ChannelPool stale;
        synchronized (this) {
            if (g.dropped() || g.ticket() != old) {
                return; // the grant ended meanwhile (a reconnect): the ticket is not needed
            }
            stale = g.channels();
            g.channels(channels(reply));
            events.loggedIn(reply.leaseMillis());
            scheduleRefresh(g, reply.ticketLifetimeMillis());
        }
        stale.close(); // idle channels now; those in a call when they are given back
    }

    /**
     * Stops refreshing and closes idle channels. A connection still open keeps the ticket:
     * it opens a channel per call from now on.
     */
    synchronized void close() {
        Grant g = current;
        if (g != null) {
            g.refresh(null);
            g.channels().close();
        }
    }
}
