package pool.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Client users bound to the tenants they may claim ({@code <user tenants=>}). */
class UsersTest {

    private static final String HASH = PasswordHash.create("pw".toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();

    private static Users users(Map<String, Set<String>> tenants) {
        return Users.ofEncoded(Map.of("shop", HASH, "batch", HASH)).withTenants(tenants);
    }

    @Test
    void aBoundUserMayClaimItsTenantsOnly() {
        Users u = users(Map.of("shop", Set.of("shop-eu", "shop-us")));
        assertNull(u.refusedClaim("shop", "shop-eu"));
        assertEquals(Set.of("shop-eu", "shop-us"), u.refusedClaim("shop", "acme"));
        assertEquals(Set.of("shop-eu", "shop-us"), u.refusedClaim("shop", null), "no tenant is the tenant default");
        assertNull(u.refusedClaim("batch", "acme"), "a user bound to nothing may claim any tenant");
    }

    @Test
    void noTenantIsAllowedWhenDefaultIsListed() {
        assertNull(users(Map.of("shop", Set.of("default"))).refusedClaim("shop", null));
    }

    @Test
    void changedTenantsMakeAnotherUserForReload() {
        Users before = users(Map.of("shop", Set.of("shop-eu")));
        assertTrue(before.sameUser("shop", users(Map.of("shop", Set.of("shop-eu")))));
        assertFalse(before.sameUser("shop", users(Map.of("shop", Set.of("shop-us")))));
        assertFalse(before.sameUser("shop", users(Map.of())));
        assertTrue(before.sameUser("batch", users(Map.of())));
    }
}
