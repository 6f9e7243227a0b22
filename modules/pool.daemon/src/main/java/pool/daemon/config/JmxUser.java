package pool.daemon.config;

import pool.jmx.JmxRole;

/**
 * A user of the JMX connector, from {@code <jmx><user name= hash= role=/>}: apart from
 * the users of {@code <clients>}, who have no JMX access.
 *
 * @param name user name
 * @param hash the stored PBKDF2 hash ({@code pbkdf2-sha256$ITERATIONS$SALT$HASH}), never a password
 * @param role what the user may do over JMX
 */
public record JmxUser(String name, String hash, JmxRole role) {

    @Override
    public String toString() {
        // A hash is not a password, but it is offline-attackable: keep it out of logs too.
        return "JmxUser[name=" + name + ", role=" + role.xmlName() + "]";
    }
}
