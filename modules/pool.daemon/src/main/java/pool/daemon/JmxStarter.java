package pool.daemon;

import java.io.IOException;
import java.util.List;
import pool.daemon.config.DaemonSettings;
import pool.jmx.JmxConnector;
import pool.jmx.JmxUsers;

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

    /** The authenticated connector on {@code listenAddress:jmxPort}. */
    JmxStarter CONNECTOR = (settings, users) -> {
        if (settings.tls() != null) {
            System.getLogger("poold").log(System.Logger.Level.WARNING, "<tls> covers the RMI registry and remote pools,"
                    + " not yet the JMX connector on port " + settings.jmxPort() + ": keep it on a trusted network"
                    + " (listenAddress 127.0.0.1, or an SSH tunnel)");
        }
        try {
            JmxConnector connector = JmxConnector.start(settings.listenAddress(), settings.jmxPort(), users);
            return new Started(() -> {
                int closed = connector.closeEndedSessions();
                if (closed > 0) {
                    System.getLogger("poold.jmx").log(System.Logger.Level.INFO, "closed {0} JMX session(s) of users"
                            + " the reload removed or gave another password", Integer.toString(closed));
                }
            }, connector::close);
        } catch (IOException e) {
            throw new ConfigException(List.of("cannot start the JMX connector on " + settings.listenAddress() + ":"
                    + settings.jmxPort() + ": " + RmiPublisher.rootMessage(e) + " (is another poold or JMX agent"
                    + " running there? choose another <jmxPort> or <listenAddress>)"));
        }
    };
}
