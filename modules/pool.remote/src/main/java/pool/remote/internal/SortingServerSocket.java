package pool.remote.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;
import pool.protocol.CallChannel;

/**
 * The registry port's listening socket, shared by RMI and the call channel
 * ({@link CallChannel}): every accepted connection's first four bytes say which of the
 * two it is. Call channels are opened by {@link ChannelHandler}; everything else is handed
 * to RMI's accept loop as a {@link BoundedRmiSocket}, with those bytes put back in front.
 *
 * <p>One port for both, so that an operator opens one port for remote clients and TLS
 * settings apply to both alike.
 *
 * <p>Before login a connection costs little and not for long: it is admitted under the
 * port's caps ({@link ConnectionGuard}) or closed at once; it is sorted, and a call
 * channel's hello read and its ticket checked, on a virtual thread of its own (no
 * platform thread before the ticket checks out), under a deadline from its accept
 * ({@link HandshakeDeadline}, covering the TLS handshake) and reading no more than the
 * hello's format allows. A peer that connects and says nothing holds up nobody else's accept.
 */
final class SortingServerSocket extends DelegatingServerSocket {

    private static final System.Logger LOG = System.getLogger("poold.remote");

    private static final Socket CLOSED = new Socket();

    private final ChannelOpener channels;
    private final ConnectionGuard guard;
    private final LinkedBlockingQueue<Socket> forRmi = new LinkedBlockingQueue<>();
    /** RMI's open connections through this socket, closed with it. */
    private final java.util.Set<Socket> rmiConnections = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    /** Opens a call channel whose magic has been read: see {@link ChannelHandler#open}. */
    @FunctionalInterface
    interface ChannelOpener {
        /**
         * @param authenticated called once the hello's ticket checked out, before the channel is
         *                      served; false means the connection's deadline cut it first
         * @return whether the channel opened; if not, the sorting closes the socket
         */
        boolean open(Socket socket, InputStream raw, BooleanSupplier authenticated) throws IOException;
    }

    SortingServerSocket(ServerSocket listener, ChannelOpener channels, ConnectionGuard guard) throws IOException {
        super(listener);
        this.channels = channels;
        this.guard = guard;
        this.acceptor = Thread.ofPlatform().daemon().name("poold-accept-" + listener.getLocalPort())
                .start(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "accepting on port " + listener.getLocalPort() + " failed: " + e.getMessage());
                    pause();
                }
                continue;
            }
            long accepted = System.nanoTime();
            ConnectionGuard.Admission admission = guard.admit(s);
            if (admission == null) {
                Sockets.closeQuietly(s); // over a cap: closed at once
                continue;
            }
            HandshakeDeadline deadline = new HandshakeDeadline(s, guard, accepted);
            Watchdog.SHARED.watch(deadline);
            Thread.ofVirtual().name("poold-sort").start(() -> sort(s, admission, deadline, accepted));
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100); // out of file descriptors, most likely: do not spin
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sort(Socket s, ConnectionGuard.Admission admission, HandshakeDeadline deadline, long accepted) {
        boolean handedOn = false;
        try {
            s.setTcpNoDelay(true);
            InputStream raw = s.getInputStream();
            byte[] head = raw.readNBytes(4);
            int magic = head.length == 4 ? ((head[0] & 0xFF) << 24 | (head[1] & 0xFF) << 16 | (head[2] & 0xFF) << 8
                    | (head[3] & 0xFF)) : 0;
            if (closed) {
                return;
            }
            if (magic == CallChannel.MAGIC) {
                handedOn = channels.open(s, raw, () -> {
                    if (!deadline.disarm()) {
                        return false;
                    }
                    admission.release(); // authenticated: no longer counted
                    return true;
                });
            } else if (deadline.disarm()) {
                // RMI's from here: each of its requests is bounded, the first from the accept on.
                BoundedRmiSocket forward = new BoundedRmiSocket(s, new ReplayInputStream(head, raw), guard, admission,
                        accepted, System::nanoTime, rmiConnections);
                Watchdog.SHARED.watch(forward);
                forRmi.add(forward);
                handedOn = true;
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "closed a connection from {0}: {1}", s.getInetAddress(), e.getMessage());
        } finally {
            if (!handedOn) {
                deadline.disarm();
                admission.release();
                Sockets.closeQuietly(s);
            }
        }
    }

    /** RMI's accept loop: the next connection that is not a call channel. */
    @Override
    public Socket accept() throws IOException {
        if (closed) {
            throw new SocketException("Socket is closed");
        }
        try {
            Socket s = forRmi.take();
            if (s == CLOSED) {
                forRmi.add(CLOSED); // for any other thread in accept()
                throw new SocketException("Socket is closed");
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SocketException("interrupted");
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        acceptor.interrupt();
        Socket s;
        while ((s = forRmi.poll()) != null) {
            Sockets.closeQuietly(s);
        }
        forRmi.add(CLOSED); // wakes RMI's accept loop, which then sees isClosed()
        // RMI keeps serving its open connections after the last export is gone; a client
        // reusing one would reach a successor server in this JVM under the old transport
        // ("no such object"). Closed, they end as they would with the process.
        rmiConnections.forEach(Sockets::closeQuietly);
    }

    @Override
    public boolean isClosed() {
        return closed;
    }
}
