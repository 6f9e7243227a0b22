package pool.client.internal;

import java.rmi.ConnectException;
import java.rmi.ConnectIOException;
import java.rmi.NoSuchObjectException;
import java.rmi.RemoteException;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.util.Arrays;
import java.util.TimeZone;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import pool.protocol.LoginReply;
import pool.protocol.LoginRequest;
import pool.protocol.Protocol;
import pool.protocol.RemotePool;
import pool.protocol.Wire;
import pool.protocol.WireException;

/**
 * A link's login: the pool's stub, the ticket, and the call channels opened with the ticket.
 * Logs in when first asked, again (naming the ticket) before the ticket's lifetime ends, and
 * forgets the ticket when the daemon rejects it or goes away, so that the next call looks the
 * pool up and logs in afresh.
 */
final class Login {

    /** What the rest of the link does when the login changes. */
    interface Events {
        /** A login succeeded (the first or a refresh); the daemon ends sessions not renewed within {@code leaseMillis}. */
        void loggedIn(long leaseMillis);

        /** The ticket is gone, and with it whatever the daemon held under it. */
        void ticketDropped();

        /** The daemon went away: what it named means nothing to the next one. */
        void daemonGone();
    }

    /** The stub and the ticket of the current login. */
    record Ticket(RemotePool pool, byte[] bytes) {
    }

    private final Locator locator;
    private final String user;
    private final char[] password;
    private final String tenant;
    private final Counters counters;
    private final LinkErrors errors;
    private final Events events;
    /** Set while a login that succeeds the current ticket is out. */
    private final AtomicBoolean refreshing = new AtomicBoolean();

    private RemotePool pool;          // guarded by this
    private byte[] ticket;            // guarded by this
    /**
     * The channels opened with the ticket: written under this lock (set with the ticket,
     * dropped with it), read without it on every call, so that the application's threads
     * do not all queue on one monitor per call.
     */
    private volatile ChannelPool channels;
    /** Logs in again, naming the current ticket, before the ticket reaches its lifetime. */
    private ScheduledFuture<?> refresh; // guarded by this

    /** @param password kept (not copied): the caller hands over its own copy */
    Login(Locator locator, String user, char[] password, String tenant, Counters counters, LinkErrors errors,
          Events events) {
        this.locator = locator;
        this.user = user;
        this.password = password;
        this.tenant = tenant;
        this.counters = counters;
        this.errors = errors;
        this.events = events;
    }

    /** @return the channels of the current ticket, logging in first when there is none */
    ChannelPool channels() throws SQLException {
        ChannelPool current = channels;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            logIn();
            return channels;
        }
    }

    /** @return the channels of the current ticket without logging in; null when logged out */
    ChannelPool channelsIfLoggedIn() {
        return channels;
    }

    /** @return the stub and ticket, logging in first when there is none */
    synchronized Ticket loggedIn() throws SQLException {
        logIn();
        return new Ticket(pool, ticket);
    }

    /** @return the stub and ticket of the current login, or null when logged out */
    synchronized Ticket current() {
        return pool == null || ticket == null ? null : new Ticket(pool, ticket);
    }

    /** Logs in now unless a ticket is held; wrong credentials fail here with SQLState 28000. */
    void ensureLoggedIn() throws SQLException {
        if (channels == null) {
            logIn();
        }
    }

    private synchronized void logIn() throws SQLException {
        if (ticket != null) {
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
        for (int attempt = 0; ; attempt++) {
            boolean cached = pool != null;
            RemotePool p = stub();
            byte[] request = loginFrame(null);
            try {
                reply = Wire.decodeLoginReply(p.login(request));
                break;
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
        }
        if (reply.error() != null) {
            throw reply.error().toException();
        }
        adopt(reply);
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

    /** Takes the ticket of a successful login: its channels, its renewals, and its successor's login before its end. */
    private synchronized void adopt(LoginReply reply) {
        ticket = reply.ticket();
        channels = new ChannelPool(locator, ticket, counters, reply.maxChannels(), reply.maxCallBytes());
        events.loggedIn(reply.leaseMillis());
        scheduleRefresh(reply.ticketLifetimeMillis());
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
            forgetDaemon();
        }
    }

    /** The daemon went away (a call or a channel on {@code stale} failed): everything of it is stale. */
    synchronized void daemonGone(ChannelPool stale) {
        if (channels == stale) {
            forgetDaemon();
        }
    }

    private void forgetDaemon() {
        pool = null;
        dropTicket();
        events.daemonGone();
    }

    /** The daemon does not know {@code rejected} (any more): the next call logs in again. */
    synchronized void ticketRejected(byte[] rejected) {
        if (rejected == ticket) {
            dropTicket();
        }
    }

    /** Forgets the ticket and closes the channels opened with it. */
    private void dropTicket() {
        ticket = null;
        if (refresh != null) {
            refresh.cancel(false);
            refresh = null;
        }
        events.ticketDropped();
        if (channels != null) {
            channels.close();
            channels = null;
        }
    }

    /**
     * Logs in again a quarter of the ticket's lifetime before it ends, naming the ticket: the
     * daemon lets the new ticket carry on with the connections the link holds, and calls
     * still running on channels of the old ticket have that quarter to finish before the
     * daemon closes them. The application notices nothing. A failed attempt changes nothing:
     * the old ticket serves until it ends, and then the next call logs in again.
     */
    private synchronized void scheduleRefresh(long lifetimeMillis) {
        if (refresh != null) {
            refresh.cancel(false);
        }
        long delay = Math.max(500, lifetimeMillis - lifetimeMillis / 4);
        refresh = WeakTask.once(ClientThreads.TIMER, this,
                l -> ClientThreads.runAlone(l.refreshing, l::refreshTicket), delay);
    }

    private void refreshTicket() {
        RemotePool p;
        byte[] old;
        synchronized (this) {
            p = pool;
            old = ticket;
        }
        if (p == null || old == null) {
            return;
        }
        LoginReply reply;
        byte[] request = null;
        try {
            request = loginFrame(old);
            counters.logins.increment();
            reply = Wire.decodeLoginReply(p.login(request));
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
            if (ticket != old) {
                return; // the link logged in afresh meanwhile (a reconnect): that ticket stands
            }
            stale = channels;
            adopt(reply);
        }
        if (stale != null) {
            stale.close(); // idle channels now; those in a call when they are given back
        }
    }

    /**
     * Stops refreshing and closes idle channels. A connection still open keeps the ticket:
     * it opens a channel per call from now on.
     */
    synchronized void close() {
        if (refresh != null) {
            refresh.cancel(false);
            refresh = null;
        }
        ChannelPool current = channels;
        if (current != null) {
            current.close();
        }
    }
}
