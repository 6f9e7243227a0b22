package pool.client.jndi;

import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;

/**
 * JNDI initial context factory for plain Java:
 *
 * <pre>{@code
 * Hashtable<String, Object> env = new Hashtable<>();
 * env.put(Context.INITIAL_CONTEXT_FACTORY, "pool.client.jndi.PooldContextFactory");
 * env.put(Context.PROVIDER_URL, "poold://127.0.0.1:1099");      // poolds:// for TLS
 * env.put(Context.SECURITY_PRINCIPAL, "app");
 * env.put(Context.SECURITY_CREDENTIALS, password);
 * env.put("poold.tenant", "shop-eu");                            // optional
 * DataSource orders = (DataSource) new InitialContext(env).lookup("orders");
 * }</pre>
 */
public final class PooldContextFactory implements InitialContextFactory {

    /** Environment property naming the tenant borrows are charged to. */
    public static final String TENANT = "poold.tenant";

    /** Public no-argument constructor, as JNDI instantiates factories reflectively. */
    public PooldContextFactory() {
    }

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) throws NamingException {
        return new PooldContext(environment);
    }
}
