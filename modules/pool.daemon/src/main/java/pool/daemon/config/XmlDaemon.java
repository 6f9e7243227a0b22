package pool.daemon.config;

/** Binding of {@code <daemon>}: absent values stay null and take their defaults in the mapping. */
final class XmlDaemon {
    String listenAddress;
    Integer rmiRegistryPort;
    Integer jmxPort;
    String drainTimeout;
}
