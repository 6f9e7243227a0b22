package pool.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void aUrlWithoutSlashSlashHostPortIsRefusedNotReadAsAPoolNameOnTheDefaultRegistry() {
        for (String url : new String[] {"rmi:/127.0.0.1:1099/pools/orders", "rmi:pools/orders", "poold:127.0.0.1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Locator.parse(url, "orders"), url);
            assertTrue(e.getMessage().contains("has no //host:port"), e.getMessage());
        }
        assertEquals(new Locator("127.0.0.1", 1099, "orders", false), Locator.parse("rmi:///pools/orders", null),
                "an empty authority is RMI's own way to say the local default registry");
    }

    @Test
    void aPortOutOfRangeIsRefusedNamingTheUrl() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Locator.parse("rmi://127.0.0.1:99999/pools/orders", null));
        assertTrue(e.getMessage().startsWith("poold URL rmi://127.0.0.1:99999/pools/orders: port 99999 is out of range"),
                e.getMessage());
    }

    @Test
    void nothingListeningAtThePortSaysWhatToCheck() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // free once closed: nothing listens there
        }
        int free = port;
        java.sql.SQLException e = assertThrows(java.sql.SQLException.class,
                () -> Locator.parse("rmi://127.0.0.1:" + free + "/pools/orders", null).lookup());
        assertEquals("cannot reach poold at 127.0.0.1:" + free + " to look up pool 'orders': Connection refused (nothing"
                + " listens there: check that poold runs and that " + free + " is its rmiRegistryPort, 1099 unless its"
                + " configuration says otherwise)", e.getMessage());
        assertEquals("08001", e.getSQLState());
    }

    @Test
    void aBlankUrlSaysNoneWasGiven() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Locator.parse(" ", null));
        assertTrue(e.getMessage().startsWith("no poold URL given"), e.getMessage());
    }

    @Test
    void aUserOrPasswordInTheUrlIsRefusedWithoutRepeatingIt() {
        for (String url : new String[] {"rmi://app:s3cret@127.0.0.1:1099/pools/orders", "rmi://app:s3cret@127.0.0.1:1099/pools/",
                "poold://127.0.0.1:1099/orders?password=s3cret", "rmi://127.0.0.1/pools/orders#s3cret",
                "rmi://app:s3 cret@127.0.0.1/pools/orders", "rmi://app:s3/cret@127.0.0.1/pools/orders"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Locator.parse(url, null), url);
            assertFalse(e.getMessage().contains("s3"), e.getMessage());
            assertTrue(e.getMessage().contains("***"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Locator.parse("rmi://app:s3cret@127.0.0.1:1099/pools/orders", null));
        assertEquals("poold URL rmi://***@127.0.0.1:1099/pools/orders carries a user or password before the host, which"
                + " poold does not read: give the user and password as the properties user and password"
                + " (RemoteDataSourceFactory), Context.SECURITY_PRINCIPAL and SECURITY_CREDENTIALS (JNDI) or"
                + " Builder.user/password", e.getMessage());
    }

    @Test
    void aHostTheUrlSyntaxCannotReadIsRefusedNotTakenAsLoopback() {
        for (String url : new String[] {"rmi://poold_daemon:1099/pools/orders", "poold://db.example:port/orders"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Locator.parse(url, null), url);
            assertTrue(e.getMessage().contains("cannot read its host and port"), e.getMessage());
        }
        assertEquals(new Locator("[::1]", 1099, "orders", false), Locator.parse("rmi://[::1]:1099/pools/orders", null));
    }

    @Test
    void toStringIsTheCanonicalUrl() {
        assertEquals("rmi://127.0.0.1:1099/pools/orders", new Locator("127.0.0.1", 1099, "orders", false).toString());
    }
}
