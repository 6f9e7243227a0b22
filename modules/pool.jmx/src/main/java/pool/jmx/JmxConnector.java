package pool.jmx;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.management.MBeanServer;
import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.security.auth.Subject;
import pool.jmx.internal.PooldOnlyForwarder;
import pool.jmx.internal.RequestFilter;
import pool.jmx.internal.SessionServer;
import pool.jmx.internal.Sessions;

/**
 * The daemon's JMX connector: JConsole, VisualVM and poolctl connect to
 * {@code service:jmx:rmi:///jndi/rmi://<address>:<port>/jmxrmi} with the user name and
 * password of one of the {@link JmxUsers}. The registry and the connector share one port,
 * bound to one address (loopback by default), and accept nothing but the two strings of a
 * login before authentication. Whoever starts it may wrap its listening socket (the daemon
 * bounds what connections cost before login there).
 *
 * <p>A session sees the {@code poold} domain only, never the JVM's own beans; its role
 * decides whether it may change anything, checked on every request against the users in
 * force; every change is logged on {@code poold.jmx.audit}; what a session may send
 * is limited by a serialization filter, and its written values to plain ones (see
 * {@code pool.jmx.internal.PooldOnlyForwarder}, {@code RequestFilter} and {@code PlainValues});
 * and what logged-in users hold in the daemon is bounded: sessions per user, notification
 * subscriptions per session ({@code SessionServer}, {@code BoundedSession}). With
 * {@link Tls} the registry and the connector speak TLS only.
 */
public final class JmxConnector implements AutoCloseable {

    /**
     * TLS for the registry and the connector.
     *
     * @param context       the daemon's key (and, for client certificates, the trusted client CAs)
     * @param parameters    what the listening socket applies: protocols, client certificate requirement
     * @param clientSockets the factory the stubs carry to clients, which then make their
     *                      connections with it: one that checks the server's host name
     *                      ({@code pool.protocol.TlsClientSocketFactory} in the daemon)
     */
    public record Tls(SSLContext context, SSLParameters parameters, RMIClientSocketFactory clientSockets) {
        public Tls {
            java.util.Objects.requireNonNull(context, "context");
            java.util.Objects.requireNonNull(parameters, "parameters");
            java.util.Objects.requireNonNull(clientSockets, "clientSockets");
        }
    }

    private static final System.Logger LOG = System.getLogger("poold.jmx");
    /** Changes made over JMX: who, from where, what, before and after. */
    private static final System.Logger AUDIT = System.getLogger("poold.jmx.audit");

    private final Registry registry;
    private final JMXConnectorServer server;
    private final SessionServer sessions;
    private final JmxUsers users;
    private final int port;
    private final String address;
    private final MBeanServer mbeans;
    /** Releases the sessions' subscriptions to a bean that leaves; removed at close. */
    private final javax.management.NotificationListener beansLeaving;

    private JmxConnector(Registry registry, JMXConnectorServer server, SessionServer sessions, JmxUsers users,
                         String address, int port, MBeanServer mbeans,
                         javax.management.NotificationListener beansLeaving) {
        this.mbeans = mbeans;
        this.beansLeaving = beansLeaving;
        this.registry = registry;
        this.server = server;
        this.sessions = sessions;
        this.users = users;
        this.address = address;
        this.port = port;
    }

    /**
     * Starts the connector on the platform MBean server.
     *
     * @param address the address to listen on, e.g. 127.0.0.1
     * @param port    the port of both the registry and the connector; 0 for any free one
     * @param users   who may log in, asked at every login and on every request
     * @throws IOException when the port cannot be bound (taken, or the address is not this host's)
     */
    public static JmxConnector start(String address, int port, JmxUsers users) throws IOException {
        return start(ManagementFactory.getPlatformMBeanServer(), address, port, users);
    }

    /** Starts the connector on {@code mbeans} without TLS; see {@link #start(String, int, JmxUsers)}. */
    public static JmxConnector start(MBeanServer mbeans, String address, int port, JmxUsers users)
            throws IOException {
        return start(mbeans, address, port, users, null);
    }

