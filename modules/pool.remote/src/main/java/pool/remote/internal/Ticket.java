package pool.remote.internal;

import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import pool.remote.TicketLimits;

/**
 * One login ticket: the login it stands for, when it was issued and last used, the call
 * channels opened with it and the call bytes they hold. A ticket ends when it has been
 * idle or alive too long, or when its user is removed or given another password; its
 * channels are closed when it ends, also in the middle of a call.
 */
final class Ticket {

    final Login login;
    final CallBudget budget;
    private final long issuedNanos;
    private final long idleNanos;
    private final long lifetimeNanos;
    private final int maxChannels;
    private volatile long lastUsedNanos;
    private volatile boolean ended;
    private final Set<Socket> channels = ConcurrentHashMap.newKeySet();
    private final AtomicInteger channelCount = new AtomicInteger();

    Ticket(Login login, TicketLimits limits, long nowNanos) {
        this.login = login;
        this.budget = new CallBudget(limits.maxCallBytes());
        this.issuedNanos = nowNanos;
        this.lastUsedNanos = nowNanos;
        this.idleNanos = limits.idleTimeout().toNanos();
        this.lifetimeNanos = limits.lifetime().toNanos();
        this.maxChannels = limits.maxChannels();
    }

    /**
     * Notes a use (a call, a renewal, a new channel) unless the ticket has ended or should
     * have: between two runs of the reaper an expired ticket is refused all the same.
     *
     * @return whether the ticket is valid
     */
    boolean use(long nowNanos) {
        if (ended || expired(nowNanos)) {
            return false;
        }
        lastUsedNanos = nowNanos;
        return true;
    }

    /** @return whether the ticket has been idle, or alive, for longer than its limits */
    boolean expired(long nowNanos) {
        return nowNanos - lastUsedNanos > idleNanos || nowNanos - issuedNanos > lifetimeNanos;
    }

    boolean ended() {
        return ended;
    }

    /** @return when the ticket was last used (or issued), in {@code System.nanoTime()} terms */
    long lastUsedNanos() {
        return lastUsedNanos;
    }

    /**
     * Registers a call channel opened with this ticket, so that it is closed when the ticket ends.
     *
     * @return false when the ticket has ended or has {@code maxChannels} channels already
     */
    boolean addChannel(Socket channel) {
        if (channelCount.incrementAndGet() > maxChannels) {
            channelCount.decrementAndGet();
            return false;
        }
        channels.add(channel);
        // end() sets the flag before it closes the channels it sees: either it saw this one,
        // or this check sees the flag.
        if (ended) {
            removeChannel(channel);
            return false;
        }
        return true;
    }

    /** Forgets a channel that closed. */
    void removeChannel(Socket channel) {
        if (channels.remove(channel)) {
            channelCount.decrementAndGet();
        }
    }

    /** @return whether {@code maxChannels} channels are open with this ticket */
    boolean full() {
        return channelCount.get() >= maxChannels;
    }

    /** Ends the ticket and closes its channels; the threads serving them see their sockets closed. */
    void end() {
        ended = true;
        channels.forEach(Sockets::closeInBackground);
    }
}
