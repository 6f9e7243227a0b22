package pool.daemon.config;

/**
 * A user remote clients authenticate as, from {@code <clients><user name= hash= tenants=/>}.
 * The hash is {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (base64 salt and hash); it is
 * checked for form here and verified by the daemon's authentication.
 *
 * @param name user name
 * @param hash the stored PBKDF2 hash, never a password
 * @param tenants the tenants the user's logins may claim, or null for any
 */
public record ClientUser(String name, String hash, java.util.Set<String> tenants) {

    public ClientUser {
        tenants = tenants == null ? null : java.util.Set.copyOf(tenants);
    }

    /** A user that may claim any tenant. */
    public ClientUser(String name, String hash) {
        this(name, hash, null);
    }

    @Override
    public String toString() {
        // A hash is not a password, but it is offline-attackable: keep it out of logs too.
        return "ClientUser[name=" + name + "]";
    }
}
