package pool.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The clock is a number the tests move: waits are read from it, never slept. */
class LoginBackoffTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final LoginBackoff backoff = new LoginBackoff(now::get);

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    /** One checked, failed login. */
    private void fail(String user, String address) {
        assertEquals(0, backoff.admit(user, address), "let through to be checked");
        backoff.failed(user, address);
    }

    @Test
    void fiveFailuresOfAnAddressAreFreeThenEachStartsAWaitTwiceTheLast() {
        for (int i = 0; i < 4; i++) {
            fail("user" + i, "10.0.0.1"); // other users each time: only the address counts up
        }
        fail("user4", "10.0.0.1");
        assertEquals(SECOND, backoff.admit("user5", "10.0.0.1"), "the fifth failure starts a 1 s wait");
        advance(Duration.ofSeconds(1));
        fail("user5", "10.0.0.1");
        assertEquals(2 * SECOND, backoff.admit("user6", "10.0.0.1"));
        advance(Duration.ofSeconds(2));
        fail("user6", "10.0.0.1");
        assertEquals(4 * SECOND, backoff.admit("user7", "10.0.0.1"));
    }

    @Test
    void afterAWaitOneLoginAtATimeProbesAndRefusalsDoNotLengthenTheWait() {
        for (int i = 0; i < 5; i++) {
            fail("u" + i, "10.0.0.1");
        }
        advance(Duration.ofMillis(400));
        assertEquals(600_000_000L, backoff.admit("x", "10.0.0.1"), "refused: the remaining wait, not a longer one");
        assertEquals(600_000_000L, backoff.admit("x", "10.0.0.1"));
        advance(Duration.ofMillis(600));
        assertEquals(0, backoff.admit("probe", "10.0.0.1"), "the wait is over: one probe");
        assertEquals(SECOND, backoff.admit("second", "10.0.0.1"), "a second one waits while the probe is out");
        backoff.succeeded("probe", "10.0.0.1");
        assertEquals(0, backoff.admit("second", "10.0.0.1"), "a success clears the address's count");
    }

    @Test
    void oneAddressFailingHoldsBackNoOtherAddress() {
        for (int i = 0; i < 50; i++) {
            backoff.admit("u" + i, "10.0.0.1");
            backoff.failed("u" + i, "10.0.0.1");
        }
        assertTrue(backoff.admit("app", "10.0.0.1") > 0);
        assertEquals(0, backoff.admit("app", "10.0.0.2"));
    }

    @Test
    void anAddressThatKeepsFailingWaitsAtMostFiveMinutes() {
        for (int i = 0; i < 40; i++) {
            backoff.failed("u", "10.0.0.1"); // (failures reported straight: the count is what is tested)
        }
        assertEquals(LoginBackoff.ADDRESSES.maxWait().toNanos(), backoff.admit("v", "10.0.0.1"));
        assertEquals(Duration.ofMinutes(5), LoginBackoff.ADDRESSES.maxWait());
    }

    /**
     * The lock-out attack: strangers at many addresses each fail once as "app" (too few
     * per address to hold any address back). The user's count now holds back addresses that
     * never logged in as "app", for at most 30 s, but not the application server that did.
     */
    @Test
    void strangersElsewhereCannotHoldBackAnAddressThatLoggedInAsTheUser() {
        assertEquals(0, backoff.admit("app", "10.1.1.1"));
        backoff.succeeded("app", "10.1.1.1"); // the application server, some time ago
        advance(Duration.ofHours(2));
        for (int i = 0; i < 200; i++) {
            if (backoff.admit("app", "192.0.2." + i) == 0) {
                backoff.failed("app", "192.0.2." + i);
            }
        }
        assertEquals(0, backoff.admit("app", "10.1.1.1"), "the proven address goes straight on");
        backoff.succeeded("app", "10.1.1.1");
        // Its success cleared the user's count; the strangers start it again.
        for (int i = 0; i < 200; i++) {
            backoff.failed("app", "198.51.100." + i);
        }
        long wait = backoff.admit("app", "203.0.113.7");
        assertTrue(wait > 0 && wait <= Duration.ofSeconds(30).toNanos(), "a new address waits, at most 30 s: " + wait);
        assertEquals(0, backoff.admit("app", "10.1.1.1"));
        assertEquals(0, backoff.admit("other-user", "203.0.113.7"), "other users are not held back");
    }

    @Test
    void aProvenAddressCountsAsNewAfterAWeek() {
        backoff.admit("app", "10.1.1.1");
        backoff.succeeded("app", "10.1.1.1");
        advance(LoginBackoff.PROVEN_FOR);
        for (int i = 0; i < 10; i++) {
            backoff.failed("app", "198.51.100." + i);
        }
        assertTrue(backoff.admit("app", "10.1.1.1") > 0);
    }

    @Test
    void failuresAreForgottenAfterAnHourWithoutAny() {
        for (int i = 0; i < 12; i++) {
            backoff.failed("app", "10.0.0.1");
        }
        assertTrue(backoff.admit("app", "10.0.0.1") > 0);
        advance(Duration.ofHours(1));
        assertEquals(0, backoff.admit("app", "10.0.0.1"));
    }

    @Test
    void aFloodOfNewAddressesAndNamesKeepsTheTablesBounded() {
        for (int i = 0; i < 3 * LoginBackoff.MAX_ENTRIES; i++) {
            String address = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
            backoff.admit("user-" + i, address);
            if (i % 2 == 0) {
                backoff.failed("user-" + i, address);
            } else {
                backoff.succeeded("user-" + i, address);
            }
        }
        for (int size : backoff.entries()) {
            assertTrue(size <= LoginBackoff.MAX_ENTRIES, "bounded: " + size);
        }
    }
}