    /**
     * Starts the connector on {@code mbeans}; see {@link #start(String, int, JmxUsers)}.
     *
     * @param tls TLS for the registry and the connector, or null for plain sockets
     */
    public static JmxConnector start(MBeanServer mbeans, String address, int port, JmxUsers users, Tls tls)
            throws IOException {
        return start(mbeans, address, port, users, tls, UnaryOperator.identity());
    }

    /**
     * Starts the connector on {@code mbeans}; see {@link #start(String, int, JmxUsers)}.
     *
     * @param tls     TLS for the registry and the connector, or null for plain sockets
     * @param wrapper wraps the listening socket the connector creates (its registry and its
     *                connections share it), e.g. to bound what connections cost before login
     */
    public static JmxConnector start(MBeanServer mbeans, String address, int port, JmxUsers users, Tls tls,
                                     UnaryOperator<ServerSocket> wrapper) throws IOException {
        InetAddress bindTo = InetAddress.getByName(address);
        BoundSockets sockets = new BoundSockets(bindTo, tls, wrapper);
        RMIClientSocketFactory clientSockets = tls == null ? null : tls.clientSockets();
        int bound = port != 0 ? port : freePort(bindTo);
        Registry registry = LocateRegistry.createRegistry(bound, clientSockets, sockets);
        Map<String, Object> env = new HashMap<>();
        env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, sockets);
        env.put(JMXConnectorServer.AUTHENTICATOR, new Authenticator(users));
        // Before authentication the connector deserializes only the login's String[], and
        // only a small one: a stranger cannot make the daemon allocate much.
        env.put(RMIConnectorServer.CREDENTIALS_FILTER_PATTERN,
                "maxdepth=4;maxrefs=16;maxarray=16;maxbytes=65536;java.lang.String;!*");
        env.put(RMIConnectorServer.SERIAL_FILTER_PATTERN, RequestFilter.PATTERN);
        String host = address.contains(":") ? "[" + address + "]" : address;
        // The connector is bound by a local call, as the JDK's own agent does: the daemon's
        // registry filter admits only lookups from the wire, so a bind over JNDI is refused.
        SessionServer exported = new SessionServer(bound, clientSockets, sockets, env);
        JMXConnectorServer server = new RMIConnectorServer(new JMXServiceURL("service:jmx:rmi://" + host + ":" + bound),
                env, exported, mbeans);
        server.setMBeanServerForwarder(new PooldOnlyForwarder(new Sessions(users), AUDIT));
        try {
            server.start();
            registry.bind("jmxrmi", exported.toStub());
        } catch (IOException | java.rmi.AlreadyBoundException | RuntimeException e) {
            try {
                server.stop();
            } catch (IOException ignored) {
                // the start failed already
            }
            UnicastRemoteObject.unexportObject(registry, true);
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        LOG.log(System.Logger.Level.INFO, "JMX connector listening on {0}:{1} (service:jmx:rmi:///jndi/rmi://{0}:{1}/jmxrmi){2}",
                address, Integer.toString(bound), tls == null ? "" : " (TLS)");
        javax.management.NotificationListener leaving = releaseSubscriptionsOfBeansThatLeave(mbeans, exported);
        return new JmxConnector(registry, server, exported, users, address, bound, mbeans, leaving);
    }

    /**
     * The JDK drops the subscriptions to a bean when it is unregistered (a pool a reload
     * removed); the sessions' bounds must stop counting them too, or a session living
     * across reloads would be refused subscriptions it no longer holds.
     */
    private static javax.management.NotificationListener releaseSubscriptionsOfBeansThatLeave(
            MBeanServer mbeans, SessionServer sessions) {
        javax.management.NotificationListener leaving = (n, handback) -> {
            if (n instanceof javax.management.MBeanServerNotification m) {
                sessions.beanLeft(m.getMBeanName());
            }
        };
        javax.management.NotificationFilterSupport unregistrations = new javax.management.NotificationFilterSupport();
        unregistrations.enableType(javax.management.MBeanServerNotification.UNREGISTRATION_NOTIFICATION);
        try {
            mbeans.addNotificationListener(javax.management.MBeanServerDelegate.DELEGATE_NAME, leaving,
                    unregistrations, null);
        } catch (javax.management.InstanceNotFoundException e) {
            throw new IllegalStateException("an MBean server without its delegate", e);
        }
        return leaving;
    }

