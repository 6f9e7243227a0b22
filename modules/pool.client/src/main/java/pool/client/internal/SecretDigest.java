package pool.client.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tells passwords apart without keeping them: HMAC-SHA256 under a key drawn at random when
 * the client is loaded. The caches key their entries by it, so a cache holds no password
 * (the data source it hands out holds one, as every data source does), equal digests mean
 * equal passwords (a collision would need a break of SHA-256, unlike a hash code, where one
 * password could be given another's login), and a digest found in a heap dump cannot be
 * looked up in a table of precomputed hashes.
 */
final class SecretDigest {

    private static final String ALGORITHM = "HmacSHA256";
    private static final SecretKeySpec KEY = key();

    private SecretDigest() {
    }

    private static SecretKeySpec key() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return new SecretKeySpec(k, ALGORITHM);
    }

    /** @return the digest of {@code secret} (null reads as empty, as the login sends it) */
    static String of(char[] secret) {
        ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret == null ? new char[0] : secret));
        byte[] bytes = new byte[utf8.remaining()];
        utf8.get(bytes);
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(KEY);
            return java.util.HexFormat.of().formatHex(mac.doFinal(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is missing from this JDK", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (utf8.hasArray()) {
                Arrays.fill(utf8.array(), (byte) 0);
            }
        }
    }
}
