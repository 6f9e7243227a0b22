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
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("no poold URL given: expected rmi://host:port/pools/<pool> or poold://host:port");
        }
        String shown = redacted(url);
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            // The URI's own message quotes the whole input, so a password in it too: name the position only.
            throw new IllegalArgumentException("not a poold URL: " + shown + (e.getCause() instanceof java.net.URISyntaxException
                    syntax && syntax.getIndex() >= 0 ? " (" + syntax.getReason() + " at index " + syntax.getIndex() + ")" : ""));
        }
        String scheme = uri.getScheme();
        boolean tls;
        if ("rmi".equals(scheme) || "poold".equals(scheme)) {
            tls = false;
        } else if ("rmis".equals(scheme) || "poolds".equals(scheme)) {
            tls = true;
        } else {
            throw new IllegalArgumentException("poold URL " + shown + " must start with rmi://, poold://, rmis:// or poolds://");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            // Ignored, credentials there would fail later as "no user name given", and the URL is
            // shown in messages and logs: refuse it, without repeating what it carried.
            throw new IllegalArgumentException("poold URL " + shown + " carries " + (uri.getRawUserInfo() != null
                    ? "a user or password before the host" : "a ?query or #fragment") + ", which poold does not read:"
                    + " give the user and password as the properties user and password (RemoteDataSourceFactory),"
                    + " Context.SECURITY_PRINCIPAL and SECURITY_CREDENTIALS (JNDI) or Builder.user/password");
        }
        if (!uri.getRawSchemeSpecificPart().startsWith("//")) {
            // rmi:/host:port/pools/orders would read as pool "host:port/pools/orders" at 127.0.0.1:1099
            throw new IllegalArgumentException("poold URL " + shown + " has no //host:port after " + scheme
                    + ": expected " + scheme + "://host:port/pools/<pool>");
        }
        if (uri.getPort() > 65535) {
            throw new IllegalArgumentException("poold URL " + shown + ": port " + uri.getPort()
                    + " is out of range 1..65535; poold listens on its rmiRegistryPort (default 1099)");
        }
        if (uri.getRawAuthority() != null && uri.getHost() == null) {
            // java.net.URI leaves the host out of an authority it cannot read (an '_' in the host
            // name, a port that is no number): taken as absent, it would silently mean 127.0.0.1.
            throw new IllegalArgumentException("poold URL " + shown + ": cannot read its host and port; a host name has"
                    + " letters, digits, '-' and '.' only (no '_'), an IPv6 address goes in [ ], the port is a number");
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
            throw new IllegalArgumentException("poold URL " + shown + " names no pool: expected rmi://host:port/pools/<pool>");
        }
        return new Locator(host, port, name, tls);
    }

    /**
     * @return {@code url} as messages may show it: a user or password before the host, a query
     *         and a fragment replaced by {@code ***} (where someone may have put a password)
     */
    public static String redacted(String url) {
        String s = url.trim();
        int hash = s.indexOf('#');
        if (hash >= 0) {
            s = s.substring(0, hash) + "#***";
        }
        int query = s.indexOf('?');
        if (query >= 0) {
            s = s.substring(0, query) + "?***";
        }
        int authority = s.indexOf("//");
        if (authority >= 0) {
            int at = s.lastIndexOf('@'); // the last: a password may hold '/' or '@' itself
            if (at > authority) {
                s = s.substring(0, authority + 2) + "***" + s.substring(at);
            }
        }
        return s;
    }

    /** Looks the pool up in the registry: one round trip (plus RMI's own bookkeeping). */
    public RemotePool lookup() throws SQLException {
        try {
            Registry registry = tls ? LocateRegistry.getRegistry(host, port, new TlsClientSocketFactory())
                    : LocateRegistry.getRegistry(host, port);
            return (RemotePool) registry.lookup(Protocol.bindingName(pool));
        } catch (NotBoundException e) {
            throw new SQLNonTransientConnectionException("poold at " + host + ":" + port + " has no pool named '" + pool
                    + "'" + publishedInstead(), "08001", e);
        } catch (RemoteException | ClassCastException e) {
            throw new SQLNonTransientConnectionException("cannot reach poold at " + host + ":" + port + " to look up pool '"
                    + pool + "': " + why(e) + refusedHint(e), "08001", e);
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

    /**
     * @return what the registry publishes instead, for the message of a pool name it does not
     *         know (a typo, or a pool of another daemon): a second round trip, on failure only
     */
    private String publishedInstead() {
        try {
            java.util.List<String> pools = publishedPools(host, port, tls);
            return pools.isEmpty() ? "; it publishes no pool" : "; it publishes " + String.join(", ", pools);
        } catch (RemoteException | RuntimeException e) {
            return "";
        }
    }

    /** @return for a refused connect, what to check: nothing listens at the URL's port */
    private String refusedHint(Exception e) {
        return refusedHint(e, port);
    }

    /** @return for a refused connect to the registry at {@code port}, what to check: nothing listens there */
    public static String refusedHint(Exception e, int port) {
        Throwable t = e;
        while (t != null && !(t instanceof java.net.ConnectException)) {
            t = t.getCause();
        }
        return t == null ? "" : " (nothing listens there: check that poold runs and that " + port
                + " is its rmiRegistryPort, 1099 unless its configuration says otherwise)";
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
