package pool.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Hashtable;
import javax.naming.CompositeName;
import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.Reference;
import javax.naming.StringRefAddr;
import org.junit.jupiter.api.Test;

/**
 * A password written into a pool URL (as JDBC URLs allow) is not read by poold; the
 * factories refuse such a URL, and their messages, which servers log, never repeat it.
 */
class UrlSecretsTest {

    @Test
    void theObjectFactoryRefusesAUrlWithAPasswordWithoutRepeatingIt() {
        Reference ref = new Reference("javax.sql.DataSource", RemoteDataSourceFactory.class.getName(), null);
        ref.add(new StringRefAddr("auth", "Container"));
        ref.add(new StringRefAddr("url", "rmi://app:s3cret@127.0.0.1:1099/pools/orders"));
        Exception e = assertThrows(Exception.class, () -> new RemoteDataSourceFactory().getObjectInstance(ref,
                new CompositeName("jdbc/orders"), null, new Hashtable<>()));
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertTrue(e.getMessage().contains("user and password"), e.getMessage());
    }

    @Test
    void theContextFactoryRefusesAProviderUrlWithAPasswordWithoutRepeatingIt() throws Exception {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "pool.client.jndi.PooldContextFactory");
        env.put(Context.PROVIDER_URL, "poold://app:s3cret@127.0.0.1:1099");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new InitialContext(env).lookup("orders"));
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertTrue(e.getMessage().contains("user and password"), e.getMessage());
        env.put(Context.PROVIDER_URL, "poold://app:s3cret@127.0.0.1:1099/orders");
        ConfigurationException malformed = assertThrows(ConfigurationException.class, () -> new InitialContext(env));
        assertFalse(malformed.getMessage().contains("s3cret"), malformed.getMessage());
    }
}
