package pool.remote.internal;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A ticket's bytes as a map key. The bytes are random, so their first four make a good
 * hash; equality is compared in constant time, so that response times say nothing about
 * how much of a guessed ticket was right.
 */
final class TicketId {
    private final byte[] bytes;
    private final int hash;

    private TicketId(byte[] bytes) {
        this.bytes = bytes;
        this.hash = bytes.length < 4 ? Arrays.hashCode(bytes)
                : (bytes[0] & 0xFF) << 24 | (bytes[1] & 0xFF) << 16 | (bytes[2] & 0xFF) << 8 | bytes[3] & 0xFF;
    }

    /** @return the key of {@code bytes}, copied (the caller's array may be reused or cleared) */
    static TicketId of(byte[] bytes) {
        return new TicketId(bytes.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TicketId t && MessageDigest.isEqual(bytes, t.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "TicketId[" + bytes.length + " bytes]"; // never the bytes: they stand in for a password
    }
}
