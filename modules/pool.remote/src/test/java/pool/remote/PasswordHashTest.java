package pool.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PasswordHashTest {

    private static final int FAST = PasswordHash.MIN_ITERATIONS; // tests need no 600,000 rounds

    @Test
    void theRightPasswordMatchesAndAWrongOneDoesNot() {
        PasswordHash h = PasswordHash.create("s3cret".toCharArray(), FAST);
        assertTrue(h.matches("s3cret".toCharArray()));
        assertFalse(h.matches("s3cret ".toCharArray()));
        assertFalse(h.matches(new char[0]));
    }

    @Test
    void encodedFormParsesBackToAnEqualHash() {
        PasswordHash h = PasswordHash.create("pw".toCharArray(), FAST);
        String encoded = h.encoded();
        assertTrue(encoded.matches("pbkdf2-sha256\\$1000\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+"), encoded);
        PasswordHash parsed = PasswordHash.parse(encoded);
        assertEquals(h, parsed);
        assertTrue(parsed.matches("pw".toCharArray()));
    }

    @Test
    void toStringNamesSchemeAndIterationsButNeitherSaltNorHash() {
        PasswordHash h = PasswordHash.create("pw".toCharArray(), FAST);
        String[] parts = h.encoded().split("\\$");
        String shown = h.toString();
        assertEquals("PasswordHash[pbkdf2-sha256, 1000 iterations]", shown);
        assertFalse(shown.contains(parts[2]), shown);
        assertFalse(shown.contains(parts[3]), shown);
        assertFalse(String.valueOf(java.util.Map.of("app", h)).contains(parts[3]), "nor where it is printed inside others");
    }

    @Test
    void everyHashHasItsOwnSalt() {
        assertNotEquals(PasswordHash.create("pw".toCharArray(), FAST).encoded(),
                PasswordHash.create("pw".toCharArray(), FAST).encoded());
    }

    @Test
    void knownVectorVerifies() {
        // PBKDF2-HMAC-SHA256("password", "saltsalt", 1000 iterations, 32 bytes), computed
        // independently with Python's hashlib.pbkdf2_hmac: the stored form is standard PBKDF2.
        // Padded base64 (as other tools write it) parses as well as the unpadded form encoded() writes.
        String salt = "c2FsdHNhbHQ";
        String hash = "E196ZhRPzw+wA84EjzHwJO1cv/MFJdO6C/sxmUeTYqY";
        assertTrue(PasswordHash.parse("pbkdf2-sha256$1000$" + salt + "$" + hash).matches("password".toCharArray()));
        assertTrue(PasswordHash.parse("pbkdf2-sha256$1000$" + salt + "=$" + hash + "=").matches("password".toCharArray()));
        assertFalse(PasswordHash.parse("pbkdf2-sha256$1000$" + salt + "$" + hash).matches("Password".toCharArray()));
    }

    @Test
    void defaultIterationsFollowOwasp() {
        assertEquals(600_000, PasswordHash.DEFAULT_ITERATIONS);
    }

    @Test
    void malformedHashesAreRejectedWithAMessageSayingWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("plain"));
        assertTrue(e.getMessage().contains("poold --hash-password"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("pbkdf2-sha256$x$AAAA$AAAA"));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("pbkdf2-sha256$10$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAA"));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("pbkdf2-sha256$1000$!!$AAAA"));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.create("x".toCharArray(), 10));
    }

    @Test
    void anUnknownUserCostsAsManyIterationsAsTheCostliestRealOne() {
        Users users = Users.of(Map.of("app", PasswordHash.create("a".toCharArray(), 5_000),
                "ops", PasswordHash.create("o".toCharArray(), FAST)));
        assertEquals(5_000, users.decoyIterations());
        assertFalse(users.authenticate("nobody", "a".toCharArray()));
        assertEquals(PasswordHash.MIN_ITERATIONS, Users.of(Map.of()).decoyIterations());
    }

    @Test
    void aDecoyMatchesNoPasswordAndKeepsItsIterations() {
        PasswordHash decoy = PasswordHash.decoy(FAST);
        assertEquals(FAST, decoy.iterations());
        for (String guess : new String[] {"", "decoy", "a"}) {
            assertFalse(decoy.matches(guess.toCharArray()), guess);
        }
        assertNotEquals(decoy, PasswordHash.decoy(FAST));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.decoy(10));
    }

    @Test
    void usersAuthenticateOnlyWithTheirOwnPassword() {
        Users users = Users.of(Map.of("app", PasswordHash.create("a".toCharArray(), FAST),
                "ops", PasswordHash.create("o".toCharArray(), FAST)));
        assertTrue(users.authenticate("app", "a".toCharArray()));
        assertFalse(users.authenticate("app", "o".toCharArray()));
        assertFalse(users.authenticate("nobody", "a".toCharArray()));
        assertFalse(users.authenticate(null, "a".toCharArray()));
    }
}
