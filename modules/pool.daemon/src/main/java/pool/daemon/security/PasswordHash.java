package pool.daemon.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A client password hash as {@code <clients><user hash=...>} stores it:
 * {@code pbkdf2-sha256:ITERATIONS:SALT:HASH}, salt and hash in base64. PBKDF2 with
 * HMAC-SHA256 is in every JDK, so the image needs no extra library; 600 000 iterations
 * is OWASP's 2023 recommendation for it.
 *
 * @param iterations PBKDF2 iterations
 * @param salt       random salt
 * @param hash       derived key
 */
public record PasswordHash(int iterations, byte[] salt, byte[] hash) {

    static final String PREFIX = "pbkdf2-sha256";
    static final int DEFAULT_ITERATIONS = 600_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    public PasswordHash {
        salt = salt.clone();
        hash = hash.clone();
    }

    /**
     * @throws IllegalArgumentException when {@code text} is not of the stored form
     */
    public static PasswordHash parse(String text) {
        String[] parts = text.strip().split(":");
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            throw new IllegalArgumentException("not of the form " + PREFIX + ":ITERATIONS:SALT:HASH");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ITERATIONS is not a number");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("ITERATIONS must be at least 1");
        }
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] hash = Base64.getDecoder().decode(parts[3]);
        if (salt.length == 0 || hash.length == 0) {
            throw new IllegalArgumentException("SALT and HASH must not be empty");
        }
        return new PasswordHash(iterations, salt, hash);
    }

    /** @return a new hash of {@code password} with a fresh random salt */
    public static PasswordHash create(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(DEFAULT_ITERATIONS, salt, derive(password, salt, DEFAULT_ITERATIONS, HASH_BYTES));
    }

    /** @return whether {@code password} is the one hashed, compared in constant time */
    public boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations, hash.length));
    }

    /** @return the stored form */
    public String format() {
        return PREFIX + ":" + iterations + ":" + Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(hash);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK lacks PBKDF2WithHmacSHA256, which every JDK has", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PasswordHash p && iterations == p.iterations && Arrays.equals(salt, p.salt)
                && Arrays.equals(hash, p.hash);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(salt) + Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "PasswordHash[" + PREFIX + ", " + iterations + " iterations]";
    }
}
