package pool.daemon.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void createdHashMatchesOnlyItsPassword() {
        PasswordHash h = PasswordHash.create("correct horse".toCharArray());
        assertTrue(h.matches("correct horse".toCharArray()));
        assertFalse(h.matches("correct horse ".toCharArray()));
    }

    @Test
    void storedFormRoundTrips() {
        PasswordHash h = PasswordHash.create("pw".toCharArray());
        String stored = h.format();
        assertTrue(stored.startsWith("pbkdf2-sha256:600000:"), stored);
        assertEquals(h, PasswordHash.parse(stored));
        assertTrue(PasswordHash.parse(stored).matches("pw".toCharArray()));
    }

    @Test
    void saltsDiffer() {
        assertNotEquals(PasswordHash.create("pw".toCharArray()), PasswordHash.create("pw".toCharArray()));
    }

    @Test
    void knownVectorVerifies() {
        // PBKDF2-HMAC-SHA256("password", "salt", 1 iteration, 32 bytes), computed independently
        // with Python's hashlib.pbkdf2_hmac: the stored form is standard PBKDF2, not a variant.
        PasswordHash h = PasswordHash.parse("pbkdf2-sha256:1:c2FsdA==:Eg+2z/z4syxD5yJSVsT4N6hlSMkszDVICAWYfLcL4Xs=");
        assertTrue(h.matches("password".toCharArray()));
    }

    @Test
    void malformedFormsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("md5:1:c2FsdA==:aGFzaA=="));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("pbkdf2-sha256:0:c2FsdA==:aGFzaA=="));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("pbkdf2-sha256:1:!!:aGFzaA=="));
    }

    @Test
    void toStringShowsNoHashMaterial() {
        PasswordHash h = PasswordHash.create("pw".toCharArray());
        assertFalse(h.toString().contains(h.format().split(":")[3]));
    }
}
