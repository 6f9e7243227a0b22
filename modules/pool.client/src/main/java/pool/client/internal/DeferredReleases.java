package pool.client.internal;

import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import pool.protocol.Call;
import pool.protocol.Wire;
import pool.protocol.WireException;

/**
 * The sessions of a grant's connections closed in autocommit, on their way back to the
 * daemon: the grant's next call carries them, whichever connection makes it, or a flush
 * sends them alone after the release delay. A close then costs no round trip of its own,
 * and under load the daemon reuses the connection for the very call that carries the
 * release.
 *
 * <p>Registered with {@link ExitFlush} at the first deferred release, not before: a link
 * that never defers one (a data source made per JNDI lookup and never used) leaves no
 * trace in it.
 */
final class DeferredReleases {

    private enum Exit { UNREGISTERED, REGISTERED, CLOSED }

    /** Longest a closed session waits for a call to carry it back; 0 to give it back in a call of its own. */
    private final long delayNanos;
    private final Grant grant;
    private final Login login;
    private final Counters counters;
    private final PendingReleases pending = new PendingReleases();
    /** Set while a flush runs in the background. */
    private final AtomicBoolean flushing = new AtomicBoolean();
    /** Whether {@link ExitFlush} holds this; read on every release, changed once or twice under this lock. */
    private volatile Exit exit = Exit.UNREGISTERED;

    DeferredReleases(long delayNanos, Grant grant, Login login, Counters counters) {
        this.delayNanos = delayNanos;
        this.grant = grant;
        this.login = login;
        this.counters = counters;
    }

    /** @return whether {@link #add} defers; else a close gives its session back in a call of its own */
    boolean defers() {
        return delayNanos > 0;
    }

    /** Gives back {@code session} with the next call, or alone after the delay. */
    void add(long session) {
        if (exit == Exit.UNREGISTERED) {
            registerForExit();
        }
        if (pending.add(session)) {
            startTicker();
        }
    }

    /**
     * Adds {@code session} for the next {@link #flush} or call to carry, with no ticker: the
     * session of a connection still open whose application is going ({@link Leases#giveBack}).
     */
    void giveBack(long session) {
        if (exit == Exit.UNREGISTERED) {
            registerForExit();
        }
        pending.add(session);
    }

    private synchronized void registerForExit() {
        if (exit == Exit.UNREGISTERED) {
            ExitFlush.register(this); // weakly: a link dropped without close() is not kept for the exit
            exit = Exit.REGISTERED;
        }
    }

    /** @return up to {@code max} pending sessions, removed, for a call to carry */
    long[] drain(int max) {
        return pending.drain(max);
    }

    /** Puts back sessions a call drained but never sent. */
    void restore(long[] sessions) {
        if (pending.restore(sessions)) {
            startTicker();
        }
    }

    /** Forgets what is pending: the sessions ended with the ticket, or with the daemon. */
    void clear() {
        pending.clear();
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /**
     * Starts looking for releases no call carried, once per release delay, until a quiet
     * spell stops it ({@link PendingReleases#tick}). A fixed-rate task rather than one timer
     * per close: under load the timer thread wakes once per delay, not once per close.
     */
    private void startTicker() {
        Ticker ticker = new Ticker();
        ticker.started(ClientThreads.TIMER.scheduleAtFixedRate(ticker, delayNanos, delayNanos, TimeUnit.NANOSECONDS));
    }

    /** One run of looks for pending releases; see {@link #startTicker}. */
    private final class Ticker implements Runnable {
        private ScheduledFuture<?> future; // guarded by this
        private boolean stopped;           // guarded by this

        synchronized void started(ScheduledFuture<?> f) {
            future = f;
            if (stopped) { // stopped on a look that came before we got here
                f.cancel(false);
            }
        }

        @Override
        public void run() {
            switch (pending.tick()) {
                case FLUSH -> ClientThreads.runAlone(flushing, DeferredReleases.this::flush); // the next look sees what is left
                case WAIT -> { }
                case STOP -> stop();
            }
        }

        private synchronized void stop() {
            stopped = true;
            if (future != null) {
                future.cancel(false);
            }
        }
    }

    /**
     * Sends the pending releases now, unless a call carries them first. Quiet: no
     * application call waits on it, so a failure is no link failure of the application's;
     * it only means the sessions went with the daemon (or their lease ends them), and the
     * next application call finds the link as it is.
     */
    void flush() {
        flush(0);
    }

    /**
     * How long {@code RemoteDataSource.close()} waits for a daemon that does not answer its
     * flush: what it could not give back, the lease ends (nothing renews it any more).
     */
    static final int CLOSE_WAIT_MILLIS = 5_000;

    /** {@link #flush()} waiting at most {@code timeoutMillis} (0: no limit) for each channel and answer. */
    void flush(int timeoutMillis) {
        for (;;) {
            if (grant.dropped()) {
                return; // no ticket: nothing it held in the daemon is ours to give back any more
            }
            ChannelPool current = grant.channels();
            long[] released = pending.drain(Call.MAX_RELEASED);
            if (released.length == 0) {
                return;
            }
            Channel channel;
            try {
                channel = current.take(timeoutMillis);
            } catch (Channel.Refused e) {
                login.ticketRejected(grant, current.ticket());
                return;
            } catch (java.net.SocketTimeoutException e) {
                return; // a daemon that does not answer: the lease ends them
            } catch (IOException e) {
                login.daemonGone(grant);
                return;
            }
            try {
                counters.roundTrips.increment();
                Wire.decodeReply(channel.call(Wire.encode(Call.releaseOnly(released)), timeoutMillis));
                current.give(channel);
            } catch (WireException | java.net.SocketTimeoutException e) {
                channel.close();
                return;
            } catch (IOException e) {
                channel.close();
                login.daemonGone(grant);
                return;
            }
        }
    }

    /** Gives back what is pending now; releases after this are no longer flushed at the JVM's exit. */
    void close() {
        flush(CLOSE_WAIT_MILLIS);
        synchronized (this) {
            if (exit == Exit.REGISTERED) {
                ExitFlush.unregister(this);
            }
            exit = Exit.CLOSED;
        }
    }
}
