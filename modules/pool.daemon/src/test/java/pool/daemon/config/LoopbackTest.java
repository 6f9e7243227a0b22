package pool.daemon.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "0:0:0:0:0:0:0:1", "localhost", "LOCALHOST"})
    void loopbackAddresses(String address) {
        assertTrue(Loopback.is(address));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "10.0.0.1", "192.0.2.10", "fe80::1", "db.example.org", "localhost.example.org"})
    void everythingElseIsReachableFromOtherHosts(String address) {
        assertFalse(Loopback.is(address));
    }
}
