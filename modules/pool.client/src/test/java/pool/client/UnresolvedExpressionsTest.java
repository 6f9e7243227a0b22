package pool.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Hashtable;
import javax.naming.CompositeName;
import javax.naming.Reference;
import javax.naming.StringRefAddr;
import org.junit.jupiter.api.Test;

/**
 * docs/appservers.md's resource reads {@code url="${POOLD_URL}"} and
 * {@code password="${POOLD_PASSWORD}"}. A Tomcat without the catalina.properties line, or
 * whose process lacks the variable, passes the text on as it is: the factory says so, instead
 * of a password that fails as a wrong one at every getConnection().
 */
class UnresolvedExpressionsTest {

    private static Object make(String url, String password) throws Exception {
        Reference ref = new Reference("javax.sql.DataSource", RemoteDataSourceFactory.class.getName(), null);
        ref.add(new StringRefAddr("url", url));
        ref.add(new StringRefAddr("user", "app"));
        ref.add(new StringRefAddr("password", password));
        return new RemoteDataSourceFactory().getObjectInstance(ref, new CompositeName("jdbc/orders"), null, new Hashtable<>());
    }

    @Test
    void aPasswordTheServerLeftAsAnExpressionIsRefusedNamingTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> make("rmi://127.0.0.1:1099/pools/orders", "${POOLD_PASSWORD}"));
        assertTrue(e.getMessage().startsWith("the property password is '${POOLD_PASSWORD}', an expression the server did not resolve"),
                e.getMessage());
        assertTrue(e.getMessage().contains("EnvironmentPropertySource to conf/catalina.properties"), e.getMessage());
    }

    @Test
    void aUrlTheServerLeftAsAnExpressionIsRefusedNamingTheProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> make("${POOLD_URL}", "secret"));
        assertTrue(e.getMessage().startsWith("the property url is '${POOLD_URL}', an expression"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> make("rmi://${env.POOLD_HOST}:1099/pools/orders", "secret"));
        assertTrue(e.getMessage().startsWith("the property url is"), e.getMessage());
    }

    @Test
    void aPasswordThatMerelyContainsDollarAndBracesIsAPassword() throws Exception {
        for (String password : new String[] {"a${B}c", "${not an expression}", "$[x]", "${"}) {
            Object ds = make("rmi://127.0.0.1:1099/pools/orders", password);
            assertEquals(RemoteDataSource.class, ds.getClass(), password);
        }
    }
}
