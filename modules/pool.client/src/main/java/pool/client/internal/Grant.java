package pool.client.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import pool.protocol.RemotePool;

/**
 * One login of a link to one endpoint of its pool: the endpoint's stub, the ticket (followed
 * by the tickets that succeed it), the call channels opened with the ticket, and the
 * releases of its sessions that wait for a call. A connection's session belongs to the
 * grant it was borrowed under and makes its calls, renewals and cancels there, whatever
 * grant new borrows use meanwhile: when a reload of the daemon replaces the pool, the old
 * endpoint serves the sessions opened on it until they end, while new ones go to the new
 * endpoint under a grant of their own.
 */
final class Grant {

    enum State {
        /** New borrows go here. */
        CURRENT,
        /** Its endpoint was retired by a reload: it serves the sessions opened under it until they end. */
        RETIRED,
        /** Its ticket is gone (rejected, or the daemon went away), and with it whatever the daemon held under it. */
        DROPPED
    }

    /** The stub of the endpoint that issued the ticket. */
    final RemotePool pool;
    /** The login that made the grant: what its timed refresh calls, the grant being the refresh's only owner. */
    final Login login;
    /** Set while a login that succeeds the ticket is out. */
    final AtomicBoolean refreshing = new AtomicBoolean();
    final DeferredReleases releases;
    /** The ticket and its channels: replaced together when a successor ticket is adopted, under the login's lock. */
    private volatile ChannelPool channels;
    private volatile State state = State.CURRENT;
    /** Set before the grant is dropped because the daemon went away (not because it refused the ticket). */
    private volatile boolean linkLost;
    /** Logs in again, naming the ticket, before the ticket reaches its lifetime. */
    private ScheduledFuture<?> refresh; // guarded by this

    Grant(RemotePool pool, ChannelPool channels, long releaseDelayNanos, Login login, Counters counters) {
        this.pool = pool;
        this.login = login;
        this.channels = channels;
        this.releases = new DeferredReleases(releaseDelayNanos, this, login, counters);
    }

    /** @return the channels of the grant's ticket now; closed ones still open a channel per call */
    ChannelPool channels() {
        return channels;
    }

    /** @return the ticket now */
    byte[] ticket() {
        return channels.ticket();
    }

    /** Takes a successor ticket's channels; the caller closes the old ones. */
    void channels(ChannelPool next) {
        channels = next;
    }

    State state() {
        return state;
    }

    boolean dropped() {
        return state == State.DROPPED;
    }

    /** @return whether the grant was dropped because the daemon went away */
    boolean linkLost() {
        return linkLost;
    }

    /** Ends the grant because its daemon went away: see {@link #end(boolean)}. */
    void endLinkLost() {
        linkLost = true;
        end(false);
    }

    /** @return whether this call moved the grant from {@code from} to {@code to} */
    synchronized boolean move(State from, State to) {
        if (state != from) {
            return false;
        }
        state = to;
        return true;
    }

    /** Replaces the scheduled refresh of the ticket (null: none), unless the grant has been dropped. */
    synchronized void refresh(ScheduledFuture<?> next) {
        if (refresh != null) {
            refresh.cancel(false);
        }
        refresh = next;
        if (state == State.DROPPED && next != null) {
            next.cancel(false);
        }
    }

    /**
     * Ends the grant for good: no more refreshes, channels closed. What waits for a call to
     * be given back is sent first when {@code flush} (the daemon still holds it), else
     * forgotten (the ticket, and the daemon's side with it, is gone).
     */
    void end(boolean flush) {
        if (flush) {
            releases.close();
        } else {
            releases.clear();
        }
        synchronized (this) {
            state = State.DROPPED;
            if (refresh != null) {
                refresh.cancel(false);
                refresh = null;
            }
        }
        if (!flush) {
            releases.close(); // unregisters from the exit flush: nothing is left to send
        }
        channels.close();
    }
}
