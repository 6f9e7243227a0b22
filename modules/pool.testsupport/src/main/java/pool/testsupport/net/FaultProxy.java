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
        Thread.ofPlatform().daemon().name("fault-proxy-accept-" + port).start(() -> {
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
        reset();
        if (placeholder == null) {
            placeholder = holdPort();
        }
    }

    /** Listens again on the same port. */
    public void up() throws IOException {
        releasePort();
        start(listen(port));
    }

    @Override
    public void close() {
        down();
        releasePort();
    }

    private Socket holdPort() {
        Socket s = new Socket();
        try {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return s;
        } catch (IOException e) {
            closeQuietly(s);
            return null; // the port is free then: connects are refused as long as nothing takes it
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
