package pool.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A frame being written: the primitives of docs/protocol.md section 5 (fixed-width
 * big-endian integers, varints, zigzag varints, lengths, strings) into a growing buffer,
 * bounded by {@link Wire#MAX_FRAME}.
 */
final class FrameWriter {
    /**
     * Each thread's buffer for calls and replies, lent to one frame at a time: a frame
     * then costs one array of its exact size, not a buffer grown by copies as well.
     * Never for logins, whose frames hold a password.
     */
    private static final ThreadLocal<byte[]> SCRATCH = new ThreadLocal<>();
    /** Larger buffers (a big batch of rows) go to the collector rather than stay with the thread. */
    private static final int SCRATCH_MAX = 64 * 1024;

    private byte[] buf;
    private int pos;
    private final boolean scratch;

    FrameWriter(int capacity, int kind) {
        this(new byte[capacity], kind, false);
    }

    private FrameWriter(byte[] buf, int kind, boolean scratch) {
        this.buf = buf;
        this.scratch = scratch;
        buf[0] = (byte) Protocol.VERSION;
        buf[1] = (byte) kind;
        pos = 2;
    }

    /** @return a writer on the thread's scratch buffer, or on a new one while that is lent (nested) */
    static FrameWriter reusing(int kind) {
        byte[] b = SCRATCH.get();
        if (b == null) {
            b = new byte[1024];
        } else {
            SCRATCH.set(null);
        }
        return new FrameWriter(b, kind, true);
    }

    private void ensure(int n) {
        if (buf.length - pos >= n) {
            return;
        }
        long need = (long) pos + n;
        if (need > Wire.MAX_FRAME) {
            throw new IllegalArgumentException("a frame of more than " + need + " bytes exceeds poold's limit of "
                    + Wire.MAX_FRAME + " bytes: fetch fewer rows per batch (setFetchSize) or send smaller values");
        }
        buf = Arrays.copyOf(buf, (int) Math.min(Wire.MAX_FRAME, Math.max(need, 2L * buf.length)));
    }

    void u8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
    }

    void u16(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    void i32(int v) {
        ensure(4);
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    void i64(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[pos++] = (byte) (v >>> shift);
        }
    }

    /** An unsigned varint. */
    void varlong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    void length(int n) {
        varlong(n);
    }

    void sint(int v) {
        varlong(((v << 1) ^ (v >> 31)) & 0xFFFF_FFFFL);
    }

    void slong(long v) {
        varlong((v << 1) ^ (v >> 63));
    }

    void bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    /** A list of zigzag varints, after its length. */
    void slongs(long[] values) {
        length(values.length);
        for (long v : values) {
            slong(v);
        }
    }

    /** An enum constant as its code: its index in {@code table}, which lists the enum in wire order. */
    <E extends Enum<E>> void code(E[] table, E value) {
        for (int i = 0; i < table.length; i++) {
            if (table[i] == value) {
                u8(i);
                return;
            }
        }
        throw new IllegalArgumentException("no wire code for " + value);
    }

    /** A nullable ticket: 0 for none, else its length (always {@link Protocol#TICKET_BYTES}) plus one and its bytes. */
    void ticket(byte[] ticket) {
        if (ticket == null) {
            u8(0);
            return;
        }
        if (ticket.length != Protocol.TICKET_BYTES) {
            throw new IllegalArgumentException("a ticket is " + Protocol.TICKET_BYTES + " bytes, not " + ticket.length);
        }
        u8(ticket.length + 1);
        bytes(ticket, 0, ticket.length);
    }

    void string(String s) {
        if (s == null) {
            u8(0);
            return;
        }
        int n = s.length();
        // ASCII (the common case: SQL, tickets, names) is one byte per char: copied as it is
        // checked, in one pass and without a copy of the string; else back and UTF-8.
        int mark = pos;
        varlong(n + 1L);
        ensure(n);
        byte[] b = buf;
        int p = pos;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                pos = mark;
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                varlong(utf8.length + 1L);
                bytes(utf8, 0, utf8.length);
                return;
            }
            b[p + i] = (byte) c;
        }
        pos = p + n;
    }

    /** @return how many bytes were written, the header included */
    int size() {
        return pos;
    }

    /** Zeroes what was written: a login that is not sent still held a password. */
    void clear() {
        Arrays.fill(buf, (byte) 0);
    }

    byte[] finish() {
        byte[] frame = Arrays.copyOf(buf, pos);
        if (scratch && buf.length <= SCRATCH_MAX) {
            SCRATCH.set(buf); // given back only by a frame that completed
        }
        return frame;
    }
}
