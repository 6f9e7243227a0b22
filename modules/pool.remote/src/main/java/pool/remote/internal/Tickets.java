package pool.remote.internal;

import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import pool.protocol.Protocol;
import pool.remote.TicketLimits;

/**
 * The live login tickets of one pool: after one slow password check a client opens its
 * call channels, renews and cancels with a {@link Protocol#TICKET_BYTES}-byte random
 * ticket instead of its password, so calls stay cheap and the password crosses the
 * wire once per ticket lifetime.
 */
final class Tickets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final System.Logger LOG = System.getLogger("poold.login");

    /**
     * Most live tickets of one user in one pool. A client holds one per pool and JVM (two for a
     * moment while it logs in again before the lifetime), so this serves a thousand application
     * servers sharing a user; without it a client that logs in again and again, each time with
     * the right password, would grow the daemon's tickets at the password check's rate for the
     * whole idle timeout.
     */
    static final int MAX_PER_USER = 1024;

    /** A ticket just issued: the bytes the client gets, and the daemon's side of it. */
    record Issued(byte[] bytes, Ticket ticket) {
    }

    private final ConcurrentHashMap<TicketId, Ticket> live = new ConcurrentHashMap<>();
    private final TicketLimits limits;
    private final LongSupplier nanoClock;

    Tickets(TicketLimits limits, LongSupplier nanoClock) {
        this.limits = limits;
        this.nanoClock = nanoClock;
    }

    TicketLimits limits() {
        return limits;
    }

    /** Issues a ticket for {@code login}: a first login's own, or one that succeeds a ticket of the same login. */
    synchronized Issued issue(Login login) {
        byte[] bytes = new byte[Protocol.TICKET_BYTES];
        RANDOM.nextBytes(bytes);
        makeRoomFor(login.user);
        Ticket ticket = new Ticket(login, limits, nanoClock.getAsLong());
        live.put(TicketId.of(bytes), ticket);
        return new Issued(bytes, ticket);
    }

    /**
     * Ends the user's ticket unused the longest when the user holds {@link #MAX_PER_USER}: its
     * client, if it is still there, logs in again by itself. Logins are slow (a password check
     * each), so a walk over the live tickets costs nothing beside one.
     */
    private void makeRoomFor(String user) {
        TicketId oldestId = null;
        Ticket oldest = null;
        int held = 0;
        for (java.util.Map.Entry<TicketId, Ticket> e : live.entrySet()) {
            Ticket t = e.getValue();
            if (t.login.user.equals(user)) {
                held++;
                if (oldest == null || t.lastUsedNanos() - oldest.lastUsedNanos() < 0) {
                    oldest = t;
                    oldestId = e.getKey();
                }
            }
        }
        if (held >= MAX_PER_USER && live.remove(oldestId, oldest)) {
            oldest.end();
            LOG.log(System.Logger.Level.INFO, "user ''{0}'' holds {1} login tickets: the one unused the longest"
                    + " ended (a client that logs in again and again?)", user, String.valueOf(held));
        }
    }

    /** @return the live ticket with these bytes, its use noted; null when unknown, ended or expired */
    Ticket use(byte[] bytes) {
        Ticket t = find(bytes);
        return t != null && t.use(nanoClock.getAsLong()) ? t : null;
    }

    /** @return the ticket with these bytes whether or not it is still valid, without noting a use; or null */
    Ticket find(byte[] bytes) {
        return bytes == null || bytes.length != Protocol.TICKET_BYTES ? null : live.get(TicketId.of(bytes));
    }

    /** Ends the tickets idle or alive for longer than their limits; their channels are closed. */
    void expire(long nowNanos) {
        endIf(t -> t.expired(nowNanos));
    }

    /** Ends the tickets of users {@code keep} rejects (removed, or their password changed). */
    void retainUsers(Predicate<String> keep) {
        endIf(t -> !keep.test(t.login.user));
    }

    /** Ends the tickets whose login {@code keep} refuses. */
    void retainLogins(Predicate<Login> keep) {
        endIf(t -> !keep.test(t.login));
    }

    /** Ends every ticket. */
    void clear() {
        endIf(t -> true);
    }

    private void endIf(Predicate<Ticket> condition) {
        live.values().removeIf(t -> {
            if (condition.test(t)) {
                t.end();
                return true;
            }
            return false;
        });
    }

    /** @return how many tickets are live */
    int size() {
        return live.size();
    }
}
