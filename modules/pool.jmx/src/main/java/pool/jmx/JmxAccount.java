package pool.jmx;

import java.util.Objects;

/**
 * A JMX user as the configuration in force declares it.
 *
 * @param name       the user name
 * @param role       what the user may do
 * @param credential identifies the password the user logs in with (the daemon passes the
 *                   stored hash): a session lasts only while its user's credential is the
 *                   one it logged in with, so a changed password ends it. Compared, never shown.
 */
public record JmxAccount(String name, JmxRole role, String credential) {

    public JmxAccount {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(credential, "credential");
    }

    /** @return whether {@code other} is the same user with the same password (the role may differ) */
    public boolean sameLogin(JmxAccount other) {
        return other != null && name.equals(other.name) && credential.equals(other.credential);
    }

    @Override
    public String toString() {
        // The credential is a hash: offline-attackable, so it stays out of logs and messages.
        return "JmxAccount[name=" + name + ", role=" + role.xmlName() + "]";
    }
}
