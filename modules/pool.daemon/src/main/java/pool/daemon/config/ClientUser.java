package pool.daemon.config;

/**
 * A user remote clients authenticate as, from {@code <clients><user name= hash=/>}.
 * The hash is {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (base64 salt and hash); it is
 * checked for form here and verified by the daemon's authentication.
 *
 * @param name user name
 * @param hash the stored PBKDF2 hash, never a password
 */
public record ClientUser(String name, String hash) {

    @Override
    public String toString() {
        // A hash is not a password, but it is offline-attackable: keep it out of logs too.
        return "ClientUser[name=" + name + "]";
    }
}
