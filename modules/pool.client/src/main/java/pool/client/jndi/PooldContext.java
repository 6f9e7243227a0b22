package pool.client.jndi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.Binding;
import javax.naming.CompositeName;
import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.NameClassPair;
import javax.naming.NameParser;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.NotContextException;
import javax.naming.OperationNotSupportedException;
import javax.naming.ServiceUnavailableException;
import pool.client.RemoteDataSource;
import pool.client.internal.JndiEnvironment;
import pool.client.internal.Locator;
import pool.protocol.Protocol;

/**
 * A read-only naming context over one daemon: {@code lookup("orders")} (or
 * {@code "pools/orders"}) gives a {@link RemoteDataSource} for that pool, {@code list("")}
 * names the pools the daemon publishes. Data sources
 * are made once per name and context, and share their logins with every other context's of
 * the same settings ({@link RemoteDataSource.Builder#buildShared()}): an uncached external
 * context, which makes a context per lookup, logs in once, not per lookup.
 */
final class PooldContext implements Context {

    private final Hashtable<Object, Object> environment;
    private volatile String provider;
    /** The data sources looked up here, by pool, made with the environment as it is now. */
    private final ConcurrentHashMap<String, RemoteDataSource> sources = new ConcurrentHashMap<>();
    /** Those of earlier environments, which {@link #close()} flushes too. */
    private final java.util.Set<RemoteDataSource> earlier = ConcurrentHashMap.newKeySet();

    PooldContext(Hashtable<?, ?> environment) throws NamingException {
        this.environment = environment == null ? new Hashtable<>() : new Hashtable<>(environment);
        this.provider = provider(this.environment.get(Context.PROVIDER_URL));
    }

    /** @return the provider URL {@code url} names, the default when null */
    private static String provider(Object url) throws ConfigurationException {
        String provider = url == null ? "poold://127.0.0.1:1099" : url.toString();
        if (!provider.matches("(poold|poolds|rmi|rmis)://[^/]*/?")) {
            throw new ConfigurationException(Context.PROVIDER_URL + " must look like poold://127.0.0.1:1099"
                    + " (poolds:// for TLS), got " + Locator.redacted(provider));
        }
        return provider;
    }

    @Override
    public Object lookup(String name) throws NamingException {
        if (name.isEmpty()) {
            return new PooldContext(environment); // JNDI: the empty name is this context, as a new instance
        }
        String pool = name.startsWith(Protocol.BINDING_PREFIX) ? name.substring(Protocol.BINDING_PREFIX.length()) : name;
        if (pool.isEmpty() || pool.contains("/")) {
            throw new javax.naming.NameNotFoundException("poold names are pool names, like 'orders': got '" + name + "'");
        }
        try {
            return sources.computeIfAbsent(pool, this::create);
        } catch (IllegalArgumentException e) {
            ConfigurationException ce = new ConfigurationException(e.getMessage());
            ce.setRootCause(e);
            throw ce;
        }
    }

    private RemoteDataSource create(String pool) {
        String base = provider.endsWith("/") ? provider.substring(0, provider.length() - 1) : provider;
        return JndiEnvironment.login(RemoteDataSource.builder(base + "/" + pool), environment).buildShared();
    }

    @Override
    public Object lookup(Name name) throws NamingException {
        // A name built as the JDK's registry context wants it (one component "pools/orders")
        // prints escaped ("pools\/orders"): take its components, not its text.
        return lookup(String.join("/", Collections.list(name.getAll())));
    }

    @Override
    public Hashtable<?, ?> getEnvironment() {
        return new Hashtable<>(environment);
    }

    /**
     * Changes the environment for the lookups that follow (JNDI's rule): data sources looked up
     * before keep their settings, a new lookup makes one of the new ones (say, a corrected password).
     */
    @Override
    public Object addToEnvironment(String propName, Object propVal) throws NamingException {
        if (Context.PROVIDER_URL.equals(propName)) {
            provider = provider(propVal);
        }
        Object was = environment.put(propName, propVal);
        forgetSources();
        return was;
    }

    @Override
    public Object removeFromEnvironment(String propName) throws NamingException {
        if (Context.PROVIDER_URL.equals(propName)) {
            provider = provider(null);
        }
        Object was = environment.remove(propName);
        forgetSources();
        return was;
    }

    /** Gives back what the data sources looked up here hold back; they stay usable, their logins shared. */
    @Override
    public void close() {
        forgetSources();
        earlier.forEach(RemoteDataSource::flush);
        earlier.clear();
    }

    private void forgetSources() {
        earlier.addAll(sources.values());
        sources.clear();
    }

    @Override
    public String getNameInNamespace() {
        return "";
    }

    @Override
    public NameParser getNameParser(String name) {
        return CompositeName::new;
    }

