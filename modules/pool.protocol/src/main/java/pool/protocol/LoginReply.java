package pool.protocol;

import java.io.Serializable;

/**
 * The answer to a login: a ticket, or an error (SQLState 28000 for wrong credentials).
 *
 * @param ticket      the ticket to send with every later call, null on error
 * @param leaseMillis how long a borrowed session lives without a call or renewal
 * @param error       why the login failed, or null
 */
public record LoginReply(String ticket, long leaseMillis, SqlError error) implements Serializable {
}
