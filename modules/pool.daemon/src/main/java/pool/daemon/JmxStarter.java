package pool.daemon;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import pool.daemon.config.DaemonSettings;
import pool.jmx.JmxConnector;
import pool.protocol.TlsClientSocketFactory;
import pool.remote.TlsSettings;

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

    /**
     * The authenticated connector on {@code listenAddress:jmxPort}; with {@code <tls>}, over
     * TLS with the registry port's key, protocols and client-certificate requirement, its
     * stubs carrying a client socket factory that checks the daemon's host name.
     */
    JmxStarter CONNECTOR = (settings, users) -> {
        JmxConnector.Tls tls = null;
        if (settings.tls() != null) {
            TlsSettings t = TlsContexts.open(settings.tls());
            tls = new JmxConnector.Tls(t.context(), t.serverParameters(), new TlsClientSocketFactory());
        }
        try {
            return JmxConnector.start(ManagementFactory.getPlatformMBeanServer(), settings.listenAddress(),
                    settings.jmxPort(), users, tls);
        } catch (IOException e) {
            throw new ConfigException(List.of("cannot start the JMX connector on " + settings.listenAddress() + ":"
                    + settings.jmxPort() + ": " + RmiPublisher.rootMessage(e) + " (is another poold or JMX agent"
                    + " running there? choose another <jmxPort> or <listenAddress>)"));
        }
    };
}
