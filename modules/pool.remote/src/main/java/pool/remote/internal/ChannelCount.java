package pool.remote.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The call channels open in the daemon, over every ticket, pool and user. Each one is a
 * socket and a platform thread (see {@link ChannelHandler}); a ticket's own limit
 * ({@code maxChannelsPerTicket}) bounds one login, but a client user may log in as often as
 * it likes, and three logins made 641 threads. So the daemon admits at most {@code max}
 * channels at once, and one client user at most {@code perUser} of them, so that a user at
 * its limit leaves channels for the others.
 *
 * <p>{@code -Dpoold.remote.maxChannels} sets the bound; by default four channels per connection
 * the published pools may open ({@code maxSize + burstMaxSize}, summed), at least 256 and at
 * most 1,024: a connection has at most one call in flight, and the rest covers borrows
 * waiting for a connection and the channels clients keep idle for their next calls.
 * {@code -Dpoold.remote.maxChannelsPerUser} sets the share; by default the whole bound (no
 * share): the channels a client keeps idle for its next calls count too, and the usual
 * deployment, many application servers logging in as one client user, would see one
 * server's idle channels hold back another's calls until they age out (30 s).
 */
final class ChannelCount {

    static final int MIN_DEFAULT = 256;
    static final int MAX_DEFAULT = 1024;
    static final int PER_CONNECTION = 4;

    private final IntSupplier max;
    private final IntSupplier perUser;
    /** Guarded by this. */
    private int open;
    /** Channels open per user; a user with none is forgotten. Guarded by this. */
    private final Map<String, Integer> byUser = new HashMap<>();

    ChannelCount(IntSupplier max, IntSupplier perUser) {
        this.max = max;
        this.perUser = perUser;
    }

    /**
     * @param poolConnections the connections the published pools may open, summed (read on each admission,
     *                        so that a reload or resize moves the default bound)
     */
    static ChannelCount configured(IntSupplier poolConnections) {
        Integer fixed = Integer.getInteger("poold.remote.maxChannels");
        IntSupplier max = fixed != null ? () -> Math.max(1, fixed)
                : () -> defaultMax(poolConnections.getAsInt());
        Integer share = Integer.getInteger("poold.remote.maxChannelsPerUser");
        IntSupplier perUser = share != null ? () -> Math.max(1, share) : max;
        return new ChannelCount(max, perUser);
    }

    /** @return the default bound for pools that may open {@code connections} connections in all */
    static int defaultMax(int connections) {
        long wanted = (long) PER_CONNECTION * Math.max(0, connections);
        return (int) Math.max(MIN_DEFAULT, Math.min(MAX_DEFAULT, wanted));
    }

    /** Why a channel was not admitted; null when it was. */
    record Refusal(boolean byUser, int limit) {
    }

    /**
     * Admits one more channel of {@code user}.
     *
     * @return null when admitted (to {@link #close} once it ends), else which limit refused it
     */
    synchronized Refusal open(String user) {
        int mine = byUser.getOrDefault(user, 0);
        int userLimit = perUser.getAsInt();
        if (mine >= userLimit) {
            return new Refusal(true, userLimit);
        }
        int limit = max.getAsInt();
        if (open >= limit) {
            return new Refusal(false, limit);
        }
        open++;
        byUser.put(user, mine + 1);
        return null;
    }

    /** One channel of {@code user} admitted by {@link #open} ended. */
    synchronized void close(String user) {
        open--;
        byUser.computeIfPresent(user, (u, n) -> n == 1 ? null : n - 1);
    }

    /** @return the channels open now */
    synchronized int open() {
        return open;
    }

    /** @return the channels of {@code user} open now */
    synchronized int openBy(String user) {
        return byUser.getOrDefault(user, 0);
    }
}
