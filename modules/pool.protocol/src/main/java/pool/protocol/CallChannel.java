package pool.protocol;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The call channel: how calls and replies travel once a client has logged in over RMI.
 *
 * <p>A client opens a plain TCP (or TLS) connection to the daemon's registry port, the
 * same port as RMI's, and starts it with {@link #MAGIC} instead of RMI's {@code JRMI};
 * the daemon sorts connections by those four bytes. Then a hello (the protocol version,
 * the pool's name and a login ticket), answered with a {@link LoginReply} frame whose
 * error is null when the channel is open. From then on the connection carries
 * {@link Call} frames, each answered by one {@link Reply} frame, strictly in turn, every
 * frame preceded by its length as a 4-byte big-endian int. The calls run under the
 * hello's ticket; they carry none of their own.
 *
 * <p>Why not RMI for calls: RMI writes every call on a fresh object stream and, on
 * loopback, pings a pooled connection before every reuse (its measured round-trip time
 * is 0 ms, so the "recently used" shortcut never applies): two round trips and two object
 * streams per call. A channel call is one write and one read of the frame itself.
 *
 * <p>Nothing larger than a hello (at most {@link #MAX_HELLO_BYTES}) is read from a
 * connection before its ticket is known, so a peer without credentials cannot make the
 * daemon allocate more than that. {@link #readHello} reads exactly the hello's bytes and
 * nothing beyond, so the daemon can read it from an unbuffered stream.
 */
public final class CallChannel {

    /** The first four bytes of a call channel: "PLDC". RMI's connections start with "JRMI". */
    public static final int MAGIC = 0x504C4443;

    /** Longest pool name a hello may carry, in bytes of UTF-8. */
    public static final int MAX_HELLO_FIELD = 1024;

    /** Longest ticket a hello may carry; a valid one is {@link Protocol#TICKET_BYTES}. */
    public static final int MAX_HELLO_TICKET = 64;

    /** The most bytes a hello takes, magic included. */
    public static final int MAX_HELLO_BYTES = 4 + 1 + 2 + MAX_HELLO_FIELD + 1 + MAX_HELLO_TICKET;

    /** What a client said when it opened a channel. */
    public record Hello(int version, String pool, byte[] ticket) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Hello h && version == h.version && pool.equals(h.pool)
                    && java.util.Arrays.equals(ticket, h.ticket);
        }

        @Override
        public int hashCode() {
            return (version * 31 + pool.hashCode()) * 31 + java.util.Arrays.hashCode(ticket);
        }

        @Override
        public String toString() {
            return "Hello[version=" + version + ", pool=" + pool + "]"; // never the ticket
        }
    }

    private CallChannel() {
    }

    /** Writes the opening of a channel (not flushed). */
    public static void writeHello(DataOutputStream out, String pool, byte[] ticket) throws IOException {
        byte[] name = pool.getBytes(StandardCharsets.UTF_8);
        if (name.length > MAX_HELLO_FIELD) {
            throw new IllegalArgumentException("pool name longer than " + MAX_HELLO_FIELD + " bytes: " + name.length);
        }
        if (ticket.length > MAX_HELLO_TICKET) {
            throw new IllegalArgumentException("ticket longer than " + MAX_HELLO_TICKET + " bytes: " + ticket.length);
        }
        out.writeInt(MAGIC);
        out.writeByte(Protocol.VERSION);
        out.writeShort(name.length);
        out.write(name);
        out.writeByte(ticket.length);
        out.write(ticket);
    }

    /**
     * Reads a hello after its {@link #MAGIC}, which the caller has read to tell it from RMI.
     *
     * @throws WireException when the pool name is longer than {@link #MAX_HELLO_FIELD} or not
     *                       UTF-8, or the ticket longer than {@link #MAX_HELLO_TICKET}
     */
    public static Hello readHello(DataInputStream in) throws IOException {
        int version = in.readUnsignedByte();
        int n = in.readUnsignedShort();
        if (n > MAX_HELLO_FIELD) {
            throw new WireException("hello's pool name is " + n + " bytes, limit " + MAX_HELLO_FIELD);
        }
        byte[] name = new byte[n];
        in.readFully(name);
        String pool;
        try {
            pool = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(name)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new WireException("hello's pool name is not UTF-8");
        }
        int t = in.readUnsignedByte();
        if (t > MAX_HELLO_TICKET) {
            throw new WireException("hello's ticket is " + t + " bytes, limit " + MAX_HELLO_TICKET);
        }
        byte[] ticket = new byte[t];
        in.readFully(ticket);
        return new Hello(version, pool, ticket);
    }

    /** Writes one frame with its length (not flushed). */
    public static void writeFrame(DataOutputStream out, byte[] frame) throws IOException {
        out.writeInt(frame.length);
        out.write(frame);
    }

    /** Writes one frame with its length (not flushed), a large one piece by piece: see {@link Frame}. */
    public static void writeFrame(DataOutputStream out, Frame frame) throws IOException {
        frame.writeTo(out);
    }

    /**
     * Reads one frame.
     *
     * @param limit the largest frame accepted
     * @return the frame, or null when the peer closed the channel before a new frame began
     * @throws WireException when the announced length is negative or over {@code limit}
     * @throws EOFException  when the peer closed the channel inside a frame
     */
    public static byte[] readFrame(DataInputStream in, int limit) throws IOException {
        int length = readLength(in, limit);
        return length < 0 ? null : readBody(in, length);
    }

    /**
     * Reads the length that starts a frame, so that the reader may decide whether to read the
     * frame before it is in memory; {@link #readBody} reads the rest.
     *
     * @return the frame's length, or -1 when the peer closed the channel before a new frame began
     * @throws WireException when the announced length is negative or over {@code limit}
     */
    public static int readLength(DataInputStream in, int limit) throws IOException {
        int first = in.read();
        if (first < 0) {
            return -1;
        }
        int length = (first << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedShort());
        if (length < 0 || length > limit) {
            throw new WireException("frame of " + Integer.toUnsignedString(length) + " bytes, limit " + limit);
        }
        return length;
    }

    /**
     * Reads the body of a frame whose length {@link #readLength} read.
     *
     * @throws EOFException when the peer closed the channel inside the frame
     */
    public static byte[] readBody(DataInputStream in, int length) throws IOException {
        if (length <= 1 << 20) {
            byte[] frame = new byte[length];
            in.readFully(frame);
            return frame;
        }
        // A large frame grows as its bytes arrive: announcing one costs the peer the bytes too.
        byte[] frame = in.readNBytes(length);
        if (frame.length < length) {
            throw new EOFException("frame ended after " + frame.length + " of " + length + " bytes");
        }
        return frame;
    }
}
