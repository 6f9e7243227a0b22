package pool.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import pool.remote.ConnectionLimits;

class ConnectionGuardTest {

    private final ConnectionGuard guard = new ConnectionGuard("test port",
            new ConnectionLimits(5, 2, Duration.ofSeconds(10), Duration.ofSeconds(30)));

    private static InetAddress at(String address) throws Exception {
        return InetAddress.getByName(address);
    }

    @Test
    void anAddressHoldsAtMostItsShareAndGetsItBackWhenAConnectionEnds() throws Exception {
        ConnectionGuard.Admission first = guard.admit(at("10.0.0.1"));
        assertNotNull(first);
        assertNotNull(guard.admit(at("10.0.0.1")));
        assertNull(guard.admit(at("10.0.0.1")), "a third connection from one address, two allowed");
        assertNotNull(guard.admit(at("10.0.0.2")), "another address has its own share");
        first.release();
        first.release(); // twice is once
        assertNotNull(guard.admit(at("10.0.0.1")));
        assertNull(guard.admit(at("10.0.0.1")));
        assertEquals(3, guard.open());
    }

    @Test
    void theTotalIsCappedWhateverTheAddresses() throws Exception {
        for (int i = 1; i <= 5; i++) {
            assertNotNull(guard.admit(at("10.0.1." + i)));
        }
        assertNull(guard.admit(at("10.0.1.6")));
        assertEquals(5, guard.open(), "a refused connection is not counted");
    }

    @Test
    void ipv6AddressesOfOneSlash64CountAsOne() throws Exception {
        assertNotNull(guard.admit(at("2001:db8:1:2::1")));
        assertNotNull(guard.admit(at("2001:db8:1:2::ffff:1")));
        assertNull(guard.admit(at("2001:db8:1:2:abcd::9")), "same /64");
        assertNotNull(guard.admit(at("2001:db8:1:3::1")), "another /64");
    }
}
