package pool.jmx;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.UnaryOperator;
import javax.management.MBeanServer;
import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.management.remote.rmi.RMIJRMPServerImpl;
import javax.security.auth.Subject;

/**
 * The daemon's JMX connector: JConsole, VisualVM and poolctl connect to
 * {@code service:jmx:rmi:///jndi/rmi://<address>:<port>/jmxrmi} with a user name and
 * password. The registry and the connector share one port, bound to one address
 * (loopback by default), and accept nothing but the two strings of a login before
 * authentication. Whoever starts it may wrap its listening socket (the daemon bounds what
 * connections cost before login there).
 */
public final class JmxConnector implements AutoCloseable {

    /** Checks a user name and password; the password array is the caller's to clear. */
    @FunctionalInterface
    public interface Credentials {
        boolean check(String user, char[] password);
    }

    private static final System.Logger LOG = System.getLogger("poold.jmx");

    private final Registry registry;
    private final JMXConnectorServer server;
    private final int port;
    private final String address;

    private JmxConnector(Registry registry, JMXConnectorServer server, String address, int port) {
        this.registry = registry;
        this.server = server;
        this.address = address;
        this.port = port;
    }

    /**
     * Starts the connector on the platform MBean server.
     *
     * @param address the address to listen on, e.g. 127.0.0.1
     * @param port    the port of both the registry and the connector; 0 for any free one
     * @throws IOException when the port cannot be bound (taken, or the address is not this host's)
     */
    public static JmxConnector start(String address, int port, Credentials credentials) throws IOException {
        return start(ManagementFactory.getPlatformMBeanServer(), address, port, credentials);
    }

    /**
     * Starts the connector on the platform MBean server, its listening socket wrapped.
     *
     * @param wrapper wraps the listening socket the connector creates (its registry and its
     *                connections share it), e.g. to bound what connections cost before login
     */
    public static JmxConnector start(String address, int port, Credentials credentials,
                                     UnaryOperator<ServerSocket> wrapper) throws IOException {
        return start(ManagementFactory.getPlatformMBeanServer(), address, port, credentials, wrapper);
    }

    /** Starts the connector on {@code mbeans}; see {@link #start(String, int, Credentials)}. */
    public static JmxConnector start(MBeanServer mbeans, String address, int port, Credentials credentials)
            throws IOException {
        return start(mbeans, address, port, credentials, UnaryOperator.identity());
    }

    /** Starts the connector on {@code mbeans}; see {@link #start(String, int, Credentials, UnaryOperator)}. */
    public static JmxConnector start(MBeanServer mbeans, String address, int port, Credentials credentials,
                                     UnaryOperator<ServerSocket> wrapper) throws IOException {
        InetAddress bindTo = InetAddress.getByName(address);
        BoundSockets sockets = new BoundSockets(bindTo, wrapper);
        int bound = port != 0 ? port : freePort(bindTo);
        Registry registry = LocateRegistry.createRegistry(bound, null, sockets);
        Map<String, Object> env = new HashMap<>();
        env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, sockets);
        env.put(JMXConnectorServer.AUTHENTICATOR, new Authenticator(credentials));
        // Before authentication the connector deserializes only the login's String[], and
        // only a small one: a stranger cannot make the daemon allocate much.
        env.put(RMIConnectorServer.CREDENTIALS_FILTER_PATTERN,
                "maxdepth=4;maxrefs=16;maxarray=16;maxbytes=65536;java.lang.String;!*");
        String host = address.contains(":") ? "[" + address + "]" : address;
        // The connector is bound by a local call, as the JDK's own agent does: the daemon's
        // registry filter admits only lookups from the wire, so a bind over JNDI is refused.
        RMIJRMPServerImpl exported = new RMIJRMPServerImpl(bound, null, sockets, env);
        JMXConnectorServer server = new RMIConnectorServer(new JMXServiceURL("service:jmx:rmi://" + host + ":" + bound),
                env, exported, mbeans);
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
        LOG.log(System.Logger.Level.INFO, "JMX connector listening on {0}:{1} (service:jmx:rmi:///jndi/rmi://{0}:{1}/jmxrmi)",
                address, Integer.toString(bound));
        return new JmxConnector(registry, server, address, bound);
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

    /** Stops the connector; connected clients are cut off. */
    @Override
    public void close() {
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

    /** Logs in against {@link Credentials}, two at a time: password hashing is slow on purpose. */
    private static final class Authenticator implements JMXAuthenticator {
        private final Credentials credentials;
        private final Semaphore logins = new Semaphore(2);

        Authenticator(Credentials credentials) {
            this.credentials = credentials;
        }

        @Override
        public Subject authenticate(Object given) {
            if (!(given instanceof String[] pair) || pair.length != 2 || pair[0] == null || pair[1] == null) {
                throw new SecurityException("poold's JMX connector needs a user name and a password"
                        + " (JMXConnector.CREDENTIALS: new String[] {user, password})");
            }
            char[] password = pair[1].toCharArray();
            boolean ok;
            logins.acquireUninterruptibly();
            try {
                ok = credentials.check(pair[0], password);
            } finally {
                logins.release();
                Arrays.fill(password, '\0');
            }
            if (!ok) {
                LOG.log(System.Logger.Level.WARNING, "failed JMX login as user {0}", pair[0]);
                throw new SecurityException("wrong user name or password");
            }
            return new Subject(true, Set.of(new JMXPrincipal(pair[0])), Set.of(), Set.of());
        }
    }

    /**
     * Server sockets bound to one address, wrapped as the starter asked. One instance serves
     * the registry and the connector, so RMI puts both on one port; equal by address and
     * wrapper, as RMI requires.
     */
    private static final class BoundSockets implements RMIServerSocketFactory {
        private final InetAddress address;
        private final UnaryOperator<ServerSocket> wrapper;

        BoundSockets(InetAddress address, UnaryOperator<ServerSocket> wrapper) {
            this.address = address;
            this.wrapper = wrapper;
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return wrapper.apply(bind(port));
        }

        private ServerSocket bind(int port) throws IOException {
            return new ServerSocket(port, 50, address);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BoundSockets b && b.address.equals(address) && b.wrapper == wrapper;
        }

        @Override
        public int hashCode() {
            return address.hashCode();
        }
    }
}
