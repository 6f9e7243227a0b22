package pool.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Which settings share links, and how the cache stays bounded in number and time. Nothing here logs in. */
class LinkCacheTest {

    private static final Duration DELAY = Duration.ofMillis(1);
    private static final Locator ORDERS = Locator.parse("rmi://127.0.0.1:1099/pools/orders", null);

    private final AtomicLong now = new AtomicLong();
    private final LinkCache cache = new LinkCache(3, Duration.ofMinutes(15), now::get);

    private Links get(Locator where, String user, String password, String tenant, Duration delay) {
        return cache.get(where, user, password == null ? null : password.toCharArray(), tenant, delay);
    }

    private Links orders(String user, String password) {
        return get(ORDERS, user, password, null, DELAY);
    }

    @Test
    void theSameSettingsShareLinksHoweverTheUrlSpellsThem() {
        Links first = orders("app", "secret");
        assertSame(first, orders("app", "secret"));
        assertSame(first, get(Locator.parse("poold://127.0.0.1:1099/orders", null), "app", "secret", null, DELAY));
    }

    @Test
    void anythingThatChangesTheLoginGetsLinksOfItsOwn() {
        Links base = orders("app", "secret");
        assertNotSame(base, orders("app", "secret2"));
        assertNotSame(base, orders("app2", "secret"));
        assertNotSame(base, get(ORDERS, "app", "secret", "shop-eu", DELAY));
        assertNotSame(base, get(ORDERS, "app", "secret", null, Duration.ZERO));
        assertNotSame(base, get(Locator.parse("rmis://127.0.0.1:1099/pools/orders", null), "app", "secret", null, DELAY));
        assertNotSame(base, get(Locator.parse("rmi://127.0.0.1:1099/pools/invoices", null), "app", "secret", null, DELAY));
    }

    @Test
    void passwordsWithTheSameHashCodeAreTwoPasswords() {
        assertEquals(java.util.Arrays.hashCode("Aa".toCharArray()), java.util.Arrays.hashCode("BB".toCharArray()));
        assertNotSame(orders("app", "Aa"), orders("app", "BB"));
    }

    @Test
    void noUserAndNoPasswordReadAsEmptyAsTheLoginSendsThem() {
        assertSame(orders(null, null), orders("", ""));
    }

    @Test
    void pastItsCapacityTheLeastRecentlyAskedForGoes() {
        Links a = orders("a", "pw");
        Links b = orders("b", "pw");
        orders("c", "pw");
        assertSame(a, orders("a", "pw")); // a is now the most recent; b the least
        orders("d", "pw");
        assertEquals(3, cache.size());
        assertSame(a, orders("a", "pw"));
        assertNotSame(b, orders("b", "pw"));
    }

    @Test
    void settingsNobodyAskedForInFifteenMinutesAreLetGo() {
        Links idle = orders("idle", "pw");
        now.addAndGet(Duration.ofMinutes(10).toNanos());
        Links busy = orders("busy", "pw");
        now.addAndGet(Duration.ofMinutes(10).toNanos());
        assertSame(busy, orders("busy", "pw"));
        assertEquals(1, cache.size(), "the idle one went when busy was asked for");
        assertNotSame(idle, orders("idle", "pw"));
    }
}
