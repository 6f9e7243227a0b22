package pool.remote.internal;

import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The deadline of a new connection on the registry port, from its accept until it is
 * sorted and, for a call channel, until its hello's ticket checks out: the TLS handshake,
 * the first four bytes and the hello together. Armed by {@link Watchdog#watch}; whoever
 * finishes first, the connection ({@link #disarm()}) or the watchdog ({@link #cut}), wins.
 */
final class HandshakeDeadline implements Watchdog.Watched {

    private static final int ARMED = 0;
    private static final int DISARMED = 1;
    private static final int CUT = 2;

    private final Socket socket;
    private final ConnectionGuard guard;
    private final long deadlineNanos;
    private final AtomicInteger state = new AtomicInteger(ARMED);

    HandshakeDeadline(Socket socket, ConnectionGuard guard, long acceptedNanos) {
        this.socket = socket;
        this.guard = guard;
        this.deadlineNanos = acceptedNanos + guard.limits().requestTimeout().toNanos();
    }

    @Override
    public String overdue(long nowNanos) {
        return nowNanos - deadlineNanos > 0 ? "the opening of a connection (TLS handshake, call channel hello)" : null;
    }

    @Override
    public void cut(String why) {
        if (state.compareAndSet(ARMED, CUT)) {
            guard.overdue(socket.getInetAddress(), why);
            Sockets.closeInBackground(socket);
        }
    }

    /**
     * The connection finished its opening in time.
     *
     * @return false when the watchdog cut it first: the socket is closed or about to be
     */
    boolean disarm() {
        Watchdog.SHARED.forget(this);
        return state.compareAndSet(ARMED, DISARMED);
    }
}
