package pool.remote;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted PBKDF2-HMAC-SHA256 password hash in the form
 * {@code pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>}, the form pool users
 * are configured with ({@code poold --hash-password} prints one).
 *
 * <p>Checking compares in constant time, so the time taken tells an attacker nothing
 * about how much of a guess was right.
 */
public final class PasswordHash {

    /** The prefix naming the scheme; a different scheme later gets a different prefix. */
    public static final String SCHEME = "pbkdf2-sha256";

    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;

    /** Below this a hash is too cheap to guess against; parsing refuses it. */
    public static final int MIN_ITERATIONS = 1_000;

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** @return a new hash of {@code password} with a fresh random salt and the default iterations */
    public static PasswordHash create(char[] password) {
        return create(password, DEFAULT_ITERATIONS);
    }

    /** @return a new hash of {@code password} with a fresh random salt */
    public static PasswordHash create(char[] password, int iterations) {
        Objects.requireNonNull(password, "password");
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be at least " + MIN_ITERATIONS + ", got " + iterations);
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations, HASH_BYTES));
    }

    /**
     * @return a hash that no password matches, for checking unknown users against: its
     *         hash bytes are random rather than derived, so making one costs nothing, while
     *         {@link #matches} costs one full derivation of {@code iterations}, as for a real
     *         hash (a match would need a 256-bit collision)
     */
    static PasswordHash decoy(int iterations) {
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be at least " + MIN_ITERATIONS + ", got " + iterations);
        }
        byte[] salt = new byte[SALT_BYTES];
        byte[] hash = new byte[HASH_BYTES];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(hash);
        return new PasswordHash(iterations, salt, hash);
    }

    /**
     * Parses the encoded form.
     *
     * @throws IllegalArgumentException naming what is wrong with {@code encoded}
     */
    public static PasswordHash parse(String encoded) {
        Objects.requireNonNull(encoded, "encoded password hash");
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("a password hash must look like " + SCHEME
                    + "$<iterations>$<salt>$<hash> (make one with 'poold --hash-password')");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("password hash iterations are not a number: " + parts[1]);
        }
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("password hash iterations must be at least " + MIN_ITERATIONS
                    + ", got " + iterations);
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] hash = Base64.getDecoder().decode(parts[3]);
            if (salt.length < 8 || hash.length < 16) {
                throw new IllegalArgumentException("password hash salt or hash is too short");
            }
            return new PasswordHash(iterations, salt, hash);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("password hash salt or hash is not valid base64: " + e.getMessage());
        }
    }

    /** @return whether {@code password} is the one this hash was made from; takes the same time either way */
    public boolean matches(char[] password) {
        byte[] candidate = derive(password, salt, iterations, hash.length);
        return MessageDigest.isEqual(candidate, hash);
    }

    /** @return the encoded form, as stored in the configuration */
    public String encoded() {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** @return the iteration count */
    public int iterations() {
        return iterations;
    }

    /**
     * @return the scheme and iterations only: salt and hash stay out of logs and exception
     *         messages (with them a password can be guessed offline); {@link #encoded()}
     *         gives the stored form
     */
    @Override
    public String toString() {
        return "PasswordHash[" + SCHEME + ", " + iterations + " iterations]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PasswordHash p && p.iterations == iterations && Arrays.equals(p.salt, salt)
                && Arrays.equals(p.hash, hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            // Every Java SE runtime must provide PBKDF2WithHmacSHA256: its absence is a broken JDK.
            throw new IllegalStateException(ALGORITHM + " is not available in this Java runtime", e);
        } finally {
            spec.clearPassword();
        }
    }
}
