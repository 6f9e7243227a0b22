package pool.remote.internal;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.util.function.Function;
import pool.protocol.CallChannel;
import pool.protocol.LoginReply;
import pool.protocol.Protocol;
import pool.protocol.SqlError;
import pool.protocol.Wire;
import pool.protocol.WireException;

/**
 * Serves one call channel ({@link CallChannel}) on its own virtual thread: checks the
 * hello's ticket, then answers call frames one by one through the pool's endpoint until
 * the client closes the connection.
 *
 * <p>A virtual thread per channel: a client holds one channel per concurrent call, and
 * a daemon may serve thousands; waiting for a client's next frame then costs no kernel
 * thread, and the JDBC work of a call blocks its virtual thread only.
 */
public final class ChannelHandler {

    private static final System.Logger LOG = System.getLogger("poold.remote");

    /** The address of the client whose channel the current thread serves, for logs. */
    static final ThreadLocal<String> CLIENT = new ThreadLocal<>();

    private final Function<String, PoolEndpoint> endpoints;
    private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** @param endpoints the published endpoint of a pool name, or null */
    public ChannelHandler(Function<String, PoolEndpoint> endpoints) {
        this.endpoints = endpoints;
    }

    /** Serves {@code sorted} on a new virtual thread. */
    void start(SortingServerSocket.SortedSocket sorted) {
        Runnable r = () -> serve(sorted.socket(), sorted.in());
        if (Boolean.getBoolean("poold.channel.virtualThreads")) {
            Thread.ofVirtual().name("poold-channel").start(r);
        } else {
            Thread.ofPlatform().daemon().name("poold-channel").start(r);
        }
    }

    private void serve(Socket socket, DataInputStream in) {
        String client = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
        CLIENT.set(client);
        open.add(socket);
        if (closed) {
            SortingServerSocket.closeQuietly(socket);
        }
        try {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 8192));
            socket.setSoTimeout(SortingServerSocket.SORT_TIMEOUT_MILLIS);
            CallChannel.Hello hello = CallChannel.readHello(in);
            PoolEndpoint endpoint = open(hello, client, out);
            if (endpoint == null) {
                return;
            }
            socket.setSoTimeout(0); // a pooled channel waits as long as its client likes...
            socket.setKeepAlive(true); // ...but a client host that vanished is noticed
            byte[] frame;
            while ((frame = CallChannel.readFrame(in, Wire.MAX_FRAME)) != null) {
                byte[] reply = endpoint.call(frame);
                CallChannel.writeFrame(out, reply);
                out.flush();
            }
        } catch (WireException e) {
            LOG.log(Level.WARNING, "poold closed a call channel from {0}: {1}", client, e.getMessage());
        } catch (EOFException e) {
            LOG.log(Level.DEBUG, "call channel from {0} closed mid-frame", client);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "call channel from {0} ended: {1}", client, e.getMessage());
        } finally { // closed after the log line: who sees the close can read why
            open.remove(socket);
            SortingServerSocket.closeQuietly(socket);
        }
    }

    /**
     * Closes every channel, also those in the middle of a call: the server is going away,
     * and its clients must learn it from the link, as they would from a stopped process.
     */
    public void closeAll() {
        closed = true;
        open.forEach(SortingServerSocket::closeQuietly);
    }

    /** @return the endpoint the hello names when its ticket is good; else answers why not and returns null */
    private PoolEndpoint open(CallChannel.Hello hello, String client, DataOutputStream out) throws IOException {
        SqlError refusal = null;
        PoolEndpoint endpoint = null;
        if (hello.version() != Protocol.VERSION) {
            refusal = SqlError.of(SqlError.Kind.NON_TRANSIENT_CONNECTION, Protocol.STATE_PROTOCOL_VIOLATION,
                    "poold speaks protocol " + Protocol.VERSION + ", the client " + hello.version()
                            + ": use the pool.client and pool.protocol jars of the daemon's version");
        } else {
            endpoint = endpoints.apply(hello.pool());
            if (endpoint == null || !endpoint.knowsTicket(hello.ticket())) {
                // Also when the pool is unknown: a client learns nothing it could not learn from the registry.
                refusal = SqlError.of(SqlError.Kind.TICKET_EXPIRED, Protocol.STATE_AUTH, "login ticket for pool '"
                        + hello.pool() + "' is not valid (expired, or the pool was replaced): log in again");
                LOG.log(Level.DEBUG, "refused a call channel from {0} for pool {1}: unknown ticket", client, hello.pool());
            }
        }
        CallChannel.writeFrame(out, Wire.encode(new LoginReply(null, 0, refusal)));
        out.flush();
        return refusal == null ? endpoint : null;
    }
}
