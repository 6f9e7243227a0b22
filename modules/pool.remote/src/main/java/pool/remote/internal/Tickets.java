package pool.remote.internal;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login tickets: after one slow password check a client sends a 256-bit random ticket
 * with each call instead of its password, so calls stay cheap and the password
 * crosses the wire once.
 */
final class Tickets {

    /** Who a ticket belongs to and when it was last used. */
    static final class Holder {
        final String user;
        final String tenant;
        volatile long lastUsedNanos;

        Holder(String user, String tenant) {
            this.user = user;
            this.tenant = tenant;
            this.lastUsedNanos = System.nanoTime();
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConcurrentHashMap<String, Holder> tickets = new ConcurrentHashMap<>();
    private final long idleNanos;

    Tickets(Duration idle) {
        this.idleNanos = idle.toNanos();
    }

    String issue(String user, String tenant) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tickets.put(ticket, new Holder(user, tenant));
        return ticket;
    }

    /** @return the ticket's holder, its use noted; null when the ticket is unknown or expired */
    Holder use(String ticket) {
        Holder h = ticket == null ? null : tickets.get(ticket);
        if (h != null) {
            h.lastUsedNanos = System.nanoTime();
        }
        return h;
    }

    /** Forgets tickets unused for longer than the idle time. */
    void expire(long nowNanos) {
        tickets.values().removeIf(h -> nowNanos - h.lastUsedNanos > idleNanos);
    }

    /** Drops the tickets of users {@code keep} rejects (removed, or their password changed). */
    void retainUsers(java.util.function.Predicate<String> keep) {
        tickets.values().removeIf(h -> !keep.test(h.user));
    }

    void clear() {
        tickets.clear();
    }
}
