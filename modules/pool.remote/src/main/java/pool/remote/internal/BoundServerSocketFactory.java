package pool.remote.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.rmi.server.RMIServerSocketFactory;
import java.util.Arrays;
import java.util.Objects;
import javax.net.ssl.SSLServerSocket;
import pool.remote.ConnectionLimits;
import pool.remote.TlsSettings;

/**
 * Server sockets bound to one address (loopback by default), plain or TLS, each shared by
 * RMI and the call channel ({@link SortingServerSocket}).
 *
 * <p>Not {@code javax.rmi.ssl.SslRMIServerSocketFactory}: that one listens on every
 * interface, and poold must listen on the configured address only.
 *
 * <p>Equality is identity, on purpose: RMI shares one listening socket among exports
 * whose port and factories are equal, so the registry and the pools of one
 * {@code RemoteServer} (one instance) share its port, while another server in the same
 * JVM on "any free port" gets a socket of its own and {@link #boundPort()} tells the truth.
 */
public final class BoundServerSocketFactory implements RMIServerSocketFactory {

    private static final int BACKLOG = 128;

    private final InetAddress address;
    private final TlsSettings tls;
    private final ChannelHandler channels;
    /** The caps of the port's unauthenticated connections: one guard, whatever sockets RMI asks for. */
    private final ConnectionGuard guard;
    private volatile int boundPort;

    /**
     * @param channels serves the connections that open a call channel
     * @param limits   what connections may cost before login
     */
    public BoundServerSocketFactory(InetAddress address, TlsSettings tls, ChannelHandler channels,
                                    ConnectionLimits limits) {
        this.address = Objects.requireNonNull(address, "address");
        this.tls = tls;
        this.channels = Objects.requireNonNull(channels, "channels");
        this.guard = new ConnectionGuard("RMI registry port", Objects.requireNonNull(limits, "limits"));
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        ServerSocket socket;
        if (tls == null) {
            // A channel's socket rather than a plain ServerSocket: its accepted sockets go back
            // to blocking mode after a timed read (RMI's, under its read timeout), so every later
            // read blocks in the kernel at once; a plain socket, once timed, stays non-blocking
            // and pays a failed read and a poll(2) for every read after.
            // The address's own family: an IPv4 address gets an IPv4 socket, not a dual-stack
            // one listening on ::ffff:127.0.0.1 (the same, but not what tools and operators expect).
            ServerSocketChannel channel = ServerSocketChannel.open(
                    address instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
            try {
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true); // restart on the same port
                channel.bind(new InetSocketAddress(address, port), BACKLOG);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            socket = channel.socket();
        } else {
            SSLServerSocket ssl = (SSLServerSocket) tls.context().getServerSocketFactory()
                    .createServerSocket(port, BACKLOG, address);
            ssl.setSSLParameters(tls.serverParameters());
            socket = ssl;
        }
        boundPort = socket.getLocalPort();
        return new SortingServerSocket(socket, channels::open, guard);
    }

    /** @return the port of the last socket created (the real one when port 0 was asked), or 0 */
    public int boundPort() {
        return boundPort;
    }

    @Override
    public String toString() {
        return "BoundServerSocketFactory[" + address.getHostAddress() + (tls == null ? "" : ", tls"
                + (tls.needClientAuth() ? ", client certificates" : "")
                + (tls.enabledProtocols() == null ? "" : " " + Arrays.toString(tls.enabledProtocols()))) + "]";
    }
}
