package pool.client.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Hashtable;
import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.InitialContext;
import org.junit.jupiter.api.Test;
import pool.client.jndi.PooldContextFactory;

class JndiEnvironmentTest {

    private static Hashtable<String, Object> environment() {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, PooldContextFactory.class.getName());
        env.put(Context.PROVIDER_URL, "poold://127.0.0.1:1099");
        env.put(Context.SECURITY_PRINCIPAL, "app");
        env.put(Context.SECURITY_CREDENTIALS, "s3cret-value");
        return env;
    }

    @Test
    void aUserThatIsNotTextIsAConfigurationErrorNamingTheProperty() throws Exception {
        Hashtable<String, Object> env = environment();
        env.put(Context.SECURITY_PRINCIPAL, 42);
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new InitialContext(env).lookup("orders"));
        assertTrue(e.getMessage().contains(Context.SECURITY_PRINCIPAL + " must be the client user's name as a String"),
                e.getMessage());
    }

    @Test
    void aTenantThatIsNotTextIsAConfigurationErrorNamingTheProperty() throws Exception {
        Hashtable<String, Object> env = environment();
        env.put(PooldContextFactory.TENANT, new StringBuilder("acme"));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new InitialContext(env).lookup("orders"));
        assertTrue(e.getMessage().contains(PooldContextFactory.TENANT + " must be the tenant's name"), e.getMessage());
    }

    @Test
    void credentialsOfAnotherTypeAreRefusedWithoutShowingThem() throws Exception {
        Hashtable<String, Object> env = environment();
        env.put(Context.SECURITY_CREDENTIALS, new StringBuilder("s3cret-value"));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new InitialContext(env).lookup("orders"));
        assertTrue(e.getMessage().contains("String or char[]"), e.getMessage());
        assertFalse(e.toString().contains("s3cret"), e.toString());
    }
}
