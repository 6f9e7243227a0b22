package pool.daemon;

import java.io.IOException;
import java.util.List;
import pool.daemon.config.DaemonSettings;
import pool.jmx.JmxConnector;
import pool.remote.RmiServerSockets;

/** Starts the daemon's JMX connector; in-process tests use {@link #NONE}, the daemon {@link #CONNECTOR}. */
@FunctionalInterface
interface JmxStarter {

    /**
     * @param users checks a login against the configuration's {@code <clients>}
     * @return what stops the connector
     * @throws ConfigException when the port cannot be bound: the daemon does not start, exit 78
     */
    AutoCloseable start(DaemonSettings settings, JmxConnector.Credentials users) throws ConfigException;

    /** No connector: the MBeans are still in the platform MBean server. */
    JmxStarter NONE = (settings, users) -> () -> { };

    /** The authenticated connector on {@code listenAddress:jmxPort}. */
    JmxStarter CONNECTOR = (settings, users) -> {
        if (settings.tls() != null) {
            System.getLogger("poold").log(System.Logger.Level.WARNING, "<tls> covers the RMI registry and remote pools,"
                    + " not yet the JMX connector on port " + settings.jmxPort() + ": keep it on a trusted network"
                    + " (listenAddress 127.0.0.1, or an SSH tunnel)");
        }
        try {
            // Its connections before login are bounded as the registry port's are: the same caps
            // (counted for this port alone), the same request limits.
            return JmxConnector.start(settings.listenAddress(), settings.jmxPort(), users,
                    RmiServerSockets.guarded(settings.connectionLimits(), "JMX connector"));
        } catch (IOException e) {
            throw new ConfigException(List.of("cannot start the JMX connector on " + settings.listenAddress() + ":"
                    + settings.jmxPort() + ": " + RmiPublisher.rootMessage(e) + " (is another poold or JMX agent"
                    + " running there? choose another <jmxPort> or <listenAddress>)"));
        }
    };
}
