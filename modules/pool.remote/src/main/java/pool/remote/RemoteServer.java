package pool.remote;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.rmi.NoSuchObjectException;
import java.rmi.NotBoundException;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import pool.api.ConnectionPool;
import pool.protocol.Protocol;
import pool.protocol.ProtocolFilter;
import pool.protocol.TlsClientSocketFactory;
import pool.remote.internal.BoundServerSocketFactory;
import pool.remote.internal.ChannelHandler;
import pool.remote.internal.Stalls;
import pool.remote.internal.PoolEndpoint;

/**
 * The remote JDBC service: an RMI registry on one address and port, and one exported
 * endpoint per published pool, bound as {@code pools/<name>} on the same port.
 *
 * <p>Calls themselves do not travel over RMI: once logged in, a client opens call channels
 * ({@code pool.protocol.CallChannel}) to the same port, which sorts each connection by
 * its first bytes. RMI carries the lookup, logins, lease renewals and cancels.
 *
 * <p>Hardening, all on by construction: sockets bind the configured address only
 * (loopback by default); every pool endpoint takes its logins as {@code byte[]} frames of
 * the {@code pool.protocol.Wire} format and deserializes through the
 * {@link ProtocolFilter} allow-list (a login frame, a ticket, a session list, all small)
 * and the registry through a filter admitting only the {@code String} a lookup sends; a
 * call channel reads nothing beyond its small hello until the hello's ticket checks out;
 * every connection before login is capped in number (in total and per client address),
 * bytes and time ({@link ConnectionLimits}), counted on the socket; remote code loading stays off; clients log in per pool; TLS, with optional client
 * certificates, is one {@link TlsSettings} away and covers channels and RMI alike.
 *
 * <p>The registry filter and the advertised host name are JVM-wide RMI properties read
 * once: {@link #start} sets them unless the operator already did, which is why it
 * must run before anything else in the JVM uses RMI.
 */
