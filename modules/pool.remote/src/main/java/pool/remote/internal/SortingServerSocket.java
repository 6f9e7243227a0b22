package pool.remote.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.LinkedBlockingQueue;
import pool.protocol.CallChannel;

/**
 * The registry port's listening socket, shared by RMI and the call channel
 * ({@link CallChannel}): every accepted connection's first four bytes say which of the
 * two it is. Call channels go to {@code channels}; everything else is handed to RMI's
 * accept loop with those bytes put back in front.
 *
 * <p>One port for both, so that an operator opens one port for remote clients and TLS
 * settings apply to both alike. The sorting runs on a virtual thread per connection, with
 * a read timeout: a peer that connects and says nothing (or stalls its TLS handshake)
 * holds up nobody else's accept.
 */
final class SortingServerSocket extends ServerSocket {

    private static final System.Logger LOG = System.getLogger("poold.remote");

    /** How long a new connection may take to say what it is (TLS handshake included). */
    static final int SORT_TIMEOUT_MILLIS = 10_000;

    private static final Socket CLOSED = new Socket();

    private final ServerSocket listener;
    private final ChannelOpener channels;
    private final LinkedBlockingQueue<Socket> forRmi = new LinkedBlockingQueue<>();
    /** RMI's open connections through this socket, closed with it. */
    private final java.util.Set<Socket> rmiConnections = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    /** Opens a call channel whose magic has been read: see {@link ChannelHandler#open}. */
    @FunctionalInterface
    interface ChannelOpener {
        /** @return whether the channel opened; if not, the sorting closes the socket */
        boolean open(Socket socket, InputStream raw) throws IOException;
    }

    SortingServerSocket(ServerSocket listener, ChannelOpener channels) throws IOException {
        this.listener = listener;
        this.channels = channels;
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
            Thread.ofVirtual().name("poold-sort").start(() -> sort(s));
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100); // out of file descriptors, most likely: do not spin
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sort(Socket s) {
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(SORT_TIMEOUT_MILLIS);
            InputStream raw = s.getInputStream();
            byte[] head = raw.readNBytes(4);
            int magic = head.length == 4 ? ((head[0] & 0xFF) << 24 | (head[1] & 0xFF) << 16 | (head[2] & 0xFF) << 8
                    | (head[3] & 0xFF)) : 0;
            if (magic == CallChannel.MAGIC) {
                if (closed || !channels.open(s, raw)) {
                    closeQuietly(s);
                }
            } else if (closed) {
                s.close();
            } else {
                s.setSoTimeout(0);
                Socket forward = new ReplaySocket(s, head, rmiConnections);
                rmiConnections.add(forward);
                forRmi.add(forward);
            }
        } catch (SocketTimeoutException e) {
            LOG.log(Level.DEBUG, "closed a connection from {0} that said nothing within {1} ms", s.getInetAddress(),
                    SORT_TIMEOUT_MILLIS);
            closeQuietly(s);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "closed a connection from {0}: {1}", s.getInetAddress(), e.getMessage());
            closeQuietly(s);
        }
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing left to do
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
            closeQuietly(s);
        }
        forRmi.add(CLOSED); // wakes RMI's accept loop, which then sees isClosed()
        // RMI keeps serving its open connections after the last export is gone; a client
        // reusing one would reach a successor server in this JVM under the old transport
        // ("no such object"). Closed, they end as they would with the process.
        rmiConnections.forEach(SortingServerSocket::closeQuietly);
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean isBound() {
        return listener.isBound();
    }

    @Override
    public int getLocalPort() {
        return listener.getLocalPort();
    }

    @Override
    public InetAddress getInetAddress() {
        return listener.getInetAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return listener.getLocalSocketAddress();
    }

    @Override
    public String toString() {
        return "SortingServerSocket[" + listener + "]";
    }
}
