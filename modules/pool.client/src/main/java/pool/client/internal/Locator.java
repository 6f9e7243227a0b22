package pool.client.internal;

import java.net.URI;
import java.rmi.NotBoundException;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Objects;
import pool.protocol.Protocol;
import pool.protocol.RemotePool;
import pool.protocol.TlsClientSocketFactory;

/**
 * Where a pool is published: registry host and port, pool name, TLS or not. Parses the
 * URL forms the contracts name: {@code rmi://host:port/pools/orders} and
 * {@code poold://host:port/orders}; the schemes {@code rmis} and {@code poolds} mean TLS.
 *
 * @param host registry host
 * @param port registry port
 * @param pool pool name
 * @param tls  whether the registry and pool speak TLS; then the daemon's certificate must name
 *             {@code host} (the stubs the lookup returns check the name they carry likewise)
 */
public record Locator(String host, int port, String pool, boolean tls) {

    public Locator {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(pool, "pool");
    }

    /**
     * @param url a pool URL ({@code rmi://host:port/pools/orders}) or a provider URL
     *            ({@code poold://host:port}) combined with {@code pool}
     * @param pool the pool name when the URL does not name one, else null
     * @throws IllegalArgumentException naming what is wrong with the URL
     */
    public static Locator parse(String url, String pool) {
        if (url == null) {
            throw new IllegalArgumentException("no poold URL given: expected rmi://host:port/pools/<pool> or poold://host:port");
        }
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a poold URL: " + url + " (" + e.getMessage() + ")");
        }
        String scheme = uri.getScheme();
        boolean tls;
        if ("rmi".equals(scheme) || "poold".equals(scheme)) {
            tls = false;
        } else if ("rmis".equals(scheme) || "poolds".equals(scheme)) {
            tls = true;
        } else {
            throw new IllegalArgumentException("poold URL " + url + " must start with rmi://, poold://, rmis:// or poolds://");
        }
        String host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
        int port = uri.getPort() < 0 ? 1099 : uri.getPort();
        String path = uri.getPath() == null ? "" : uri.getPath();
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (path.startsWith(Protocol.BINDING_PREFIX)) {
            path = path.substring(Protocol.BINDING_PREFIX.length());
        }
        String name = pool != null ? pool : path;
        if (name.isEmpty()) {
            throw new IllegalArgumentException("poold URL " + url + " names no pool: expected rmi://host:port/pools/<pool>");
        }
        return new Locator(host, port, name, tls);
    }

    /** Looks the pool up in the registry: one round trip (plus RMI's own bookkeeping). */
    public RemotePool lookup() throws SQLException {
        try {
            Registry registry = tls ? LocateRegistry.getRegistry(host, port, new TlsClientSocketFactory())
                    : LocateRegistry.getRegistry(host, port);
            return (RemotePool) registry.lookup(Protocol.bindingName(pool));
        } catch (NotBoundException e) {
            throw new SQLNonTransientConnectionException("poold at " + host + ":" + port + " has no pool named '" + pool
                    + "'", "08001", e);
        } catch (RemoteException | ClassCastException e) {
            throw new SQLNonTransientConnectionException("cannot reach poold at " + host + ":" + port + " to look up pool '"
                    + pool + "': " + why(e), "08001", e);
        }
    }

    /**
     * @return the pools the registry at {@code host:port} publishes, by name (its bindings
     *         under {@code pools/}); one round trip, no login: the registry lists its names to anyone
     * @throws RemoteException when the registry cannot be reached; {@link #why} says it in one line
     */
    public static java.util.List<String> publishedPools(String host, int port, boolean tls) throws RemoteException {
        Registry registry = tls ? LocateRegistry.getRegistry(host, port, new TlsClientSocketFactory())
                : LocateRegistry.getRegistry(host, port);
        java.util.List<String> pools = new java.util.ArrayList<>();
        for (String name : registry.list()) {
            if (name.startsWith(Protocol.BINDING_PREFIX)) {
                pools.add(name.substring(Protocol.BINDING_PREFIX.length()));
            }
        }
        java.util.Collections.sort(pools);
        return pools;
    }

    /** RMI's own message spans lines ("nested exception is: ..."); the innermost cause says it in a few words. */
    public static String why(Exception e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        if (root instanceof java.net.UnknownHostException) {
            return "unknown host " + root.getMessage();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    @Override
    public String toString() {
        return (tls ? "rmis://" : "rmi://") + host + ":" + port + "/" + Protocol.bindingName(pool);
    }
}
