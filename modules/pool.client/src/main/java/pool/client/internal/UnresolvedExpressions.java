package pool.client.internal;

import java.util.regex.Pattern;

/**
 * Resource properties that still hold a {@code ${...}} expression. Servers replace those
 * before they call the factory: Tomcat from system properties, or from its environment once
 * {@code catalina.properties} names {@code EnvironmentPropertySource}; WildFly resolves
 * {@code ${env.X}} when it binds. When it cannot (the line is missing, the variable is not
 * set for the server's process) Tomcat leaves the text as it was, and a password of
 * {@code ${POOLD_PASSWORD}} would fail at every {@code getConnection()} as a wrong password,
 * a URL as a malformed one, without a word about the expression.
 */
public final class UnresolvedExpressions {

    /** {@code ${NAME}}, {@code ${env.NAME}}, {@code ${ENC::store:...}}: a name, no spaces or braces. */
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_.:=+/-]*}");

    private UnresolvedExpressions() {
    }

    /**
     * @return {@code value}
     * @throws IllegalArgumentException when {@code value} holds an expression (the password:
     *         when it is one, since a password may contain anything), naming the property
     */
    public static String check(String property, String value) {
        if (value == null) {
            return null;
        }
        boolean unresolved = property.equals("password")
                ? EXPRESSION.matcher(value.trim()).matches()
                : EXPRESSION.matcher(value).find();
        if (unresolved) {
            throw new IllegalArgumentException("the property " + property + " is '" + value + "', an expression the"
                    + " server did not resolve. Tomcat: set the variable for Tomcat's process and add"
                    + " org.apache.tomcat.util.digester.PROPERTY_SOURCE="
                    + "org.apache.tomcat.util.digester.EnvironmentPropertySource to conf/catalina.properties"
                    + " (or pass -DNAME=... to its JVM); WildFly: write ${env.NAME} (docs/appservers.md)");
        }
        return value;
    }
}
