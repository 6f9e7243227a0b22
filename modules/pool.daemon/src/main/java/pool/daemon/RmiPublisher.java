package pool.daemon;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.rmi.RemoteException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pool.api.ConnectionPool;
import pool.daemon.config.DaemonSettings;
import pool.remote.LoginGuard;
import pool.remote.RemoteServer;
import pool.remote.RemoteServerConfig;
import pool.remote.Users;

/**
 * Publishes the daemon's pools through {@code pool.remote}: an RMI registry on
 * {@code listenAddress:rmiRegistryPort}, each pool bound as {@code pools/<name>}.
 */
final class RmiPublisher implements Publisher {

    private static final Logger LOG = System.getLogger("poold");

    private final RemoteServer server;

    private RmiPublisher(RemoteServer server) {
        this.server = server;
    }

    static Publisher start(DaemonSettings d, LoginGuard logins) throws ConfigException {
        RemoteServerConfig config = RemoteServerConfig.defaults().withHost(d.listenAddress())
                .withPort(d.rmiRegistryPort()).withLease(d.remoteLease()).withTickets(d.ticketLimits())
                .withConnections(d.connectionLimits());
        if (d.tls() != null) {
            config = config.withTls(TlsContexts.open(d.tls()));
        }
        try {
            return new RmiPublisher(RemoteServer.start(config, logins));
        } catch (IOException e) {
            throw new ConfigException(List.of("cannot start the RMI registry on " + d.listenAddress() + ":"
                    + d.rmiRegistryPort() + ": " + rootMessage(e) + bindHint(e, "RMI registry", "rmiRegistryPort")));
        }
    }

    /**
     * @return what to change when a listener could not bind: a port another process holds,
     *         or a listenAddress that is no address of this host (a name that does not resolve,
     *         {@code Cannot assign requested address}), where another port would not help
     */
    static String bindHint(IOException e, String other, String portElement) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        boolean address = t instanceof java.net.UnknownHostException
                || String.valueOf(t.getMessage()).contains("Cannot assign requested address")
                || String.valueOf(t.getMessage()).contains("Name or service not known");
        return address ? " (<listenAddress> must be an address of this host, or a name that resolves to one,"
                + " such as 127.0.0.1, ::1 or 0.0.0.0 for every interface)"
                : " (is another poold or " + other + " running there? choose another <" + portElement
                + "> or <listenAddress>)";
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        if (t == e) {
            return String.valueOf(e.getMessage());
        }
        // RMI says "Port already in use" for every failed bind, an address not of this host too.
        if (t instanceof java.net.BindException) {
            return t.getMessage();
        }
        if (t instanceof java.net.UnknownHostException) {
            return "unknown host " + t.getMessage();
        }
        // RMI's own message repeats its cause over two lines ("...; nested exception is: \n\t...").
        String own = String.valueOf(e.getMessage());
        int nested = own.indexOf("; nested exception is:");
        return (nested < 0 ? own : own.substring(0, nested)) + ": " + t.getMessage();
    }

    @Override
    public void publish(ConnectionPool pool, Map<String, String> users) {
        publish(pool, users, Map.of());
    }

    @Override
    public void publish(ConnectionPool pool, Map<String, String> users, Map<String, Set<String>> tenants) {
        publish(pool, users, tenants, Duration.ZERO);
    }

    @Override
    public void publish(ConnectionPool pool, Map<String, String> users, Map<String, Set<String>> tenants,
                        Duration drainTimeout) {
        try {
            server.publish(pool, Users.ofEncoded(users).withTenants(tenants), drainTimeout);
        } catch (RemoteException e) {
            LOG.log(Level.ERROR, "pool ''{0}'' could not be published for remote clients: {1}", pool.name(),
                    e.getMessage());
        }
    }

    @Override
    public void unpublish(String name) {
        unpublish(name, Duration.ZERO);
    }

    @Override
    public void unpublish(String name, Duration drainTimeout) {
        if (server.unpublish(name, drainTimeout)) {
            LOG.log(Level.INFO, "pool ''{0}'' unpublished: remote clients can no longer borrow from it", name);
        }
    }

    @Override
    public void retainClients(Map<String, String> users, Map<String, Set<String>> tenants) {
        server.retainClients(Users.ofEncoded(users).withTenants(tenants));
    }

    @Override
    public Set<String> published() {
        return server.published();
    }

    @Override
    public boolean drain(java.time.Duration timeout) {
        return server.drain(timeout);
    }

    @Override
    public void close() {
        server.close();
    }
}
