package pool.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LocatorTest {

    @Test
    void rmiUrlsNameHostPortAndPool() {
        assertEquals(new Locator("127.0.0.1", 1099, "orders", false), Locator.parse("rmi://127.0.0.1:1099/pools/orders", null));
        assertEquals(new Locator("db.example", 2099, "orders", true), Locator.parse("rmis://db.example:2099/pools/orders", null));
    }

    @Test
    void providerUrlsTakeThePoolFromTheLookup() {
        assertEquals(new Locator("127.0.0.1", 1099, "orders", false), Locator.parse("poold://127.0.0.1:1099", "orders"));
        assertEquals(new Locator("127.0.0.1", 1099, "orders", true), Locator.parse("poolds://127.0.0.1", "orders"));
    }

    @Test
    void badUrlsSayWhatIsExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Locator.parse("jdbc:postgresql://x/y", null));
        assertTrue(e.getMessage().contains("rmi://"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Locator.parse("rmi://127.0.0.1:1099/", null));
        assertThrows(IllegalArgumentException.class, () -> Locator.parse(null, null));
    }

    @Test
    void toStringIsTheCanonicalUrl() {
        assertEquals("rmi://127.0.0.1:1099/pools/orders", new Locator("127.0.0.1", 1099, "orders", false).toString());
    }
}
