package pool.protocol;

/**
 * The answer to a login, and to a call channel's hello: a ticket with its terms, or an
 * error (SQLState 28000 for wrong credentials). A hello's answer carries only the error,
 * null when the channel is open.
 *
 * @param ticket               the ticket ({@link Protocol#TICKET_BYTES} bytes) to open call
 *                             channels with and to renew and cancel with, null on error
 * @param leaseMillis          how long a borrowed session lives without a call or renewal
 * @param ticketLifetimeMillis how long the ticket is valid at most, however much it is used;
 *                             the client logs in again before then
 * @param maxChannels          most call channels open at once with this ticket
 * @param maxCallBytes         largest call frame the daemon reads under this ticket
 * @param error                why the login failed, or null
 */
public record LoginReply(byte[] ticket, long leaseMillis, long ticketLifetimeMillis, int maxChannels, int maxCallBytes,
                         SqlError error) {

    /** @return a reply that refuses, saying why */
    public static LoginReply refused(SqlError error) {
        return new LoginReply(null, 0, 0, 0, 0, error);
    }

    /** @return the answer to a hello that opened the channel */
    public static LoginReply opened() {
        return new LoginReply(null, 0, 0, 0, 0, null);
    }

    @Override
    public String toString() {
        return "LoginReply[lease=" + leaseMillis + " ms, lifetime=" + ticketLifetimeMillis + " ms, maxChannels="
                + maxChannels + ", maxCallBytes=" + maxCallBytes + ", error=" + error + "]"; // never the ticket
    }
}
