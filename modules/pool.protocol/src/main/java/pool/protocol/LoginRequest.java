package pool.protocol;

import java.util.Objects;

/**
 * A login.
 *
 * @param protocolVersion {@link Protocol#VERSION} of the client (on the wire: the frame's version byte)
 * @param user            the pool user
 * @param password        the password; a {@code char[]} so the client can clear its copy
 * @param tenant          the tenant the client's borrows are charged to, or null
 * @param previousTicket  the ticket this login succeeds, or null: a client logs in again before
 *                        its ticket reaches its lifetime ({@link LoginReply#ticketLifetimeMillis()})
 *                        and names the old ticket, so that the connections it holds carry on
 *                        under the new one
 * @param zone            the client JVM's default time zone id, or null for the daemon's: the
 *                        zone the database session works in for the client (PostgreSQL's
 *                        {@code TimeZone}), as the backend driver would set it in the client's JVM
 */
public record LoginRequest(int protocolVersion, String user, char[] password, String tenant, byte[] previousTicket,
        String zone) {
    public LoginRequest {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /** A login in the daemon's zone. */
    public LoginRequest(int protocolVersion, String user, char[] password, String tenant, byte[] previousTicket) {
        this(protocolVersion, user, password, tenant, previousTicket, null);
    }

    /** A first login: it succeeds no ticket. */
    public LoginRequest(int protocolVersion, String user, char[] password, String tenant) {
        this(protocolVersion, user, password, tenant, null, null);
    }

    @Override
    public String toString() {
        return "LoginRequest[user=" + user + ", tenant=" + tenant + "]"; // never the password or the ticket
    }
}
