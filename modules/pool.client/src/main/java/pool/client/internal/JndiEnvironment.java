package pool.client.internal;

import java.util.Map;
import javax.naming.Context;
import pool.client.RemoteDataSource;
import pool.client.jndi.PooldContextFactory;

/** What a JNDI environment says about the client's login: user, password, tenant. */
public final class JndiEnvironment {

    private JndiEnvironment() {
    }

    /**
     * Sets the user ({@code SECURITY_PRINCIPAL}), password ({@code SECURITY_CREDENTIALS}, text
     * or {@code char[]}) and tenant ({@code poold.tenant}) of {@code environment} on {@code b}.
     *
     * @return {@code b}
     * @throws IllegalArgumentException naming the property whose value is not text (never its value)
     */
    public static RemoteDataSource.Builder login(RemoteDataSource.Builder b, Map<?, ?> environment) {
        b.user(text(environment, Context.SECURITY_PRINCIPAL, "the client user's name"));
        b.tenant(text(environment, PooldContextFactory.TENANT, "the tenant's name"));
        Object credentials = environment.get(Context.SECURITY_CREDENTIALS);
        if (credentials instanceof char[] c) {
            b.password(c);
        } else if (credentials instanceof String s) {
            b.password(s);
        } else if (credentials != null) {
            throw new IllegalArgumentException("the JNDI environment's " + Context.SECURITY_CREDENTIALS
                    + " must be the client user's password as a String or char[], not a "
                    + credentials.getClass().getName());
        }
        return b;
    }

    private static String text(Map<?, ?> environment, String property, String what) {
        Object value = environment.get(property);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new IllegalArgumentException("the JNDI environment's " + property + " must be " + what
                + " as a String, not a " + value.getClass().getName());
    }
}
