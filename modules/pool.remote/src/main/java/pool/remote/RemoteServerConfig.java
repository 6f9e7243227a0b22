package pool.remote;

import java.time.Duration;
import java.util.Objects;
import pool.protocol.ProtocolFilter;

/**
 * Settings of the remote JDBC service.
 *
 * @param host         the address to listen on; loopback unless the operator says otherwise
 * @param port         the registry port, shared by every published pool (0 = any free port)
 * @param tls          TLS settings, or null for plain sockets
 * @param lease        how long a borrowed session lives without a call or renewal
 * @param tickets      lifetimes and limits of login tickets
 * @param connections  what connections may cost before login
 * @param limits       stream limits of the serialization filter
 */
public record RemoteServerConfig(String host, int port, TlsSettings tls, Duration lease, TicketLimits tickets,
                                 ConnectionLimits connections, ProtocolFilter.Limits limits) {

    /** The contract's default registry port. */
    public static final int DEFAULT_PORT = 1099;

    public RemoteServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(tickets, "tickets");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(limits, "limits");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("remote port must be 0..65535, got " + port);
        }
        if (lease.toMillis() < 100) {
            throw new IllegalArgumentException("remote lease must be at least 100 ms, got " + lease);
        }
    }

    /**
     * @return the defaults: 127.0.0.1:1099, no TLS, 30 s lease, {@link TicketLimits#DEFAULT},
     *         {@link ConnectionLimits#defaults()}
     */
    public static RemoteServerConfig defaults() {
        return new RemoteServerConfig("127.0.0.1", DEFAULT_PORT, null, Duration.ofSeconds(30), TicketLimits.DEFAULT,
                ConnectionLimits.defaults(), ProtocolFilter.Limits.DEFAULT);
    }

    public RemoteServerConfig withHost(String host) {
        return new RemoteServerConfig(host, port, tls, lease, tickets, connections, limits);
    }

    public RemoteServerConfig withPort(int port) {
        return new RemoteServerConfig(host, port, tls, lease, tickets, connections, limits);
    }

    public RemoteServerConfig withTls(TlsSettings tls) {
        return new RemoteServerConfig(host, port, tls, lease, tickets, connections, limits);
    }

    public RemoteServerConfig withLease(Duration lease) {
        return new RemoteServerConfig(host, port, tls, lease, tickets, connections, limits);
    }

    public RemoteServerConfig withTickets(TicketLimits tickets) {
        return new RemoteServerConfig(host, port, tls, lease, tickets, connections, limits);
    }

    public RemoteServerConfig withConnections(ConnectionLimits connections) {
        return new RemoteServerConfig(host, port, tls, lease, tickets, connections, limits);
    }
}
