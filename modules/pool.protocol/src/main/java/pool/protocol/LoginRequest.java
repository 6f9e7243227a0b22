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
 */
public record LoginRequest(int protocolVersion, String user, char[] password, String tenant) implements Serializable {
    public LoginRequest {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "LoginRequest[user=" + user + ", tenant=" + tenant + "]"; // never the password
    }
}
