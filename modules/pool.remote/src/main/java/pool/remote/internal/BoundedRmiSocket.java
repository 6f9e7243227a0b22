package pool.remote.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import pool.protocol.Protocol;
import pool.remote.ConnectionLimits;

/**
 * An accepted connection handed to RMI, bounded the way a connection nobody has
 * authenticated must be. RMI carries logins, so its connections never authenticate as
 * connections: every request on them is bounded, counted on the socket where even a
 * {@code String}'s contents are seen (a serialization filter sees them only once read):
 * at most {@link Protocol#MAX_RMI_REQUEST_BYTES} from a request's first byte until the
 * daemon answers it, read before an absolute deadline ({@link ConnectionLimits#requestTimeout()},
 * the first request counted from the accept), and the idle time between requests bounded
 * by {@link ConnectionLimits#idleTimeout()}. {@link Watchdog} enforces the times while RMI
 * waits in a read; the time RMI spends answering (a login's password check, a JMX
 * notification fetch that waits for news) is the daemon's, not the peer's, and is not counted.
 * A call to the registry other than a lookup or a list closes the connection before RMI
 * reads its arguments ({@link JrmpRequests}).
 *
 * <p>Counts against its port's unauthenticated connections until closed.
 */
final class BoundedRmiSocket extends DelegatingSocket implements Watchdog.Watched {

    private final ConnectionGuard guard;
    private final ConnectionGuard.Admission admission;
    private final java.util.Set<Socket> open;
    private final LongSupplier clock;
    private final long requestTimeoutNanos;
    private final long idleTimeoutNanos;
    private final InputStream in;
    private final OutputStream out;
    /** Touched by the connection's one thread only; the watchdog reads the volatile fields below. */
    private final JrmpRequests requests = new JrmpRequests();
    private volatile boolean inRequest = true;
    private volatile long requestDeadline;
    private volatile long idleDeadline;
    private volatile boolean reading;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Why a connection idle between requests is cut: not an attack, RMI's housekeeping. */
    private static final String IDLE = "idle";

    /**
     * @param source       the connection's input from its first byte (bytes read to sort it put back)
     * @param acceptedNanos when the connection was accepted: its first request's deadline counts from then
     * @param open         the connections its server socket closes when it closes: this one
     *                     joins it now and leaves it when closed
     */
    BoundedRmiSocket(Socket socket, InputStream source, ConnectionGuard guard, ConnectionGuard.Admission admission,
                     long acceptedNanos, LongSupplier nanoClock, java.util.Set<Socket> open) throws IOException {
        super(socket);
        this.guard = guard;
        this.admission = admission;
        this.open = open;
        this.clock = nanoClock;
        this.requestTimeoutNanos = guard.limits().requestTimeout().toNanos();
        this.idleTimeoutNanos = guard.limits().idleTimeout().toNanos();
        this.requestDeadline = acceptedNanos + requestTimeoutNanos;
        this.in = new Input(source);
        this.out = new Output(socket.getOutputStream());
        open.add(this);
    }

    @Override
    public InputStream getInputStream() {
        return in;
    }

    @Override
    public OutputStream getOutputStream() {
        return out;
    }

    @Override
    public String overdue(long nowNanos) {
        return reading ? late(nowNanos) : null;
    }

    /** @return why the connection is past a deadline at {@code nowNanos}, or null */
    private String late(long nowNanos) {
        if (inRequest) {
            return nowNanos - requestDeadline > 0 ? "a request" : null;
        }
        return nowNanos - idleDeadline > 0 ? IDLE : null;
    }

    @Override
    public void cut(String why) {
        if (why.equals(IDLE)) {
            guard.idle(getInetAddress());
        } else {
            guard.overdue(getInetAddress(), why);
        }
        closeInBackground();
    }

    private void closeInBackground() {
        Thread.ofVirtual().name("poold-close").start(() -> {
            try {
                close();
            } catch (IOException e) {
                // nothing left to do
            }
        });
    }

    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            socket.close();
        } finally {
            admission.release();
            Watchdog.SHARED.forget(this);
            open.remove(this);
        }
    }

    @Override
    public boolean isClosed() {
        return closed.get() || socket.isClosed();
    }

    private void received(byte[] b, int off, int n) throws IOException {
        long began = requests.started();
        requests.read(b, off, n);
        if (requests.refused() != null) {
            guard.refused(getInetAddress(), requests.refused());
            close();
            throw new SocketException("poold closed the connection: " + requests.refused());
        }
        long now = clock.getAsLong();
        if (requests.started() != began) {
            requestDeadline = now + requestTimeoutNanos;
        }
        if (requests.requestBytes() > Protocol.MAX_RMI_REQUEST_BYTES) {
            guard.oversized(getInetAddress(), Protocol.MAX_RMI_REQUEST_BYTES);
            close();
            throw new SocketException("poold closed the connection: a request before login longer than "
                    + Protocol.MAX_RMI_REQUEST_BYTES + " bytes");
        }
        if (!requests.inRequest()) {
            idleDeadline = now + idleTimeoutNanos;
        }
        inRequest = requests.inRequest();
    }

    private void replying() {
        requests.replied();
        idleDeadline = clock.getAsLong() + idleTimeoutNanos;
        inRequest = false;
    }

    /** Fails a read that starts after a deadline passed: the watchdog only sees reads already waiting. */
    private void checkDeadline() throws IOException {
        String why = late(clock.getAsLong());
        if (why != null) {
            Watchdog.SHARED.forget(this);
            cut(why);
            throw new SocketException("poold closed the connection: " + (why.equals(IDLE) ? IDLE : why + " too slow"));
        }
    }

    private final class Input extends InputStream {
        private final InputStream source;

        Input(InputStream source) {
            this.source = source;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            checkDeadline();
            int n;
            reading = true;
            try {
                n = source.read(b, off, len);
            } finally {
                reading = false;
            }
            if (n > 0) {
                received(b, off, n);
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return source.available();
        }

        @Override
        public void close() throws IOException {
            BoundedRmiSocket.this.close();
        }
    }

    private final class Output extends OutputStream {
        private final OutputStream sink;

        Output(OutputStream sink) {
            this.sink = sink;
        }

        @Override
        public void write(int b) throws IOException {
            replying();
            sink.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            replying();
            sink.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            sink.flush();
        }

        @Override
        public void close() throws IOException {
            BoundedRmiSocket.this.close();
        }
    }
}
