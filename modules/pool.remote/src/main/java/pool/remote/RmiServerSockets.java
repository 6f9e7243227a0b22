package pool.remote;

import java.net.ServerSocket;
import java.util.Objects;
import java.util.function.UnaryOperator;
import pool.remote.internal.ConnectionGuard;
import pool.remote.internal.GuardedServerSocket;

/**
 * Bounds what an RMI listening socket's connections may cost before login, for RMI
 * services other than the registry port (which {@link RemoteServer} guards itself): the
 * JMX connector's port. Wrap whatever server socket the service creates:
 *
 * <pre>{@code
 * UnaryOperator<ServerSocket> guard = RmiServerSockets.guarded(ConnectionLimits.defaults(), "JMX connector");
 * ... createServerSocket(port) { return guard.apply(new ServerSocket(port, 50, address)); }
 * }</pre>
 *
 * <p>The connections it accepts count against {@link ConnectionLimits}' caps (beyond them
 * a connection is closed at once, logged at most once per 10 s), and each of their
 * requests is read under {@code Protocol.MAX_RMI_REQUEST_BYTES} and the request timeout,
 * with the idle timeout between requests.
 */
public final class RmiServerSockets {

    private RmiServerSockets() {
    }

    /**
     * @param service names the port in log lines, e.g. "JMX connector"
     * @return a wrapper for the service's server sockets; the sockets it wraps share one set of caps
     */
    public static UnaryOperator<ServerSocket> guarded(ConnectionLimits limits, String service) {
        ConnectionGuard guard = new ConnectionGuard(service, Objects.requireNonNull(limits, "limits"));
        return listener -> GuardedServerSocket.wrap(listener, guard);
    }
}
