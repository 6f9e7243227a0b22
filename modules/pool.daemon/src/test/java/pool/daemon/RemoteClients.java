package pool.daemon;

import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/** What an application does to reach a pool of a daemon under test: a JNDI lookup with poold's context factory. */
final class RemoteClients {

    private RemoteClients() {
    }

    /**
     * @return the data source of {@code pool} on the daemon whose registry is on
     *         127.0.0.1:{@code port}; its context stays open (closing it closes the data
     *         source too) until the data source is closed or the test JVM ends
     */
    static DataSource lookup(int port, String user, String password, String pool) throws NamingException {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "pool.client.jndi.PooldContextFactory");
        env.put(Context.PROVIDER_URL, "poold://127.0.0.1:" + port);
        env.put(Context.SECURITY_PRINCIPAL, user);
        env.put(Context.SECURITY_CREDENTIALS, password);
        return (DataSource) new InitialContext(env).lookup(pool);
    }
}