    @Override
    public NameParser getNameParser(Name name) {
        return CompositeName::new;
    }

    @Override
    public Name composeName(Name name, Name prefix) throws NamingException {
        return ((Name) prefix.clone()).addAll(name);
    }

    @Override
    public String composeName(String name, String prefix) {
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    // Pools are published by the daemon's configuration, never by clients.

    private static NamingException readOnly(String what) {
        return new OperationNotSupportedException(what + ": the poold context is read-only; pools are defined in the"
                + " daemon's configuration");
    }

    @Override public void bind(Name name, Object obj) throws NamingException { throw readOnly("bind"); }
    @Override public void bind(String name, Object obj) throws NamingException { throw readOnly("bind"); }
    @Override public void rebind(Name name, Object obj) throws NamingException { throw readOnly("rebind"); }
    @Override public void rebind(String name, Object obj) throws NamingException { throw readOnly("rebind"); }
    @Override public void unbind(Name name) throws NamingException { throw readOnly("unbind"); }
    @Override public void unbind(String name) throws NamingException { throw readOnly("unbind"); }
    @Override public void rename(Name o, Name n) throws NamingException { throw readOnly("rename"); }
    @Override public void rename(String o, String n) throws NamingException { throw readOnly("rename"); }
    @Override public void destroySubcontext(Name name) throws NamingException { throw readOnly("destroySubcontext"); }
    @Override public void destroySubcontext(String name) throws NamingException { throw readOnly("destroySubcontext"); }
    @Override public Context createSubcontext(Name name) throws NamingException { throw readOnly("createSubcontext"); }
    @Override public Context createSubcontext(String name) throws NamingException { throw readOnly("createSubcontext"); }
    @Override public Object lookupLink(Name name) throws NamingException { return lookup(name); }
    @Override public Object lookupLink(String name) throws NamingException { return lookup(name); }

    /** The daemon's pools, by name, as {@code lookup} takes them, with the class a lookup returns. */
    @Override
    public NamingEnumeration<NameClassPair> list(String name) throws NamingException {
        List<NameClassPair> pairs = new ArrayList<>();
        for (String pool : pools(name)) {
            pairs.add(new NameClassPair(pool, RemoteDataSource.class.getName()));
        }
        return new Listing<>(pairs);
    }

    @Override
    public NamingEnumeration<NameClassPair> list(Name name) throws NamingException {
        return list(String.join("/", Collections.list(name.getAll())));
    }

    /** The daemon's pools with their data sources; as with {@code lookup}, nothing logs in until a getConnection(). */
    @Override
    public NamingEnumeration<Binding> listBindings(String name) throws NamingException {
        List<Binding> bindings = new ArrayList<>();
        for (String pool : pools(name)) {
            bindings.add(new Binding(pool, RemoteDataSource.class.getName(), lookup(pool)));
        }
        return new Listing<>(bindings);
    }

    @Override
    public NamingEnumeration<Binding> listBindings(Name name) throws NamingException {
        return listBindings(String.join("/", Collections.list(name.getAll())));
    }

    /** @return the pools the daemon publishes; {@code name} must name this context ("" or "pools") */
    private List<String> pools(String name) throws NamingException {
        if (!name.isEmpty() && !name.equals("pools") && !name.equals(Protocol.BINDING_PREFIX)) {
            String pool = name.startsWith(Protocol.BINDING_PREFIX) ? name.substring(Protocol.BINDING_PREFIX.length()) : name;
            throw new NotContextException("'" + name + "' names pool '" + pool + "', not a context: list \"\" for the"
                    + " daemon's pools");
        }
        Locator daemon;
        try {
            daemon = Locator.parse(provider, "-");
        } catch (IllegalArgumentException e) {
            ConfigurationException ce = new ConfigurationException(e.getMessage());
            ce.setRootCause(e);
            throw ce;
        }
        try {
            return Locator.publishedPools(daemon.host(), daemon.port(), daemon.tls());
        } catch (java.rmi.RemoteException e) {
            ServiceUnavailableException down = new ServiceUnavailableException("cannot reach poold at " + daemon.host()
                    + ":" + daemon.port() + " to list its pools: " + Locator.why(e) + Locator.refusedHint(e, daemon.port()));
            down.setRootCause(e);
            throw down;
        }
    }

    /** A finished list: JNDI's enumeration over it. */
    private static final class Listing<T> implements NamingEnumeration<T> {
        private final java.util.Iterator<T> items;

        Listing(List<T> items) {
            this.items = items.iterator();
        }

        @Override public T next() { return items.next(); }
        @Override public boolean hasMore() { return items.hasNext(); }
        @Override public boolean hasMoreElements() { return items.hasNext(); }
        @Override public T nextElement() { return items.next(); }
        @Override public void close() { }
    }
}