    /** For port 0 (tests): the connector's URL names its port, so it is chosen before anything listens. */
    private static int freePort(InetAddress address) throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, address)) {
            return probe.getLocalPort();
        }
    }

    /** @return the port the connector listens on */
    public int port() {
        return port;
    }

    /** @return the URL a JMX client connects to */
    public String url() {
        String host = address.contains(":") ? "[" + address + "]" : address;
        return "service:jmx:rmi:///jndi/rmi://" + host + ":" + port + "/jmxrmi";
    }

    /**
     * Closes the open sessions of users the {@link JmxUsers} no longer have, or have with
     * another password: call after the users changed (a reload), so that such a session
     * receives no further notification. Requests are checked against the users anyway.
     *
     * @return how many sessions were closed
     */
    public int closeEndedSessions() {
        return sessions.closeEnded(users);
    }

    /** @return how many sessions are open now */
    public int openSessions() {
        return sessions.openSessions();
    }

    /** Stops the connector; connected clients are cut off. */
    @Override
    public void close() {
        try {
            mbeans.removeNotificationListener(javax.management.MBeanServerDelegate.DELEGATE_NAME, beansLeaving);
        } catch (javax.management.InstanceNotFoundException | javax.management.ListenerNotFoundException e) {
            // closed twice: removed already
        }
        try {
            server.stop();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "stopping the JMX connector: " + e);
        }
        try {
            UnicastRemoteObject.unexportObject(registry, true);
        } catch (NoSuchObjectException e) {
            // already gone
        }
    }

    /**
     * Logs in against {@link JmxUsers}, which bounds concurrent password checks and logs
     * failures (the daemon's login guard does both) and may refuse a login unchecked with a
     * {@link SecurityException} whose message the client sees.
     */
    private static final class Authenticator implements JMXAuthenticator {
        private final JmxUsers users;

        Authenticator(JmxUsers users) {
            this.users = users;
        }

        @Override
        public Subject authenticate(Object given) {
            if (!(given instanceof String[] pair) || pair.length != 2 || pair[0] == null || pair[1] == null) {
                throw new SecurityException("poold's JMX connector needs a user name and a password"
                        + " (JMXConnector.CREDENTIALS: new String[] {user, password})");
            }
            char[] password = pair[1].toCharArray();
            JmxAccount account;
            try {
                account = users.authenticate(pair[0], password);
            } finally {
                Arrays.fill(password, '\0');
            }
            if (account == null) {
                throw new SecurityException("wrong user name or password");
            }
            return Sessions.subjectOf(account);
        }
    }

    /**
     * Server sockets bound to one address, plain or TLS, wrapped as the starter asked. One
     * instance serves the registry and the connector, so RMI puts both on one port; equal by
     * address, TLS settings and wrapper, as RMI requires.
     */
    private static final class BoundSockets implements RMIServerSocketFactory {
        private final InetAddress address;
        private final Tls tls;
        private final UnaryOperator<ServerSocket> wrapper;

        BoundSockets(InetAddress address, Tls tls, UnaryOperator<ServerSocket> wrapper) {
            this.address = address;
            this.tls = tls;
            this.wrapper = wrapper;
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return wrapper.apply(bind(port));
        }

        private ServerSocket bind(int port) throws IOException {
            if (tls == null) {
                return new ServerSocket(port, 50, address);
            }
            // Not javax.rmi.ssl.SslRMIServerSocketFactory: that one listens on every interface.
            SSLServerSocket ssl = (SSLServerSocket) tls.context().getServerSocketFactory()
                    .createServerSocket(port, 50, address);
            ssl.setSSLParameters(tls.parameters());
            return ssl;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BoundSockets b && b.address.equals(address) && java.util.Objects.equals(b.tls, tls)
                    && b.wrapper == wrapper;
        }

        @Override
        public int hashCode() {
            return address.hashCode();
        }
    }
}