public final class RemoteServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("poold.remote");

    /**
     * The registry's serialization filter ({@code sun.rmi.registry.registryFilter}): it only
     * ever needs to read the String of a lookup; a remote bind is refused. Public so that a
     * daemon can set the property first thing in {@code main}, before anything uses RMI.
     */
    public static final String REGISTRY_FILTER = "maxdepth=4;maxrefs=16;maxbytes=4096;maxarray=256;java.lang.String;!*";

    /**
     * The JDK property that makes RMI clear the stack trace of an exception a remote call
     * throws before sending it: the peer, logged in or not, learns what failed, not the
     * daemon's code. RMI reads it once, when it first exports an object.
     */
    public static final String SUPPRESS_STACK_TRACES_PROPERTY = "sun.rmi.server.suppressStackTraces";

    private final RemoteServerConfig config;
    private final BoundServerSocketFactory serverSockets;
    private final ChannelHandler channels;
    private final RMIClientSocketFactory clientSockets;
    private final ProtocolFilter filter;
    private final Registry registry;
    private final Map<String, PoolEndpoint> published = new ConcurrentHashMap<>();
    /**
     * Endpoints a reload replaced or removed, still exported while the sessions opened on
     * them drain; the lease reaper ends each when its drain is over.
     */
    private final Set<PoolEndpoint> retiring = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService reaper;
    /** How long the daemon stood still between two runs of the reaper; used by the reaper's thread only. */
    private final Stalls stalls;
    private final LoginGuard logins;
    /** Whether {@link #logins} is this server's own, to close with it. */
    private final boolean ownLogins;

    private RemoteServer(RemoteServerConfig config, LoginGuard logins) throws IOException {
        this.config = config;
        InetAddress address = InetAddress.getByName(config.host());
        hardenRmi(address);
        this.channels = new ChannelHandler(this::endpointFor, () -> published.values().stream()
                .mapToInt(e -> e.pool().config().maxSize() + e.pool().config().burstMaxSize()).sum(),
                () -> (int) published.values().stream().flatMap(e -> e.users().names().stream()).distinct().count());
        this.serverSockets = new BoundServerSocketFactory(address, config.tls(), channels, config.connections());
        // The client socket factory travels inside every stub; null means plain sockets. Ours,
        // not the JDK's: clients before JDK 22 would not check the certificate's host name.
        this.clientSockets = config.tls() == null ? null : new TlsClientSocketFactory();
        this.filter = ProtocolFilter.create(config.limits(),
                m -> LOG.log(Level.WARNING, m + " (from " + PoolEndpoint.clientHost() + ")"));
        this.registry = LocateRegistry.createRegistry(config.port(), clientSockets, serverSockets);
        this.ownLogins = logins == null;
        this.logins = ownLogins ? LoginGuard.start() : logins;
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "poold-remote-leases");
            t.setDaemon(true);
            return t;
        });
        // A quarter of the lease, so an expired session is ended at most 25 % late, and at most
        // a second, so the channels of an expired ticket are closed within a second.
        long period = Math.max(50, Math.min(1000, config.lease().toMillis() / 4));
        this.stalls = new Stalls(TimeUnit.MILLISECONDS.toNanos(period), System.nanoTime());
        reaper.scheduleWithFixedDelay(this::expire, period, period, TimeUnit.MILLISECONDS);
        ConnectionLimits c = config.connections();
        LOG.log(Level.INFO, "remote JDBC registry listening on {0}:{1}{2}; before login at most {3} connections, {4} per"
                        + " address, {5} ms per request, {6} ms idle between RMI requests (on Linux each local"
                        + " account has a share of its own beyond its loopback address''s)", address.getHostAddress(),
                String.valueOf(port()), config.tls() == null ? "" : " (TLS)", String.valueOf(c.maxUnauthenticated()),
                String.valueOf(c.maxUnauthenticatedPerAddress()), String.valueOf(c.requestTimeout().toMillis()),
                String.valueOf(c.idleTimeout().toMillis()));
    }

    /**
     * Starts the registry, with a {@link LoginGuard} of its own for its pools' logins.
     *
     * @throws IOException when the address does not resolve or the port is taken
     */
    public static RemoteServer start(RemoteServerConfig config) throws IOException {
        return new RemoteServer(Objects.requireNonNull(config, "config"), null);
    }

    /**
     * Starts the registry; its pools' logins go through {@code logins}, which the caller
     * shares (a daemon's JMX logins use the same) and closes.
     *
     * @throws IOException when the address does not resolve or the port is taken
     */
    public static RemoteServer start(RemoteServerConfig config, LoginGuard logins) throws IOException {
        return new RemoteServer(Objects.requireNonNull(config, "config"), Objects.requireNonNull(logins, "logins"));
    }

    private static void hardenRmi(InetAddress address) {
        // Stubs carry this host name; clients connect to it. Unset, RMI would advertise the
        // machine's primary address, where nothing listens when bound to loopback. A
        // wildcard address cannot be advertised: then the operator names the host.
        if (address.isAnyLocalAddress()) {
            if (System.getProperty("java.rmi.server.hostname") == null) {
                LOG.log(Level.WARNING, "listening on every interface: set java.rmi.server.hostname to the name"
                        + " clients reach this host by, or they will be sent to " + address.getHostAddress());
            }
        } else {
            setIfAbsent("java.rmi.server.hostname", address.getHostAddress());
        }
        // Never load classes from a URL a peer names (the JDK default since 7u21; said explicitly).
        setIfAbsent("java.rmi.server.useCodebaseOnly", "true");
        // Exceptions of remote calls reach peers without the daemon's frames; RMI reads this
        // once, so the daemon's main sets it before anything exports an object.
        setIfAbsent(SUPPRESS_STACK_TRACES_PROPERTY, "true");
        // The JDK registry has no public filter parameter; it reads this property once.
        setIfAbsent("sun.rmi.registry.registryFilter", REGISTRY_FILTER);
        // RMI's idle timeout between requests (the JDK's default is two hours); the registry
        // port's sockets enforce the configured one whether RMI read this in time or not.
        setIfAbsent(ConnectionLimits.RMI_READ_TIMEOUT_PROPERTY,
                Long.toString(ConnectionLimits.DEFAULT_IDLE_TIMEOUT.toMillis()));
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** @return the port the registry and the pools listen on (the real one when 0 was configured) */
    public int port() {
        return config.port() != 0 ? config.port() : serverSockets.boundPort();
    }

    /**
     * The endpoint a call channel's hello goes to: the one of {@code name} that issued
     * {@code ticket}, so that sessions opened on an endpoint a reload retired still reach
     * it; else the published one, which refuses the ticket. Only the hello is read so far,
     * and nothing is answered but whether the ticket checks out.
     */
    private PoolEndpoint endpointFor(String name, byte[] ticket) {
        PoolEndpoint current = published.get(name);
        if (current != null && current.issued(ticket)) {
            return current;
        }
        for (PoolEndpoint e : retiring) {
            if (e.poolName().equals(name) && e.issued(ticket)) {
                return e;
            }
        }
        return current;
    }

    /**
     * Publishes a pool as {@code pools/<name>}, as {@link #publish(ConnectionPool, Users,
     * Duration)} with no drain: the replaced pool's remote connections are rolled back and
     * returned at once.
     *
     * @throws RemoteException when the pool cannot be exported
     */
    public void publish(ConnectionPool pool, Users users) throws RemoteException {
        publish(pool, users, Duration.ZERO);
    }

    /**
     * Publishes a pool as {@code pools/<name>}. Publishing the same pool object again (a
     * reload) only replaces its users: remote connections and logins of unchanged users
     * carry on. Publishing another pool under a published name replaces the endpoint: new
     * lookups, logins and borrows go to the new pool, while the old endpoint drains: the
     * remote connections open on it keep working until they are returned or
     * {@code drainTimeout} has passed; then those left are rolled back and returned, and
     * the old endpoint is unexported.
     *
     * @throws RemoteException when the pool cannot be exported
     */
    public void publish(ConnectionPool pool, Users users, Duration drainTimeout) throws RemoteException {
        for (PoolEndpoint e : retiring) {
            if (e.poolName().equals(pool.name())) {
                e.users(users); // a user removed or given another password loses its draining sessions too
            }
        }
        PoolEndpoint current = published.get(pool.name());
        if (current != null && current.pool() == pool) {
            current.users(users);
            return;
        }
        PoolEndpoint endpoint = new PoolEndpoint(pool, users, config.lease(), config.tickets(), logins);
        // Same port and equal socket factories as the registry: RMI shares its listening socket.
        var stub = UnicastRemoteObject.exportObject(endpoint, config.port(), clientSockets, serverSockets, filter);
        PoolEndpoint old = published.put(pool.name(), endpoint);
        registry.rebind(Protocol.bindingName(pool.name()), stub);
        if (old != null) {
            // The reload that replaced the pool may have removed a user or changed its password or
            // tenants: its tickets end here too, or it would go on using the old endpoint (and log
            // in there again with the old password) while the rest of the daemon refuses it.
            old.users(users);
            retire(old, drainTimeout);
        }
        LOG.log(Level.INFO, "published pool {0} as {1}", pool.name(), Protocol.bindingName(pool.name()));
    }

    /**
     * Applies the daemon's client users after a reload to the endpoints still draining: on
     * those, the tickets of a user removed or given another password or other tenants end at
     * once, as on a published endpoint ({@link #publish(ConnectionPool, Users, Duration)}
     * does so for a pool published again under the same name; a removed pool has nothing
     * else that would).
     *
     * @param clients every client user of the daemon now, with its hash and tenants
     */
    public void retainClients(Users clients) {
        for (PoolEndpoint e : retiring) {
            e.retainUsers(clients);
        }
    }

    /**
     * Withdraws a pool: unbinds it, refuses further calls, rolls back and returns every
     * connection its remote clients hold.
     *
     * @return whether the pool was published
     */
    public boolean unpublish(String name) {
        return unpublish(name, Duration.ZERO);
    }

    /**
     * Withdraws a pool: unbinds it and refuses new logins and borrows; the remote connections
     * open on it keep working until they are returned or {@code drainTimeout} has passed;
     * then those left are rolled back and returned, and the endpoint is unexported.
     *
     * @return whether the pool was published
     */
    public boolean unpublish(String name, Duration drainTimeout) {
        PoolEndpoint endpoint = published.remove(name);
        if (endpoint == null) {
            return false;
        }
        try {
            registry.unbind(Protocol.bindingName(name));
        } catch (NotBoundException | RemoteException e) {
            LOG.log(Level.DEBUG, "unbind of {0}: {1}", name, e.getMessage());
        }
        retire(endpoint, drainTimeout);
        return true;
    }

    /**
     * Graceful first half of a shutdown: unbinds every pool (no new lookups), refuses new
     * logins and borrows, and waits up to {@code timeout} for remote sessions holding a
     * connection to return it. {@link #close()} then ends whatever is left.
     *
     * @return whether every remote connection came back within the timeout
     */
    public boolean drain(Duration timeout) {
        for (var entry : published.entrySet()) {
            try {
                registry.unbind(Protocol.bindingName(entry.getKey()));
            } catch (NotBoundException | RemoteException e) {
                LOG.log(Level.DEBUG, "unbind of {0}: {1}", entry.getKey(), e.getMessage());
            }
            entry.getValue().drain();
        }
        // Endpoints a reload retired drain already, each until its own deadline at the latest.
        long deadline = System.nanoTime() + timeout.toNanos();
        while (published.values().stream().anyMatch(e -> e.openSessions() > 0)
                || retiring.stream().anyMatch(e -> e.openSessions() > 0)) {
            if (deadline - System.nanoTime() <= 0) {
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
        }
        return true;
    }

    /** @return the names of the published pools */
    public Set<String> published() {
        return Set.copyOf(published.keySet());
    }

    /** @return how many remote sessions of pool {@code name} hold a connection now, 0 if not published */
    public int openSessions(String name) {
        PoolEndpoint e = published.get(name);
        return e == null ? 0 : e.openSessions();
    }

    /**
     * Takes an endpoint out of service: at once when {@code drainTimeout} is zero or the
     * server is closing, else after its sessions drained (see {@link #expire}).
     */
    private void retire(PoolEndpoint endpoint, Duration drainTimeout) {
        if (!drainTimeout.isPositive() || reaper.isShutdown()) {
            end(endpoint);
            return;
        }
        endpoint.retire(System.nanoTime() + drainTimeout.toNanos());
        retiring.add(endpoint);
        if (reaper.isShutdown() && retiring.remove(endpoint)) { // close() ran meanwhile and may have missed it
            end(endpoint);
            return;
        }
        LOG.log(Level.INFO, "pool {0}: the endpoint the reload retired drains {1} remote connection(s) for at most"
                + " {2} ms", endpoint.poolName(), String.valueOf(endpoint.openSessions()),
                String.valueOf(drainTimeout.toMillis()));
    }

    /** Ends what an endpoint still holds (rolled back, returned) and unexports it. */
    private static void end(PoolEndpoint endpoint) {
        try {
            UnicastRemoteObject.unexportObject(endpoint, true);
        } catch (NoSuchObjectException e) {
            // already unexported
        }
        endpoint.shutdown();
    }

    private void expire() {
        long stoodStill = stalls.stoodStill(System.nanoTime());
        if (stoodStill > 0) {
            // Its clients renewed meanwhile, or tried: the renewals could not be read. Without the
            // credit a daemon resumed after more than a lease would end every session at once.
            LOG.log(Level.WARNING, "poold stood still for {0} ms (stopped, suspended or starved of CPU): the remote"
                    + " sessions'' leases are extended by that time", String.valueOf(stoodStill / 1_000_000));
            published.values().forEach(e -> e.creditLeases(stoodStill));
            retiring.forEach(e -> e.creditLeases(stoodStill));
        }
        try {
            expireAll();
        } finally {
            stalls.ran(System.nanoTime());
        }
    }

    private void expireAll() {
        for (PoolEndpoint e : published.values()) {
            expire(e);
        }
        for (PoolEndpoint e : retiring) {
            expire(e); // a dead client's session ends by its lease during a drain too
            if (e.drained(System.nanoTime()) && retiring.remove(e)) {
                int left = e.openSessions();
                end(e);
                if (left == 0) {
                    LOG.log(Level.INFO, "pool {0}: the retired endpoint drained; every remote connection was returned",
                            e.poolName());
                } else {
                    LOG.log(Level.WARNING, "pool {0}: the retired endpoint''s drain timeout ended {1} remote"
                            + " connection(s): rolled back and returned", e.poolName(), String.valueOf(left));
                }
            }
        }
    }

    private static void expire(PoolEndpoint e) {
        try {
            e.expire();
        } catch (RuntimeException ex) {
            LOG.log(Level.ERROR, "lease reaper failed for pool " + e.poolName(), ex);
        }
    }

    /**
     * Unpublishes every pool and ends the endpoints still draining (their remote connections
     * rolled back and returned) and closes the registry.
     */
    @Override
    public void close() {
        reaper.shutdownNow();
        published.keySet().forEach(this::unpublish);
        for (PoolEndpoint e : retiring) {
            if (retiring.remove(e)) {
                end(e);
            }
        }
        try {
            UnicastRemoteObject.unexportObject(registry, true);
        } catch (NoSuchObjectException e) {
            // already closed
        }
        channels.closeAll();
        if (ownLogins) {
            logins.close();
        }
    }
}
