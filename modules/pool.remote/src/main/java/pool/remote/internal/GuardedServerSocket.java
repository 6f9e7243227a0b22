package pool.remote.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A listening socket of an RMI service whose every connection is RMI's (the JMX
 * connector's port): {@link #accept()} admits a connection under its port's caps
 * ({@link ConnectionGuard}) or closes it at once and takes the next, and hands RMI
 * admitted ones as {@link BoundedRmiSocket}s. Accepting stays on RMI's accept thread;
 * nothing is added but the bookkeeping.
 */
public final class GuardedServerSocket extends DelegatingServerSocket {

    private final ConnectionGuard guard;
    /** RMI's open connections through this socket, closed with it. */
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

    private GuardedServerSocket(ServerSocket listener, ConnectionGuard guard) throws IOException {
        super(listener);
        this.guard = guard;
    }

    /** @return {@code listener}, its connections bounded by {@code guard} */
    public static ServerSocket wrap(ServerSocket listener, ConnectionGuard guard) {
        try {
            return new GuardedServerSocket(listener, guard);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // ServerSocket() unbound declares it, never throws it
        }
    }

    @Override
    public Socket accept() throws IOException {
        for (;;) {
            Socket s = listener.accept();
            long accepted = System.nanoTime();
            ConnectionGuard.Admission admission = guard.admit(s);
            if (admission == null) {
                Sockets.closeQuietly(s); // over a cap: closed at once, RMI never sees it
                continue;
            }
            BoundedRmiSocket bounded;
            try {
                bounded = new BoundedRmiSocket(s, s.getInputStream(), guard, admission, accepted, System::nanoTime,
                        connections);
            } catch (IOException e) {
                admission.release();
                Sockets.closeQuietly(s);
                continue;
            }
            Watchdog.SHARED.watch(bounded);
            return bounded;
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        // RMI serves open connections on after the last export is gone; they end with the service.
        connections.forEach(Sockets::closeQuietly);
    }

    @Override
    public boolean isClosed() {
        return listener.isClosed();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        listener.setSoTimeout(timeout);
    }
}
