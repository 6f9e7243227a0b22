package pool.daemon.config;

/** Binding of {@code <daemon>}: absent values stay null and take their defaults in the mapping. */
final class XmlDaemon {
    String listenAddress;
    Integer rmiRegistryPort;
    Integer jmxPort;
    String drainTimeout;
    String remoteLease;
    XmlTls tls;
    Integer maxUnauthenticatedConnections;
    Integer maxUnauthenticatedConnectionsPerAddress;
    String requestTimeout;
    String ticketIdleTimeout;
    String ticketLifetime;
    Integer maxChannelsPerTicket;
    String maxCallBytesPerTicket;

    /** Binding of {@code <daemon><tls>}. */
    static final class XmlTls {
        String keyStore;
        String keyStorePassword;
        String keyStoreType;
        String trustStore;
        String trustStorePassword;
        String trustStoreType;
    }
}
