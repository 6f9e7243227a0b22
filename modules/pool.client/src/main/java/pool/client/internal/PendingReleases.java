package pool.client.internal;

import java.util.Arrays;

/**
 * Sessions the application closed that the daemon has not been told of yet. The next
 * call of the link carries them ({@code Call.released}), so closing a connection in
 * autocommit costs no round trip of its own; when no call comes within the link's delay,
 * a flush sends them alone.
 *
 * <p>A ticker ({@link DeferredReleases}) looks in once per delay while closes come, and
 * stops after {@link #IDLE_TICKS} looks that found nothing: under steady load that is one
 * timer wake-up per delay however many connections close, not one per close.
 *
 * <p>The lock is held for a few array writes only; one link's threads take it once per
 * close and once per call.
 */
final class PendingReleases {

    private static final long[] NONE = new long[0];

    /** Empty looks in a row after which the ticker stops. */
    static final int IDLE_TICKS = 50;

    private long[] ids = new long[16];
    private int size;
    /** Whether the link's ticker runs. */
    private boolean ticking;
    private int idleTicks;

    /**
     * Adds a closed session.
     *
     * @return whether the caller must start the ticker (it does not run)
     */
    synchronized boolean add(long session) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
        }
        ids[size++] = session;
        return startTicking();
    }

    private boolean startTicking() {
        idleTicks = 0;
        if (ticking) {
            return false;
        }
        ticking = true;
        return true;
    }

    /** What the ticker is to do on one of its looks. */
    enum Tick { FLUSH, WAIT, STOP }

    /** One look of the ticker: flush what waits, or wait for more, or stop after a quiet spell. */
    synchronized Tick tick() {
        if (size > 0) {
            idleTicks = 0;
            return Tick.FLUSH;
        }
        if (++idleTicks < IDLE_TICKS) {
            return Tick.WAIT;
        }
        ticking = false; // the next add starts it again
        return Tick.STOP;
    }

    /** @return up to {@code max} pending sessions, removed; an empty array when none */
    synchronized long[] drain(int max) {
        if (size == 0) {
            return NONE;
        }
        int n = Math.min(size, max);
        long[] out = Arrays.copyOf(ids, n);
        System.arraycopy(ids, n, ids, 0, size - n);
        size -= n;
        return out;
    }

    /**
     * Puts back sessions a call drained but never delivered, ahead of later ones.
     *
     * @return whether the caller must start the ticker
     */
    synchronized boolean restore(long[] sessions) {
        if (sessions.length == 0) {
            return false;
        }
        if (size + sessions.length > ids.length) {
            ids = Arrays.copyOf(ids, Math.max(ids.length * 2, size + sessions.length));
        }
        System.arraycopy(ids, 0, ids, sessions.length, size);
        System.arraycopy(sessions, 0, ids, 0, sessions.length);
        size += sessions.length;
        return startTicking();
    }

    /** @return whether nothing is pending */
    synchronized boolean isEmpty() {
        return size == 0;
    }

    /** Forgets every pending session: their daemon is gone, and with it the sessions. */
    synchronized void clear() {
        size = 0;
    }
}
