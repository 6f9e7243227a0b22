package pool.daemon.config;

import java.time.Duration;
import pool.remote.ConnectionLimits;
import pool.remote.TicketLimits;

/**
 * Daemon-wide settings from {@code <daemon>}.
 *
 * @param listenAddress   where network services listen; 127.0.0.1 unless configured
 * @param rmiRegistryPort RMI registry port, where pools are published as {@code pools/<name>}
 * @param jmxPort         JMX connector port
 * @param drainTimeout    longest wait for borrowed connections on shutdown and when a
 *                        reload removes or replaces a pool
 * @param remoteLease     how long a remote client's borrowed connection lives without a
 *                        call or renewal
 * @param tls             TLS for the registry, the remote pools and the JMX connector, or null for plain sockets
 * @param maxUnauthenticatedConnections           most connections that have not logged in,
 *                                                open at once on each port
 * @param maxUnauthenticatedConnectionsPerAddress most of them from one client address
 * @param requestTimeout  longest a peer may take to open a connection or send one RMI
 *                        request, before it is known who the peer is
 * @param ticketIdleTimeout a login ticket unused this long ends
 * @param ticketLifetime  a login ticket ends this long after its login
 * @param maxChannelsPerTicket  most call channels open at once with one ticket
 * @param maxCallBytesPerTicket most call bytes one ticket may have in the daemon at once
 */
public record DaemonSettings(String listenAddress, int rmiRegistryPort, int jmxPort, Duration drainTimeout,
                             Duration remoteLease, TlsConfig tls, int maxUnauthenticatedConnections,
                             int maxUnauthenticatedConnectionsPerAddress, Duration requestTimeout,
                             Duration ticketIdleTimeout, Duration ticketLifetime, int maxChannelsPerTicket,
                             int maxCallBytesPerTicket) {

    public static final String DEFAULT_LISTEN_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_RMI_REGISTRY_PORT = 1099;
    public static final int DEFAULT_JMX_PORT = 9010;
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_REMOTE_LEASE = Duration.ofSeconds(30);
    /** RemoteServerConfig refuses shorter leases: renewals could not keep up. */
    public static final Duration MIN_REMOTE_LEASE = Duration.ofMillis(100);
    /** ConnectionLimits refuses shorter: a TLS handshake alone takes a round trip or two. */
    public static final Duration MIN_REQUEST_TIMEOUT = Duration.ofMillis(100);
    /** TicketLimits refuses shorter: a client logs in again a quarter of the lifetime early. */
    public static final Duration MIN_TICKET_TIME = Duration.ofSeconds(1);
    /** TicketLimits refuses less: frames up to this size are never counted, so a smaller budget could not hold one. */
    public static final int MIN_CALL_BYTES = TicketLimits.UNCOUNTED_CALL_BYTES;
    /** The budget is counted in an int of bytes; a ticket needs nowhere near this. */
    public static final int MAX_CALL_BYTES = 1 << 30;

    /** @return the settings of a file without {@code <daemon>} */
    public static DaemonSettings defaults() {
        ConnectionLimits c = ConnectionLimits.defaults();
        TicketLimits t = TicketLimits.DEFAULT;
        return new DaemonSettings(DEFAULT_LISTEN_ADDRESS, DEFAULT_RMI_REGISTRY_PORT, DEFAULT_JMX_PORT,
                DEFAULT_DRAIN_TIMEOUT, DEFAULT_REMOTE_LEASE, null, c.maxUnauthenticated(),
                c.maxUnauthenticatedPerAddress(), c.requestTimeout(), t.idleTimeout(), t.lifetime(), t.maxChannels(),
                t.maxCallBytes());
    }

    /** @return these settings with another drain timeout */
    public DaemonSettings withDrainTimeout(Duration drain) {
        return new DaemonSettings(listenAddress, rmiRegistryPort, jmxPort, drain, remoteLease, tls,
                maxUnauthenticatedConnections, maxUnauthenticatedConnectionsPerAddress, requestTimeout,
                ticketIdleTimeout, ticketLifetime, maxChannelsPerTicket, maxCallBytesPerTicket);
    }

    /** @return what connections may cost before login, on each port; RMI's idle timeout comes from its property */
    public ConnectionLimits connectionLimits() {
        return new ConnectionLimits(maxUnauthenticatedConnections, maxUnauthenticatedConnectionsPerAddress,
                requestTimeout, ConnectionLimits.rmiIdleTimeout());
    }

    /** @return the lifetimes and caps of login tickets */
    public TicketLimits ticketLimits() {
        return new TicketLimits(ticketIdleTimeout, ticketLifetime, maxChannelsPerTicket, maxCallBytesPerTicket);
    }
}
