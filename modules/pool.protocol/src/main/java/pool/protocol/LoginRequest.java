package pool.protocol;

import java.io.Serializable;
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
 */
public record LoginRequest(int protocolVersion, String user, char[] password, String tenant, byte[] previousTicket)
        implements Serializable {
    public LoginRequest {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /** A first login: it succeeds no ticket. */
    public LoginRequest(int protocolVersion, String user, char[] password, String tenant) {
        this(protocolVersion, user, password, tenant, null);
    }

    @Override
    public String toString() {
        return "LoginRequest[user=" + user + ", tenant=" + tenant + "]"; // never the password or the ticket
    }
}
