package pool.remote;

import java.util.Map;
import java.util.Objects;

/** The users allowed to use one pool remotely, each with a {@link PasswordHash}. */
public final class Users {

    private final Map<String, PasswordHash> hashes;
    /** The tenants a user may claim, for users bound to some; a user not in it may claim any. */
    private final Map<String, java.util.Set<String>> tenants;
    /**
     * Checked against when the user is unknown, with as many iterations as the costliest
     * real hash, so an unknown user costs the same time as a wrong password and timing
     * does not reveal which user names exist.
     */
    private final PasswordHash decoy;

    private Users(Map<String, PasswordHash> hashes) {
        this(hashes, Map.of());
    }

    private Users(Map<String, PasswordHash> hashes, Map<String, java.util.Set<String>> tenants) {
        this.tenants = Map.copyOf(tenants);
        this.hashes = Map.copyOf(hashes);
        int iterations = this.hashes.values().stream().mapToInt(PasswordHash::iterations).max()
                .orElse(PasswordHash.MIN_ITERATIONS);
        this.decoy = PasswordHash.decoy(iterations);
    }

    /** @return the iterations an unknown user's login is checked with */
    int decoyIterations() {
        return decoy.iterations();
    }

    /** @return the names of these users */
    java.util.Set<String> names() {
        return hashes.keySet();
    }

    /** @return the users with these hashes (user name to hash) */
    public static Users of(Map<String, PasswordHash> hashes) {
        Objects.requireNonNull(hashes, "hashes");
        return new Users(hashes);
    }

    /** @return the users with these encoded hashes (user name to {@link PasswordHash#encoded()}) */
    public static Users ofEncoded(Map<String, String> encoded) {
        java.util.HashMap<String, PasswordHash> m = new java.util.HashMap<>();
        encoded.forEach((user, hash) -> m.put(user, PasswordHash.parse(hash)));
        return new Users(m);
    }

    /**
     * @return whether {@code other} has {@code user} with the same hash and tenant claims as
     *         here (a changed password or tenants count as another user: their logins must be
     *         made again)
     */
    public boolean sameUser(String user, Users other) {
        PasswordHash mine = hashes.get(user);
        return mine != null && mine.equals(other.hashes.get(user))
                && java.util.Objects.equals(tenants.get(user), other.tenants.get(user));
    }

    /**
     * @param tenant the tenant a live login of {@code user} claims (null: {@code default})
     * @return whether that login may carry on under {@code next}: same hash, and {@code next}
     *         still lets the user claim the tenant (a reload that only adds tenants to a user
     *         must not end its logins, and with them their transactions)
     */
    public boolean keepsLogin(String user, String tenant, Users next) {
        PasswordHash mine = hashes.get(user);
        return mine != null && mine.equals(next.hashes.get(user)) && next.refusedClaim(user, tenant) == null;
    }

    /**
     * @param claims user name to the tenants that user may claim ({@code <user tenants=>}); users
     *               not in it may claim any tenant
     * @return these users with their logins bound to those tenants
     */
    public Users withTenants(Map<String, java.util.Set<String>> claims) {
        Map<String, java.util.Set<String>> copy = new java.util.HashMap<>();
        claims.forEach((u, t) -> copy.put(u, java.util.Set.copyOf(t)));
        return new Users(hashes, copy);
    }

    /**
     * @param tenant the tenant a login names; null stands for {@code pool.api.Tenancy.DEFAULT_TENANT}
     * @return null when {@code user} may claim it, else the tenants the user may claim
     */
    public java.util.Set<String> refusedClaim(String user, String tenant) {
        java.util.Set<String> allowed = user == null ? null : tenants.get(user);
        if (allowed == null || allowed.contains(tenant == null ? pool.api.Tenancy.DEFAULT_TENANT : tenant)) {
            return null;
        }
        return allowed;
    }

    /** @return whether {@code user} exists and {@code password} is theirs */
    public boolean authenticate(String user, char[] password) {
        PasswordHash hash = user == null ? null : hashes.get(user);
        if (hash == null) {
            decoy.matches(password);
            return false;
        }
        return hash.matches(password);
    }
}
