package pool.daemon.config;

import java.time.Duration;

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
 */
public record DaemonSettings(String listenAddress, int rmiRegistryPort, int jmxPort, Duration drainTimeout,
                             Duration remoteLease, TlsConfig tls) {

    public static final String DEFAULT_LISTEN_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_RMI_REGISTRY_PORT = 1099;
    public static final int DEFAULT_JMX_PORT = 9010;
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_REMOTE_LEASE = Duration.ofSeconds(30);
    /** RemoteServerConfig refuses shorter leases: renewals could not keep up. */
    public static final Duration MIN_REMOTE_LEASE = Duration.ofMillis(100);

    /** @return the settings of a file without {@code <daemon>} */
    public static DaemonSettings defaults() {
        return new DaemonSettings(DEFAULT_LISTEN_ADDRESS, DEFAULT_RMI_REGISTRY_PORT, DEFAULT_JMX_PORT,
                DEFAULT_DRAIN_TIMEOUT, DEFAULT_REMOTE_LEASE, null);
    }

    /** @return these settings with another drain timeout */
    public DaemonSettings withDrainTimeout(Duration drain) {
        return new DaemonSettings(listenAddress, rmiRegistryPort, jmxPort, drain, remoteLease, tls);
    }
}
