package pool.protocol;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * A frame being written: the primitives of docs/protocol.md section 5 (fixed-width
 * big-endian integers, varints, zigzag varints, lengths, strings) into a growing buffer,
 * bounded by {@link Wire#MAX_FRAME}.
 *
 * <p>Up to {@link #PIECE} bytes a frame is one array, grown by doubling. A larger frame (rows
 * with LOB values) goes on in further pieces of that size instead: what is written stays
 * where it is, so the heap holds the frame about once, never an old and a new copy of it at
 * the same time.
 * {@link #writeTo} sends the pieces as they are; only {@link #finish} joins them.
 */
final class FrameWriter {
    /**
     * Each thread's buffer for calls and replies, lent to one frame at a time: a frame then
     * costs no array of its own when it is written to a stream ({@link #writeTo}), one of its
     * exact size when it is made an array ({@link #finish}). Never for logins, whose frames
     * hold a password.
     */
    private static final ThreadLocal<byte[]> SCRATCH = new ThreadLocal<>();
    /** Larger buffers (a big batch of rows) go to the collector rather than stay with the thread. */
    private static final int SCRATCH_MAX = 64 * 1024;
    /**
     * The largest array a frame grows by copying, and the size of each further piece: 256 KiB.
     * Below half of G1's smallest region (1 MiB, in heaps under 2 GB), so that a piece is an
     * ordinary object: a humongous one takes whole regions, and one of a region's size plus
     * its header took two.
     */
    static final int PIECE = 256 << 10;
    /** Strings up to this many characters are written in one pass, as ASCII, whatever room is left. */
    private static final int SHORT_STRING = 4096;

    /** The piece being written. */
    private byte[] buf;
    private int pos;
    /** The pieces before {@link #buf}, each filled up to its length in {@link #lengths}; null while there is one. */
    private byte[][] pieces;
    private int[] lengths;
    private int count;
    /** Bytes in the pieces before {@link #buf}. */
    private long before;
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

    /** Makes room for {@code n} bytes in a row in the current piece. */
    private void ensure(int n) {
        if (buf.length - pos < n) {
            grow(n);
        }
    }

    /** Checks that {@code n} more bytes keep the frame within {@link Wire#MAX_FRAME}. */
    private void check(long n) {
        long need = before + pos + n;
        if (need > Wire.MAX_FRAME) {
            throw new IllegalArgumentException("a frame of more than " + need + " bytes exceeds poold's limit of "
                    + Wire.MAX_FRAME + " bytes: fetch fewer rows per batch (setFetchSize) or send smaller values");
        }
    }

    private void grow(int n) {
        check(n);
        long need = before + pos + n;
        if (count == 0 && need <= PIECE) {
            buf = Arrays.copyOf(buf, (int) Math.min(PIECE, Math.max(need, 2L * buf.length)));
            return;
        }
        if (pieces == null) {
            pieces = new byte[8][];
            lengths = new int[8];
        } else if (count == pieces.length) {
            pieces = Arrays.copyOf(pieces, 2 * count);
            lengths = Arrays.copyOf(lengths, 2 * count);
        }
        pieces[count] = buf;
        lengths[count++] = pos;
        before += pos;
        buf = new byte[Math.max(n, PIECE)];
        pos = 0;
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
        check(len);
        while (true) {
            int k = Math.min(len, buf.length - pos); // a large value fills the current piece's rest first
            System.arraycopy(b, off, buf, pos, k);
            pos += k;
            if (k == len) {
                return;
            }
            off += k;
            len -= k;
            grow(Math.min(len, PIECE));
        }
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
        if (n > SHORT_STRING && buf.length - pos < n + 10L) {
            utf8(s); // in pieces, rather than a piece of its own
            return;
        }
        // ASCII (the common case: SQL, tickets, names) is one byte per char: copied as it is
        // checked, in one pass and without a copy of the string; else back and UTF-8.
        ensure(n + 10); // the length and the characters in this piece, so that going back stays in it
        int mark = pos;
        varlong(n + 1L);
        byte[] b = buf;
        int p = pos;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                pos = mark;
                utf8(s);
                return;
            }
            b[p + i] = (byte) c;
        }
        pos = p + n;
    }

    /**
     * A string as UTF-8, straight from its characters (no byte copy of it): its length, then
     * its bytes, in as many pieces as it takes. Unpaired surrogates become {@code '?'}, as
     * {@code String.getBytes(UTF_8)} makes them.
     */
    private void utf8(String s) {
        long length = utf8Length(s);
        check(length + 10);
        varlong(length + 1);
        int n = s.length();
        int i = 0;
        while (i < n) {
            ensure(4);
            byte[] b = buf;
            int p = pos;
            int limit = b.length - 4; // room for the longest character
            while (i < n && p <= limit) {
                char c = s.charAt(i++);
                if (c < 0x80) {
                    b[p++] = (byte) c;
                } else if (c < 0x800) {
                    b[p++] = (byte) (0xC0 | c >> 6);
                    b[p++] = (byte) (0x80 | c & 0x3F);
                } else if (!Character.isSurrogate(c)) {
                    b[p++] = (byte) (0xE0 | c >> 12);
                    b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                    b[p++] = (byte) (0x80 | c & 0x3F);
                } else if (Character.isHighSurrogate(c) && i < n && Character.isLowSurrogate(s.charAt(i))) {
                    int cp = Character.toCodePoint(c, s.charAt(i++));
                    b[p++] = (byte) (0xF0 | cp >> 18);
                    b[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                    b[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                    b[p++] = (byte) (0x80 | cp & 0x3F);
                } else {
                    b[p++] = '?';
                }
            }
            pos = p;
        }
    }

    /** @return how many bytes {@link #utf8} writes for {@code s}'s characters */
    static long utf8Length(String s) {
        int n = s.length();
        long length = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                length += 1;
            } else if (!Character.isSurrogate(c)) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                length += 2; // 4 bytes for 2 characters
                i++;
            } // else an unpaired surrogate: '?', 1 byte
        }
        return length;
    }

    /** @return how many bytes were written, the header included */
    int size() {
        return (int) (before + pos);
    }

    /** Zeroes what was written: a login that is not sent still held a password. */
    void clear() {
        for (int i = 0; i < count; i++) {
            Arrays.fill(pieces[i], (byte) 0);
        }
        Arrays.fill(buf, (byte) 0);
    }

    /** @return the frame as one array; the writer is done with */
    byte[] finish() {
        byte[] frame;
        if (count == 0) {
            frame = Arrays.copyOf(buf, pos);
        } else {
            frame = new byte[size()];
            int at = 0;
            for (int i = 0; i < count; i++) {
                System.arraycopy(pieces[i], 0, frame, at, lengths[i]);
                at += lengths[i];
            }
            System.arraycopy(buf, 0, frame, at, pos);
        }
        recycle();
        return frame;
    }

    /** Writes the frame's length as a 4-byte big-endian int, then the frame, piece by piece; the writer is done with. */
    void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(size());
        for (int i = 0; i < count; i++) {
            out.write(pieces[i], 0, lengths[i]);
        }
        out.write(buf, 0, pos);
        recycle();
    }

    /** Gives the thread its scratch buffer back: only a frame that completed does. */
    private void recycle() {
        byte[] first = count == 0 ? buf : pieces[0];
        if (scratch && first.length <= SCRATCH_MAX) {
            SCRATCH.set(first);
        }
        pieces = null;
        buf = null;
    }
}
