package pool.daemon;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import pool.daemon.config.DaemonSettings;
import pool.jmx.JmxConnector;
import pool.jmx.JmxUsers;
import pool.protocol.TlsClientSocketFactory;
import pool.remote.RmiServerSockets;
import pool.remote.TlsSettings;

/** Starts the daemon's JMX connector; in-process tests use {@link #NONE}, the daemon {@link #CONNECTOR}. */
@FunctionalInterface
interface JmxStarter {

    /**
     * A started connector.
     *
     * @param afterReload closes the open sessions of users a reload removed or gave another
     *                    password (their requests are refused anyway; this stops their notifications)
     * @param stop        stops the connector
     */
    record Started(Runnable afterReload, Runnable stop) implements AutoCloseable {
        @Override
        public void close() {
            stop.run();
        }
    }

    /**
     * @param users the configuration's {@code <jmx>} users, asked at every login and request
     * @throws ConfigException when the port cannot be bound: the daemon does not start, exit 78
     */
    Started start(DaemonSettings settings, JmxUsers users) throws ConfigException;

    /** No connector: the MBeans are still in the platform MBean server. */
    JmxStarter NONE = (settings, users) -> new Started(() -> { }, () -> { });

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
            // Its connections before login are bounded as the registry port's are: the same caps
            // (counted for this port alone), the same request limits.
            JmxConnector connector = JmxConnector.start(ManagementFactory.getPlatformMBeanServer(),
                    settings.listenAddress(), settings.jmxPort(), users, tls,
                    RmiServerSockets.guarded(settings.connectionLimits(), "JMX connector"));
            return new Started(() -> {
                int closed = connector.closeEndedSessions();
                if (closed > 0) {
                    System.getLogger("poold.jmx").log(System.Logger.Level.INFO, "closed {0} JMX session(s) of users"
                            + " the reload removed or gave another password", Integer.toString(closed));
                }
            }, connector::close);
        } catch (IOException e) {
            throw new ConfigException(List.of("cannot start the JMX connector on " + settings.listenAddress() + ":"
                    + settings.jmxPort() + ": " + RmiPublisher.rootMessage(e)
                    + RmiPublisher.bindHint(e, "JMX agent", "jmxPort")));
        }
    };
}
