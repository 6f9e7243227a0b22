package pool.client.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import pool.protocol.CallChannel;
import pool.protocol.LoginReply;
import pool.protocol.SqlError;
import pool.protocol.TlsClientSocketFactory;
import pool.protocol.Wire;
import pool.protocol.WireException;

/**
 * One call channel to the daemon ({@link CallChannel}): a socket that carries one call at
 * a time, used by whichever thread took it from its {@link ChannelPool}.
 */
final class Channel implements AutoCloseable {

    /** How long connecting to the daemon, and its answer to the hello, may take. */
    private static final int CONNECT_TIMEOUT_MILLIS = 15_000;

    /**
     * Channels this JVM may have in their hello at once, per daemon. Until its ticket checks
     * out a channel counts against the daemon's cap on unauthenticated connections per client
     * address (by default 32, with RMI's connections); a burst of a hundred threads opening
     * their first channels together would otherwise be cut by it. A hello is one round trip,
     * so four at a time still open hundreds a second.
     */
    private static final int HELLOS_PER_DAEMON = 4;
    private static final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.Semaphore> HELLOS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Socket socket;
    /** The plain socket's channel, for {@link #peerClosed()}; null under TLS. */
    private final SocketChannel nio;
    private final DataInputStream in;
    private final DataOutputStream out;
    /** When the channel last finished a call, by {@code System.nanoTime()}. */
    long lastUsed;
    /** Run once, when the channel closes: its pool's permit goes back. */
    private final Runnable onClose;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    /** The daemon refused the hello: its ticket is unknown there (expired, or another daemon). */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final transient SqlError error;

        Refused(SqlError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }

    private Channel(Socket socket, SocketChannel nio, Runnable onClose) throws IOException {
        this.socket = socket;
        this.nio = nio;
        this.onClose = onClose;
        socket.setTcpNoDelay(true);
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 8192));
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 8192));
    }

    /**
     * Connects and says hello.
     *
     * @param onClose run once when the channel closes (also when it does not open)
     * @throws IOException nothing of a call was sent: the daemon is unreachable, or the link broke in the hello
     * @throws Refused     the daemon does not know the ticket, or refuses it another channel
     */
    static Channel open(Locator locator, byte[] ticket, Runnable onClose) throws IOException, Refused {
        return open(locator, ticket, onClose, 0);
    }

    /**
     * {@link #open(Locator, byte[], Runnable)} within {@code timeoutMillis} (0: the connect
     * timeout alone), the network timeout of the call that needs the channel: a driver's socket
     * timeout bounds its reads however the link hangs, and so does this one's.
     *
     * @throws java.net.SocketTimeoutException the channel did not open in time
     */
    static Channel open(Locator locator, byte[] ticket, Runnable onClose, int timeoutMillis) throws IOException, Refused {
        java.util.concurrent.Semaphore hellos = HELLOS.computeIfAbsent(locator.host() + ":" + locator.port(),
                k -> new java.util.concurrent.Semaphore(HELLOS_PER_DAEMON));
        java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable once = () -> {
            if (ran.compareAndSet(false, true)) {
                onClose.run();
            }
        };
        int bound = timeoutMillis > 0 ? Math.min(timeoutMillis, CONNECT_TIMEOUT_MILLIS) : CONNECT_TIMEOUT_MILLIS;
        if (timeoutMillis <= 0) {
            hellos.acquireUninterruptibly();
        } else {
            boolean acquired;
            try {
                acquired = hellos.tryAcquire(timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                once.run();
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted waiting to open a call channel to poold");
            }
            if (!acquired) {
                once.run();
                throw new java.net.SocketTimeoutException("no call channel to poold opened within " + timeoutMillis
                        + " ms (" + HELLOS_PER_DAEMON + " others are still saying hello)");
            }
        }
        try {
            return connect(locator, ticket, once, bound);
        } catch (IOException | Refused | RuntimeException | Error e) {
            once.run();
            throw e;
        } finally {
            hellos.release();
        }
    }

    private static Channel connect(Locator locator, byte[] ticket, Runnable onClose, int timeoutMillis)
            throws IOException, Refused {
        InetSocketAddress address = new InetSocketAddress(locator.host(), locator.port());
        Channel c;
        if (locator.tls()) {
            // The handshake checks the certificate names locator.host() before the hello (and its ticket) is sent.
            Socket s = TlsClientSocketFactory.connect(locator.host(), locator.port(), timeoutMillis);
            try {
                c = new Channel(s, null, onClose);
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
        } else {
            SocketChannel sc = SocketChannel.open();
            try {
                sc.socket().connect(address, timeoutMillis);
                c = new Channel(sc.socket(), sc, onClose);
            } catch (IOException | RuntimeException e) {
                sc.close();
                throw e;
            }
        }
        try {
            c.socket.setSoTimeout(timeoutMillis);
            CallChannel.writeHello(c.out, locator.pool(), ticket);
            c.out.flush();
            byte[] answer = CallChannel.readFrame(c.in, 1 << 16);
            if (answer == null) {
                throw new EOFException("poold closed the channel during its hello");
            }
            LoginReply reply = Wire.decodeLoginReply(answer);
            if (reply.error() != null) {
                throw new Refused(reply.error());
            }
            c.socket.setSoTimeout(0); // a call may take as long as its statement
            c.lastUsed = System.nanoTime();
            return c;
        } catch (IOException | Refused | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * One round trip: writes {@code frame}, reads the answer.
     *
     * @throws WireException the answer is longer than any frame may be
     * @throws IOException   the link broke; whether the daemon got the call is unknown
     */
    byte[] call(byte[] frame) throws IOException {
        return call(frame, 0);
    }

    /**
     * {@link #call(byte[])}, waiting at most {@code timeoutMillis} (0: no limit) for each read
     * of the answer, as a driver's socket timeout does.
     *
     * @throws java.net.SocketTimeoutException the answer did not come in time: the channel is
     *         unusable (the answer may still arrive), close it
     */
    byte[] call(byte[] frame, int timeoutMillis) throws IOException {
        CallChannel.writeFrame(out, frame);
        out.flush();
        if (timeoutMillis > 0) {
            socket.setSoTimeout(timeoutMillis);
        }
        byte[] reply;
        try {
            reply = CallChannel.readFrame(in, Wire.MAX_FRAME);
        } finally {
            if (timeoutMillis > 0 && !socket.isClosed()) {
                socket.setSoTimeout(0);
            }
        }
        if (reply == null) {
            throw new EOFException("poold closed the channel");
        }
        lastUsed = System.nanoTime();
        return reply;
    }

    /**
     * Whether the daemon has closed this channel while it sat idle (it went away): a
     * non-blocking read that finds the end of the stream. Then the channel is known not
     * to have delivered anything, which makes retrying elsewhere safe. Under TLS the
     * question cannot be asked cheaply; the answer is no.
     */
    boolean peerClosed() {
        if (nio == null) {
            return false;
        }
        try {
            synchronized (nio.blockingLock()) {
                nio.configureBlocking(false);
                try {
                    return nio.read(ByteBuffer.allocate(1)) != 0; // -1: closed; data: the daemon broke protocol
                } finally {
                    nio.configureBlocking(true);
                }
            }
        } catch (IOException e) {
            return true;
        }
    }

    /** @return whether the channel was closed (it may have been closed by an abort under its call) */
    boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        } finally {
            onClose.run();
        }
    }
}
