package pool.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A frame being read: its header checked, then the primitives of docs/protocol.md section 5,
 * every read bounds-checked, every length checked against what is left of the frame before
 * anything is allocated for it, and the objects the frame makes the decoder allocate counted.
 */
final class FrameReader {
    private final byte[] buf;
    private int pos;
    private final String kind;
    private final long maxObjects;
    private long objects;
    /** Asked for the heap of each further {@link #ALLOWANCE_STEP} objects before they are made; null: not asked. */
    private final java.util.function.LongPredicate allowance;

    /** Objects granted per question to {@link #allowance}: the decoder allocates at most this many unasked. */
    static final int ALLOWANCE_STEP = 1024;

    FrameReader(byte[] frame, int expectedKind, long maxObjects) throws WireException {
        this(frame, expectedKind, maxObjects, null);
    }

    FrameReader(byte[] frame, int expectedKind, long maxObjects, java.util.function.LongPredicate allowance)
            throws WireException {
        this.kind = Wire.KIND_NAMES[expectedKind];
        this.maxObjects = maxObjects;
        this.allowance = allowance;
        if (frame == null) {
            throw new WireException("no " + kind + " frame (null)");
        }
        if (frame.length > Wire.MAX_FRAME) {
            throw new WireException(kind + " frame of " + frame.length + " bytes exceeds the limit of " + Wire.MAX_FRAME);
        }
        this.buf = frame;
        if (frame.length < 2) {
            throw new WireException("truncated " + kind + " frame: " + frame.length + " bytes, no header");
        }
        int version = frame[0] & 0xFF;
        if (version != Protocol.VERSION) {
            throw new WireException("a " + kind + " frame of poold protocol version " + version + ", this side speaks "
                    + Protocol.VERSION + ": the client's pool.client and pool.protocol jars must be of the daemon's"
                    + " version");
        }
        int actual = frame[1] & 0xFF;
        if (actual != expectedKind) {
            throw new WireException("expected a " + kind + " frame, got kind " + actual
                    + (actual > 0 && actual < Wire.KIND_NAMES.length ? " (" + Wire.KIND_NAMES[actual] + ")" : ""));
        }
        pos = 2;
    }

    int remaining() {
        return buf.length - pos;
    }

    /** Counts one object the frame makes the decoder allocate. */
    void spend() throws WireException {
        if (++objects > maxObjects) {
            throw fail("more than " + maxObjects + " objects in one " + kind);
        }
        if (allowance != null && objects % ALLOWANCE_STEP == 1
                && !allowance.test((long) ALLOWANCE_STEP * Wire.HEAP_BYTES_PER_OBJECT)) {
            throw fail("the daemon has no memory to spare for " + objects + " or more objects now");
        }
    }

    WireException fail(String why) {
        return new WireException("malformed " + kind + " frame at byte " + pos + " of " + buf.length + ": " + why);
    }

    /** A record constructor or a java.time factory refused what the frame says. */
    WireException invalid(RuntimeException e) {
        return new WireException("malformed " + kind + " frame at byte " + pos + " of " + buf.length
                + ": invalid value: " + e, e);
    }

    private void need(int n) throws WireException {
        if (buf.length - pos < n) {
            throw new WireException("truncated " + kind + " frame: " + n + " more bytes needed at byte " + pos
                    + ", only " + (buf.length - pos) + " left");
        }
    }

    int u8() throws WireException {
        need(1);
        return buf[pos++] & 0xFF;
    }

    int u16() throws WireException {
        need(2);
        int v = (buf[pos] & 0xFF) << 8 | buf[pos + 1] & 0xFF;
        pos += 2;
        return v;
    }

    int i32() throws WireException {
        need(4);
        int v = (buf[pos] & 0xFF) << 24 | (buf[pos + 1] & 0xFF) << 16 | (buf[pos + 2] & 0xFF) << 8
                | buf[pos + 3] & 0xFF;
        pos += 4;
        return v;
    }

    long i64() throws WireException {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | buf[pos++] & 0xFF;
        }
        return v;
    }

    long varlong(int maxBytes) throws WireException {
        long v = 0;
        for (int shift = 0, i = 0; i < maxBytes; i++, shift += 7) {
            int b = u8();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (shift == 63 && b > 1) {
                    throw fail("varint beyond 64 bits");
                }
                return v;
            }
        }
        throw fail("varint longer than " + maxBytes + " bytes");
    }

    int sint() throws WireException {
        long z = varlong(5);
        if (z > 0xFFFF_FFFFL) {
            throw fail("int varint out of range");
        }
        int v = (int) z;
        return (v >>> 1) ^ -(v & 1);
    }

    long slong() throws WireException {
        long z = varlong(10);
        return (z >>> 1) ^ -(z & 1);
    }

    /**
     * A length or count; each element takes at least {@code minBytes}, so a length the rest
     * of the frame cannot hold is refused before anything is allocated for it.
     */
    int length(String what, int minBytes) throws WireException {
        long n = varlong(5);
        return checkLength(what, n, minBytes);
    }

    /** @return a nullable length: -1 for null */
    int nullableLength(String what, int minBytes) throws WireException {
        long n = varlong(5);
        return n == 0 ? -1 : checkLength(what, n - 1, minBytes);
    }

    private int checkLength(String what, long n, int minBytes) throws WireException {
        if (n > Integer.MAX_VALUE) {
            throw fail("length of " + what + " " + n + " out of range");
        }
        if (n * minBytes > remaining()) {
            throw fail("length of " + what + " " + n + " exceeds the " + remaining() + " bytes left in the frame");
        }
        return (int) n;
    }

    int flags(String what, int bits) throws WireException {
        int f = u8();
        if ((f >>> bits) != 0) {
            throw fail("undefined flag bits in " + what + ": " + Integer.toBinaryString(f));
        }
        return f;
    }

    <E> E code(E[] table, String what) throws WireException {
        return decode(table, u8(), what);
    }

    <E> E decode(E[] table, int code, String what) throws WireException {
        if (code >= table.length) {
            throw fail("unknown " + what + " code " + code);
        }
        return table[code];
    }

    /** A list of zigzag varints, after its length. */
    long[] slongs(String what) throws WireException {
        long[] values = new long[length(what, 1)];
        for (int i = 0; i < values.length; i++) {
            values[i] = slong();
        }
        return values;
    }

    byte[] bytes(int n) throws WireException {
        need(n);
        byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return b;
    }

    /** A nullable ticket, refused unless it is exactly {@link Protocol#TICKET_BYTES} long. */
    byte[] ticket(String what) throws WireException {
        int n = u8();
        if (n == 0) {
            return null;
        }
        if (n - 1 != Protocol.TICKET_BYTES) {
            throw fail(what + " of " + (n - 1) + " bytes, a ticket is " + Protocol.TICKET_BYTES);
        }
        return bytes(Protocol.TICKET_BYTES);
    }

    String string() throws WireException {
        int n = nullableLength("string", 1);
        if (n < 0) {
            return null;
        }
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    String requiredString(String what) throws WireException {
        String s = string();
        if (s == null) {
            throw fail(what + " is missing (null)");
        }
        return s;
    }

    void end() throws WireException {
        if (pos != buf.length) {
            throw fail((buf.length - pos) + " bytes left over after the " + kind);
        }
    }
}
