package pool.client.internal;

import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import pool.protocol.Protocol;

/**
 * The call channels of one login: a channel per call in flight, kept for the next call
 * afterwards. Last in, first out, so a steady load keeps reusing the same few warm
 * channels and the rest age out. A new login (a new ticket) gets a new pool; the old
 * one's channels are closed.
 *
 * <p>The daemon allows one ticket {@code maxChannels} channels at once: beyond them a call
 * waits here for a channel another call gives back, as it would for a connection of a
 * full pool, rather than being refused by the daemon. The daemon also bounds the channels
 * of all logins together, and those of one client user: a channel it refuses over either
 * (53300) is waited for the same way, within the call's timeout or {@link #FULL_WAIT_MILLIS},
 * since the user's other calls, or other users', give theirs back as they end.
 */
final class ChannelPool implements AutoCloseable {

    /** Idle channels kept; beyond this a returned channel is closed. */
    static final int MAX_IDLE = 64;

    /**
     * A channel unused this long is closed (as RMI closes its idle connections after 15 s):
     * each one holds a socket and a thread in the daemon, and counts against the daemon's
     * {@code maxChannels} and its user's {@code maxChannelsPerUser}. 30 s by default;
     * {@code -Dpoold.client.channelIdleMillis} (read at each login) changes it.
     */
    private final long idleTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(100,
            Long.getLong("poold.client.channelIdleMillis", 30_000)));
    /** Set while a {@link #sweep} is scheduled: idle channels age out though no call comes any more. */
    private final java.util.concurrent.atomic.AtomicBoolean sweeping = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * A channel idle this long is checked for a daemon that went away before it is used:
     * then the call can go elsewhere without the risk of having run twice. Shorter idle
     * times are not checked: no daemon restarts that fast.
     */
    private static final long CHECK_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** How long a call without a timeout waits for a channel the daemon refused as over its bounds. */
    static final long FULL_WAIT_MILLIS = 30_000;
    /** How long {@link #ticketRefused} waits for the daemon's answer: a daemon that answers at all does so in milliseconds. */
    private static final int PROBE_TIMEOUT_MILLIS = 2_000;
    private static final long FIRST_FULL_PAUSE_MILLIS = 10;
    private static final long MAX_FULL_PAUSE_MILLIS = 500;

    private final Locator locator;
    private final byte[] ticket;
    private final Counters counters;
    private final int maxCallBytes;
    private final ConcurrentLinkedDeque<Channel> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    /** One permit per channel that may exist (idle or in a call); a channel gives its permit back when closed. */
    private final Semaphore permits;
    /** Where calls wait for a channel when every permit is out. */
    private final Object freed = new Object();
    /** Calls waiting on {@link #freed}; changed under its lock, read without it by {@link #give}. */
    private volatile int waiting;
    private volatile boolean closed;

    /**
     * @param maxChannels  most channels the daemon lets this ticket have open at once
     * @param maxCallBytes largest call frame the daemon reads under this ticket
     */
    ChannelPool(Locator locator, byte[] ticket, Counters counters, int maxChannels, int maxCallBytes) {
        this.locator = locator;
        this.ticket = ticket;
        this.counters = counters;
        this.permits = new Semaphore(Math.max(1, maxChannels));
        this.maxCallBytes = maxCallBytes;
    }

    byte[] ticket() {
        return ticket;
    }

    /** @throws IllegalArgumentException when a call of {@code frameBytes} is larger than the daemon accepts */
    void checkSize(int frameBytes) {
        if (frameBytes > maxCallBytes) {
            throw new IllegalArgumentException("a call of " + frameBytes + " bytes exceeds the " + maxCallBytes
                    + " bytes poold accepts per call (maxCallBytesPerTicket): send smaller batches or values");
        }
    }

    /**
     * @return an idle channel, or a new one, waiting for one when the ticket has as many
     *         channels open as the daemon allows
     * @throws IOException          no channel could be opened; nothing was sent
     * @throws Channel.Refused      the daemon does not know this pool's ticket
     */
    Channel take() throws IOException, Channel.Refused {
        return take(0);
    }

    /**
     * {@link #take()} for a call that waits at most {@code timeoutMillis} (0: no limit) for its
     * answer: opening a channel for it (connect and hello) is bounded by that too.
     *
     * @throws java.net.SocketTimeoutException a channel did not open within {@code timeoutMillis}
     */
    Channel take(int timeoutMillis) throws IOException, Channel.Refused {
        long deadline = 0;
        long pauseMillis = FIRST_FULL_PAUSE_MILLIS;
        for (;;) {
            Channel c = pollIdle();
            if (c != null) {
                return c;
            }
            if (!permits.tryAcquire()) {
                c = await();
                if (c != null) {
                    return c;
                }
            }
            counters.channels.increment(); // connection set-up, like RMI's own: not a call of the application's
            try {
                return Channel.open(locator, ticket, this::closed, timeoutMillis); // one that does not open gives its permit back
            } catch (Channel.Refused e) {
                if (!Protocol.STATE_TOO_MANY_LOGINS.equals(e.error.sqlState())) {
                    throw e;
                }
                // The daemon's channels, or this user's share of them, are all open (other logins of the
                // user count too): wait as at this ticket's own limit, for a channel of this pool given
                // back or a pause, and ask again, within the call's timeout or FULL_WAIT_MILLIS.
                long now = System.nanoTime();
                if (deadline == 0) {
                    deadline = now + TimeUnit.MILLISECONDS.toNanos(timeoutMillis > 0 ? timeoutMillis : FULL_WAIT_MILLIS);
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - now);
                if (left <= 0) {
                    throw e;
                }
                awaitGiveBack(Math.min(pauseMillis, left));
                pauseMillis = Math.min(2 * pauseMillis, MAX_FULL_PAUSE_MILLIS);
            }
        }
    }

    /** Waits up to {@code millis} for a channel of this pool to be given back or closed. */
    private void awaitGiveBack(long millis) throws IOException {
        synchronized (freed) {
            waiting++;
            try {
                freed.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted waiting for a call channel to poold");
            } finally {
                waiting--;
            }
        }
    }

    /** @return an idle channel, or null when none is idle */
    private Channel pollIdle() throws IOException {
        Channel c = idle.pollFirst();
        if (c == null) {
            return null;
        }
        idleCount.decrementAndGet();
        if (System.nanoTime() - c.lastUsed < CHECK_AFTER_NANOS || !c.peerClosed()) {
            return c;
        }
        c.close(); // the daemon went away while it idled: so did the others
        close();
        // The daemon closes a login's channels when it stops, and when a reload ends the login
        // (the user removed, its hash changed): the client cannot tell which, so it names both.
        throw new java.net.ConnectException("poold closed this login's idle channels (it stopped or restarted, or a"
                + " reload removed the user or changed its password hash)");
    }

    /** @return a channel given back meanwhile, or null once a permit to open one is held */
    private Channel await() throws IOException {
        synchronized (freed) {
            waiting++;
            try {
                for (;;) {
                    Channel c = pollIdle();
                    if (c != null) {
                        return c;
                    }
                    if (permits.tryAcquire()) {
                        return null;
                    }
                    try {
                        freed.wait(100); // woken by give() and closed(); the timeout covers a wake-up that raced the check
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("interrupted waiting for a call channel to poold");
                    }
                }
            } finally {
                waiting--;
            }
        }
    }

    private void wakeWaiting() {
        if (waiting > 0) {
            synchronized (freed) {
                freed.notifyAll();
            }
        }
    }

    /** A channel of this pool closed: its permit is free again. */
    private void closed() {
        permits.release();
        wakeWaiting();
    }

    /** Keeps {@code c} for the next call. */
    void give(Channel c) {
        if (c.isClosed()) {
            return; // closed under its call by an abort: its permit went back when it closed
        }
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
        wakeWaiting();
        if (!sweeping.get() && sweeping.compareAndSet(false, true)) {
            scheduleSweep();
        }
    }

    private void scheduleSweep() {
        // Weakly: a pool its login dropped is not kept for the timer.
        WeakTask.once(ClientThreads.TIMER, this, ChannelPool::sweep, TimeUnit.NANOSECONDS.toMillis(idleTimeoutNanos) / 2);
    }

    /**
     * Closes the idle channels that aged out, and looks again while any stay idle. Without it a
     * client that went quiet (an application server at night) would keep its idle channels, and the
     * daemon's threads and the user's share of channels with them, until its next call: another
     * client of the same user could be refused a channel all that time.
     */
    private void sweep() {
        long now = System.nanoTime();
        for (Channel oldest; (oldest = idle.peekLast()) != null && now - oldest.lastUsed > idleTimeoutNanos; ) {
            if (idle.removeLastOccurrence(oldest)) {
                idleCount.decrementAndGet();
                oldest.close();
            }
        }
        sweeping.set(false);
        // A give() between the look and the reset found the flag set: look again for it.
        if (!idle.isEmpty() && !closed && sweeping.compareAndSet(false, true)) {
            scheduleSweep();
        }
    }

    /**
     * Asks the daemon at this address, on a channel of its own, whether it knows this pool's
     * ticket (see {@code Link#loginEndedByDaemon}).
     *
     * @return true only when the daemon answered that it does not know the ticket
     */
    boolean ticketRefused() {
        try {
            Channel.open(locator, ticket, () -> { }, PROBE_TIMEOUT_MILLIS).close();
            return false;
        } catch (Channel.Refused e) {
            return e.error.kind() == pool.protocol.SqlError.Kind.TICKET_EXPIRED;
        } catch (IOException | RuntimeException e) {
            return false; // unreachable, or too slow to say: the link failure it is
        }
    }

    /** Closes the least recently used channel if it has aged out: the stack's bottom is the oldest. */
    private void closeAged() {
        Channel oldest = idle.peekLast();
        if (oldest != null && System.nanoTime() - oldest.lastUsed > idleTimeoutNanos && idle.removeLastOccurrence(oldest)) {
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
