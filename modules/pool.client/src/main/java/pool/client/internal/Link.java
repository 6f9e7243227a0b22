package pool.client.internal;

import java.io.IOException;
import java.rmi.RemoteException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import pool.protocol.Borrow;
import pool.protocol.Call;
import pool.protocol.Op;
import pool.protocol.Reply;
import pool.protocol.SqlError;
import pool.protocol.Wire;
import pool.protocol.WireException;

/**
 * The client's line to one pool for one user, made of parts with one job each: the
 * {@link Login} (stub, ticket, call channels), the {@link Leases} of its open connections,
 * its {@link DeferredReleases} and its {@link LinkCaches}. The link itself makes the calls.
 *
 * <p>Calls travel over call channels ({@link ChannelPool}), opened with the ticket of
 * the current login; RMI carries the lookup, logins, renewals and cancels.
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
    private final Login login;
    private final Leases leases;
    private final DeferredReleases releases;
    private final LinkCaches caches = new LinkCaches();

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
                counters, errors, new Login.Events() {
                    @Override
                    public void loggedIn(long leaseMillis) {
                        leases.schedule(leaseMillis);
                    }

                    @Override
                    public void ticketDropped() {
                        releases.clear();
                    }

                    @Override
                    public void daemonGone() {
                        caches.daemonGone();
                    }
                });
        this.leases = new Leases(login, counters);
        this.releases = new DeferredReleases(releaseDelay.toNanos(), login, counters);
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

    DeferredReleases releases() {
        return releases;
    }

    /** Logs in now unless a ticket is held; wrong credentials fail here with SQLState 28000. */
    public void ensureLoggedIn() throws SQLException {
        login.ensureLoggedIn();
    }

    /**
     * One round trip, carrying the releases that wait for one.
     *
     * @throws SQLException with SQLState 08006 when the link failed mid-call, 08P01 when the
     *         daemon's answer could not be decoded, {@link UnsentCallException} when the call could
     *         not be encoded (nothing was sent)
     */
    Reply call(long session, long handle, Borrow borrow, boolean releaseWhenIdle, List<Op> ops)
            throws SQLException {
        for (int attempt = 0; ; attempt++) {
            ChannelPool current = login.channels();
            byte[] t = current.ticket();
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
                channel = current.take();
            } catch (Channel.Refused e) {
                if (e.error.kind() != SqlError.Kind.TICKET_EXPIRED) {
                    throw e.error.toException(); // the ticket is fine: the daemon refuses this channel (its limit)
                }
                login.ticketRejected(t); // nothing was sent: log in again (looking the pool up again if need be) and retry
                if (attempt == 0) {
                    continue;
                }
                throw e.error.toException();
            } catch (IOException e) {
                login.daemonGone(current); // nothing was sent, so a new session can safely be asked of a fresh link
                if (session == 0 && attempt == 0) {
                    continue;
                }
                throw errors.linkFailure("calling", e);
            }
            Reply reply;
            try {
                counters.roundTrips.increment();
                reply = Wire.decodeReply(channel.call(frame));
                current.give(channel);
            } catch (WireException e) {
                channel.close();
                throw errors.protocolViolation("calling", e);
            } catch (IOException e) {
                channel.close();
                login.daemonGone(current);
                throw errors.linkFailure("calling", e);
            }
            SqlError error = reply.error();
            if (error != null && error.kind() == SqlError.Kind.TICKET_EXPIRED && attempt == 0) {
                login.ticketRejected(t); // the daemon rejected the call before doing anything: log in again and retry
                continue;
            }
            return reply;
        }
    }

    /** @return the lease holder of a new connection, renewed until {@link #forget} or until {@code owner} is collected */
    Held register(Object owner) {
        return leases.register(owner);
    }

    /** Stops renewing for a connection the application closed. */
    void forget(Held h) {
        leases.forget(h);
    }

    /** @return whether {@link #release} defers; else a close gives its session back in a call of its own */
    boolean defersReleases() {
        return releases.defers();
    }

    /** Gives back the session of a connection closed in autocommit with the next call of this link; see {@link DeferredReleases}. */
    void release(long session) {
        releases.add(session);
    }

    /** Gives back now the sessions of closed connections that wait for a call to carry them. */
    void flushReleases() {
        releases.flush();
    }

    /** Cancels what the session runs now; a separate connection to the daemon, the session's own is busy. */
    void cancel(long handle) throws SQLException {
        Login.Ticket t = login.loggedIn();
        try {
            counters.roundTrips.increment();
            t.pool().cancel(t.bytes(), handle);
        } catch (RemoteException e) {
            throw errors.linkFailure("cancelling a statement on", e);
        }
    }

    /**
     * Gives back the sessions of closed connections, stops renewing and closes idle
     * channels; sessions still held expire on the daemon after their lease.
     */
    public void close() {
        releases.close();
        leases.close();
        login.close();
    }
}
