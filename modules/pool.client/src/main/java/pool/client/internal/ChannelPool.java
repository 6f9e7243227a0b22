package pool.client.internal;

import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The call channels of one login: a channel per call in flight, kept for the next call
 * afterwards. Last in, first out, so a steady load keeps reusing the same few warm
 * channels and the rest age out. A new login (a new ticket) gets a new pool; the old
 * one's channels are closed.
 */
final class ChannelPool implements AutoCloseable {

    /** Idle channels kept; beyond this a returned channel is closed. */
    static final int MAX_IDLE = 64;

    /**
     * A channel unused this long is closed (as RMI closes its idle connections after 15 s):
     * each one holds a socket and a thread in the daemon.
     */
    private static final long IDLE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    /**
     * A channel idle this long is checked for a daemon that went away before it is used:
     * then the call can go elsewhere without the risk of having run twice. Shorter idle
     * times are not checked: no daemon restarts that fast.
     */
    private static final long CHECK_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Locator locator;
    private final String ticket;
    private final Counters counters;
    private final ConcurrentLinkedDeque<Channel> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private volatile boolean closed;

    ChannelPool(Locator locator, String ticket, Counters counters) {
        this.locator = locator;
        this.ticket = ticket;
        this.counters = counters;
    }

    String ticket() {
        return ticket;
    }

    /**
     * @return an idle channel, or a new one
     * @throws IOException          no channel could be opened; nothing was sent
     * @throws Channel.Refused      the daemon does not know this pool's ticket
     */
    Channel take() throws IOException, Channel.Refused {
        Channel c;
        while ((c = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            if (System.nanoTime() - c.lastUsed < CHECK_AFTER_NANOS || !c.peerClosed()) {
                return c;
            }
            c.close(); // the daemon went away while it idled: so did the others
            close();
            throw new java.net.ConnectException("poold closed its idle channels (restarted or stopped)");
        }
        counters.channels.increment(); // connection set-up, like RMI's own: not a call of the application's
        return Channel.open(locator, ticket);
    }

    /** Keeps {@code c} for the next call. */
    void give(Channel c) {
        if (closed || idleCount.incrementAndGet() > MAX_IDLE) {
            idleCount.decrementAndGet();
            c.close();
            return;
        }
        idle.offerFirst(c);
        if (closed && idle.remove(c)) { // closed meanwhile: close() may have missed it
            idleCount.decrementAndGet();
            c.close();
        }
        closeAged();
    }

    /** Closes the least recently used channel if it has aged out: the stack's bottom is the oldest. */
    private void closeAged() {
        Channel oldest = idle.peekLast();
        if (oldest != null && System.nanoTime() - oldest.lastUsed > IDLE_TIMEOUT_NANOS && idle.removeLastOccurrence(oldest)) {
            idleCount.decrementAndGet();
            oldest.close();
        }
    }

    /**
     * Closes every idle channel and keeps none from now on: channels in use are closed when
     * given back, and a call that still comes (a connection outliving its data source, a
     * thread that took this pool just before a new login replaced it) gets a channel of its
     * own, closed after the call.
     */
    @Override
    public void close() {
        closed = true;
        Channel c;
        while ((c = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            c.close();
        }
    }
}
