package pool.remote;

import java.time.Duration;
import java.util.Objects;

/**
 * What connections cost the daemon before anyone has logged in, on each listening port
 * (the registry port with its call channels, and the JMX connector's). A connection is
 * unauthenticated from its accept until a call channel's hello names a live ticket; RMI's
 * connections stay unauthenticated for their life, since logins travel over them.
 *
 * <p>Beside these, every RMI request is read under a byte limit counted on the socket
 * ({@code pool.protocol.Protocol.MAX_RMI_REQUEST_BYTES}), and a call channel's hello under
 * its format's own ({@code CallChannel.MAX_HELLO_BYTES}).
 *
 * @param maxUnauthenticated           most unauthenticated connections open at once on one
 *                                     port; beyond it a new connection is closed at once
 * @param maxUnauthenticatedPerAddress most of them from one client address (an IPv6
 *                                     address counts by its /64, what one host is given)
 * @param requestTimeout               longest a peer may take to send what the daemon reads
 *                                     before it knows who the peer is: a new connection's
 *                                     opening (TLS handshake, call channel hello, RMI's
 *                                     header), and each RMI request from its first byte;
 *                                     an absolute deadline, not a per-read timeout
 * @param idleTimeout                  longest an RMI connection may wait between requests
 */
public record ConnectionLimits(int maxUnauthenticated, int maxUnauthenticatedPerAddress, Duration requestTimeout,
                               Duration idleTimeout) {

    /**
     * RMI's idle timeout between requests unless {@code sun.rmi.transport.tcp.readTimeout}
     * says otherwise: twice the 15 s after which the JDK's RMI client stops reusing an idle
     * connection ({@code sun.rmi.transport.connectionTimeout}), so a well-behaved client
     * never has one cut under it. The JDK's own default is two hours.
     */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    /** RMI's property for the idle timeout; set by the daemon before anything uses RMI, unless the operator did. */
    public static final String RMI_READ_TIMEOUT_PROPERTY = "sun.rmi.transport.tcp.readTimeout";

    public ConnectionLimits {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (maxUnauthenticated < 1 || maxUnauthenticatedPerAddress < 1) {
            throw new IllegalArgumentException("connection caps must be at least 1, got " + maxUnauthenticated + " and "
                    + maxUnauthenticatedPerAddress);
        }
        if (requestTimeout.toMillis() < 100 || idleTimeout.toMillis() < 100) {
            throw new IllegalArgumentException("request and idle timeouts must be at least 100 ms, got " + requestTimeout
                    + " and " + idleTimeout);
        }
    }

    /** @return 256 connections, 32 per address, 10 s per request, RMI's idle timeout ({@link #rmiIdleTimeout()}) */
    public static ConnectionLimits defaults() {
        return new ConnectionLimits(256, 32, Duration.ofSeconds(10), rmiIdleTimeout());
    }

    /** @return {@code sun.rmi.transport.tcp.readTimeout} if set to a positive number of milliseconds, else {@link #DEFAULT_IDLE_TIMEOUT} */
    public static Duration rmiIdleTimeout() {
        Long millis = Long.getLong(RMI_READ_TIMEOUT_PROPERTY);
        return millis == null || millis < 100 ? DEFAULT_IDLE_TIMEOUT : Duration.ofMillis(millis);
    }

    public ConnectionLimits withRequestTimeout(Duration requestTimeout) {
        return new ConnectionLimits(maxUnauthenticated, maxUnauthenticatedPerAddress, requestTimeout, idleTimeout);
    }
}
