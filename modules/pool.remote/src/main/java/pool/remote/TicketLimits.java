package pool.remote;

import java.time.Duration;
import java.util.Objects;

/**
 * What one login ticket may cost and how long it lives. A client logs in once (a slow
 * password check) and then opens call channels with its ticket; these bound what that
 * ticket can hold at once and for how long it stands in for the password.
 *
 * @param idleTimeout  a ticket unused this long ends (no call, renewal or new channel)
 * @param lifetime     a ticket ends this long after its login however much it is used; the
 *                     client logs in again before then by itself, keeping the connections it holds
 * @param maxChannels  most call channels open at once with one ticket (each is a socket and
 *                     a thread in the daemon)
 * @param maxCallBytes most bytes of call frames the daemon holds at once for one ticket, from
 *                     the first byte read to the reply written; also the largest call a client
 *                     may send. Frames up to {@link #UNCOUNTED_CALL_BYTES} are not counted
 */
public record TicketLimits(Duration idleTimeout, Duration lifetime, int maxChannels, int maxCallBytes) {

    /**
     * Frames this small are not counted against {@code maxCallBytes}: nearly every call is,
     * and counting them would put shared state on every call of a ticket's channels. The
     * channel limit bounds what they hold together: {@code maxChannels} times this.
     */
    public static final int UNCOUNTED_CALL_BYTES = 64 * 1024;

    /** Idle 1 h, lifetime 8 h, 256 channels, 64 MiB of calls. */
    public static final TicketLimits DEFAULT = new TicketLimits(Duration.ofHours(1), Duration.ofHours(8), 256, 64 << 20);

    public TicketLimits {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(lifetime, "lifetime");
        if (idleTimeout.toMillis() < 1000 || lifetime.toMillis() < 1000) {
            throw new IllegalArgumentException("ticket idle timeout and lifetime must be at least 1 s, got "
                    + idleTimeout + " and " + lifetime);
        }
        if (maxChannels < 1) {
            throw new IllegalArgumentException("at least one channel per ticket, got " + maxChannels);
        }
        if (maxCallBytes < UNCOUNTED_CALL_BYTES) {
            throw new IllegalArgumentException("maxCallBytes must be at least " + UNCOUNTED_CALL_BYTES + ", got "
                    + maxCallBytes);
        }
    }
}
