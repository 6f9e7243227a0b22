package pool.testsupport.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy between a pool (or a remote client) and a real database server (or the daemon), so that a test can make
 * network faults without touching the shared server: {@link #stall()} stops forwarding
 * like a network partition (connections stay open, the bytes sent on them are lost, new
 * ones are accepted and never answered; after {@link #resume()} only new connections work),
 * {@link #reset()} cuts every connection with a TCP RST, {@link #down()} stops listening
 * (connects are refused) and {@link #up()} listens again on the same port.
 */
public final class FaultProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean stalled;
    private volatile ServerSocket server;
    /** The thread accepting on {@link #server}; the listening socket is gone only once it ended. */
    private volatile Thread acceptor;
    /** Holds the port while {@link #down()}: bound, not listening. */
    private volatile Socket placeholder;

    public FaultProxy(String host, int port) throws IOException {
        this.target = new InetSocketAddress(host, port);
        ServerSocket s = listen(0);
        this.port = s.getLocalPort();
        start(s);
    }

    /** @return the port the pool connects to */
    public int port() {
        return port;
    }

    /** @return how many connections the proxy accepted so far */
    public int accepted() {
        return accepted.get();
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return s;
    }

    private void start(ServerSocket s) {
        server = s;
        acceptor = Thread.ofPlatform().daemon().name("fault-proxy-accept-" + port).start(() -> {
            while (!s.isClosed()) {
                try {
                    Socket client = s.accept();
                    accepted.incrementAndGet();
                    sockets.add(client);
                    Thread.ofPlatform().daemon().start(() -> connect(client));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private void connect(Socket client) {
        if (stalled) {
            drain(client);
            return;
        }
        try {
            Socket upstream = new Socket();
            sockets.add(upstream);
            upstream.connect(target, 5_000);
            Thread.ofPlatform().daemon().start(() -> pump(client, upstream));
            pump(upstream, client);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    /** A connection made during a stall: read and drop whatever comes, answer nothing. */
    private void drain(Socket client) {
        byte[] buf = new byte[4096];
        try (InputStream in = client.getInputStream()) {
            while (in.read(buf) >= 0) {
                // lost
            }
        } catch (IOException e) {
            // reset or closed
        } finally {
            closeQuietly(client);
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buf = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (!stalled) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // one side went away: the other goes too
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Stops forwarding: what is sent now on any connection, open or new, is lost. */
    public void stall() {
        stalled = true;
    }

    /** Forwards again, for connections made from now on (the others lost bytes and hang). */
    public void resume() {
        stalled = false;
    }

    /** Cuts every connection open now with a TCP reset, as a crashed host or firewall would. */
    public void reset() {
        for (Socket s : sockets) {
            try {
                s.setSoLinger(true, 0);
            } catch (IOException ignored) {
                // closing anyway
            }
            closeQuietly(s);
        }
        sockets.clear();
    }

    /**
     * Stops listening and resets every connection: the database is unreachable. The port stays
     * bound (by a socket that does not listen, so connects are refused): a port given back
     * could be taken meanwhile by any process binding an ephemeral port, a database's proxy
     * included, and a connect the test expects refused would then succeed.
     */
    public void down() {
        closeQuietly(server);
        awaitAcceptorEnd();
        reset();
        if (placeholder == null) {
            placeholder = holdPort();
        }
    }

    /**
     * The JDK closes a socket that a thread is blocked accepting on only when that thread leaves
     * accept: until then the port still listens, and a test's next connect would reach it.
     */
    private void awaitAcceptorEnd() {
        Thread t = acceptor;
        if (t == null) {
            return;
        }
        try {
            if (!t.join(java.time.Duration.ofSeconds(10))) {
                throw new IllegalStateException("fault proxy on port " + port + ": the accepting thread did not end");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the fault proxy stopped listening", e);
        }
    }

    /** Listens again on the same port. */
    public void up() throws IOException {
        releasePort();
        start(listen(port));
    }

    @Override
    public void close() {
        closeQuietly(server);
        reset();
        releasePort();
    }

    /**
     * Binds a socket that never listens to the port. A bind can fail for a moment while the
     * kernel lets go of the closed listener; a port left free could be taken, so failing to hold
     * it fails the test instead of letting a later connect reach another process.
     */
    private Socket holdPort() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (;;) {
            Socket s = new Socket();
            try {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return s;
            } catch (IOException e) {
                closeQuietly(s);
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("fault proxy could not hold port " + port + " while down", e);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the fault proxy held its port", ie);
                }
            }
        }
    }

    private void releasePort() {
        Socket p = placeholder;
        placeholder = null;
        if (p != null) {
            closeQuietly(p);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // best effort
        }
    }
}
