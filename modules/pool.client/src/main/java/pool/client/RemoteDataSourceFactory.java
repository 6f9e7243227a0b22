package pool.client;

import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.NamingException;
import javax.naming.RefAddr;
import javax.naming.Reference;
import javax.naming.Referenceable;
import javax.naming.spi.ObjectFactory;
import pool.client.internal.JndiEnvironment;
import pool.client.internal.UnresolvedExpressions;
import pool.protocol.Protocol;
import pool.protocol.RemotePool;

/**
 * A JNDI {@link ObjectFactory} that makes {@link RemoteDataSource}s, for application
 * servers' resource definitions. Tomcat:
 *
 * <pre>{@code
 * <Resource name="jdbc/orders" auth="Container" type="javax.sql.DataSource"
 *           factory="pool.client.RemoteDataSourceFactory"
 *           url="rmi://127.0.0.1:1099/pools/orders" user="app" password="..." tenant="shop-eu"/>
 * }</pre>
 *
 * Properties: {@code url} (required), {@code user}, {@code password}, {@code tenant},
 * {@code tls} ({@code true} for TLS, same as an {@code rmis://} URL),
 * {@code releaseBetweenStatements} ({@code true} for transaction pooling) and
 * {@code releaseDelayMillis} (0 to 1000, default 1); see {@link RemoteDataSource.Builder}
 * for the last two. They are read from
 * the {@link Reference} (Tomcat, Payara custom resources) or, failing that, from the
 * environment (WildFly's {@code <object-factory>} bindings pass them there). A property that
 * still holds a {@code ${...}} expression the server did not resolve is refused, naming it.
 *
 * <p>One login per settings, not per call: WildFly and Payara call the factory on every
 * lookup, so the data sources it makes share their logins with every other one of the same
 * URL, user, password, tenant and release delay ({@link RemoteDataSource.Builder#buildShared()}).
 * Each call returns a data source of its own, so that {@code close()}, which Tomcat calls when
 * it stops an application, leaves the logins to the other applications; logins that nothing
 * references any more end by themselves. Wrong credentials fail at the first
 * {@code getConnection()}, not here.
 *
 * <p>It also serves the JDK's own RMI registry context
 * ({@code com.sun.jndi.rmi.registry.RegistryContextFactory}) when named in
 * {@code java.naming.factory.object}: the registry hands it the pool's stub, and it
 * wraps it into a data source with the credentials of the context's environment
 * ({@code SECURITY_PRINCIPAL}, {@code SECURITY_CREDENTIALS}, {@code poold.tenant}).
 */
public final class RemoteDataSourceFactory implements ObjectFactory {

    /** Public no-argument constructor, as JNDI instantiates factories reflectively. */
    public RemoteDataSourceFactory() {
    }

    @Override
    public Object getObjectInstance(Object obj, Name name, Context nameCtx, Hashtable<?, ?> environment)
            throws Exception {
        if (obj instanceof Reference ref && get(ref, "url") != null) {
            return fromProperties(k -> get(ref, k));
        }
        if (obj instanceof Reference ref && namesThisFactory(ref)
                && (environment == null || environment.get("url") == null)) {
            // Null would tell the server "not mine": Tomcat then binds null, and the
            // application fails far from the mistake with a NullPointerException.
            throw new javax.naming.ConfigurationException(RemoteDataSourceFactory.class.getName()
                    + " needs the property url, rmi://host:port/pools/<pool> (or poold://host:port/<pool>)"
                    + (name == null ? "" : ", in the resource " + name));
        }
        if (!(obj instanceof RemotePool) && environment != null && environment.get("url") != null) {
            return fromProperties(k -> environment.get(k) == null ? null : environment.get(k).toString());
        }
        if (obj instanceof RemotePool && name != null && environment != null) {
            // The JDK's registry context hands over the binding as one component ("pools/orders").
            String path = name.size() == 0 ? "" : name.get(name.size() - 1);
            String pool = path.startsWith(Protocol.BINDING_PREFIX) ? path.substring(Protocol.BINDING_PREFIX.length()) : path;
            String base = registry(nameCtx, environment.get(Context.PROVIDER_URL));
            while (base.endsWith("/")) {
                base = base.substring(0, base.length() - 1);
            }
            try {
                return JndiEnvironment.login(RemoteDataSource.builder(base + "/" + Protocol.bindingName(pool)),
                        environment).buildShared();
            } catch (IllegalArgumentException e) {
                javax.naming.ConfigurationException ce = new javax.naming.ConfigurationException(e.getMessage());
                ce.setRootCause(e);
                throw ce;
            }
        }
        return null;
    }

    /**
     * @return the registry the stub came from: the one the context looked in (a full
     *         {@code rmi://host:port/...} name names its own registry, whatever the environment's
     *         {@code PROVIDER_URL}), else {@code PROVIDER_URL}, else the default registry
     */
    private static String registry(Context nameCtx, Object provider) {
        if (nameCtx instanceof Referenceable r) {
            try {
                // The JDK's registry context refers to itself by its rmi://host:port, except for a
                // default or "localhost" host, where it refuses (then the environment says it).
                RefAddr url = r.getReference().get("URL");
                if (url != null && url.getContent() instanceof String u && u.startsWith("rmi://")) {
                    return u;
                }
            } catch (NamingException | RuntimeException e) {
                // no reference: the environment's provider
            }
        }
        return provider == null ? "rmi://127.0.0.1:1099" : provider.toString();
    }

    private static RemoteDataSource fromProperties(java.util.function.Function<String, String> given) {
        java.util.function.Function<String, String> property = k -> UnresolvedExpressions.check(k, given.apply(k));
        RemoteDataSource.Builder b = RemoteDataSource.builder(property.apply("url")).user(property.apply("user"))
                .password(property.apply("password")).tenant(property.apply("tenant"));
        if (flag(property, "tls")) {
            b.tls(true);
        }
        if (flag(property, "releaseBetweenStatements")) {
            b.releaseBetweenStatements(true);
        }
        String delay = property.apply("releaseDelayMillis");
        if (delay != null && !delay.isBlank()) {
            long millis;
            try {
                millis = Long.parseLong(delay.trim());
            } catch (NumberFormatException e) {
                millis = -1;
            }
            // Checked here: the builder's own words are in microseconds, a unit the resource does not use.
            if (millis < 0 || millis > 1000) {
                throw new IllegalArgumentException("releaseDelayMillis must be a whole number of milliseconds"
                        + " from 0 to 1000, not '" + delay + "'");
            }
            b.releaseDelay(java.time.Duration.ofMillis(millis));
        }
        return b.buildShared();
    }

    /**
     * @return a true/false property, false when absent; anything else is refused, since a
     *         {@code tls="yes"} taken as false would connect without TLS and say nothing
     */
    private static boolean flag(java.util.function.Function<String, String> property, String name) {
        String v = property.apply(name);
        if (v == null || v.isBlank() || v.trim().equalsIgnoreCase("false")) {
            return false;
        }
        if (v.trim().equalsIgnoreCase("true")) {
            return true;
        }
        throw new IllegalArgumentException(name + " must be true or false, not '" + v + "'");
    }

    /** Tomcat keeps the resource's factory attribute as an address, not as the reference's factory. */
    private static boolean namesThisFactory(Reference ref) {
        String me = RemoteDataSourceFactory.class.getName();
        return me.equals(ref.getFactoryClassName()) || me.equals(get(ref, "factory"));
    }

    private static String get(Reference ref, String key) {
        RefAddr a = ref.get(key);
        return a == null || a.getContent() == null ? null : a.getContent().toString();
    }
}
