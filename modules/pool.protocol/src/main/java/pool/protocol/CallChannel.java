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
 * frame preceded by its length as a 4-byte big-endian int.
 *
 * <p>Why not RMI for calls: RMI writes every call on a fresh object stream and, on
 * loopback, pings a pooled connection before every reuse (its measured round-trip time
 * is 0 ms, so the "recently used" shortcut never applies): two round trips and two object
 * streams per call. A channel call is one write and one read of the frame itself.
 *
 * <p>Nothing larger than a hello ({@link #MAX_HELLO_FIELD} bytes a field) is read from a
 * connection before its ticket is known, so a peer without credentials cannot make the
 * daemon allocate more than that.
 */
public final class CallChannel {

    /** The first four bytes of a call channel: "PLDC". RMI's connections start with "JRMI". */
    public static final int MAGIC = 0x504C4443;

    /** Longest pool name or ticket a hello may carry, in bytes of UTF-8. */
    public static final int MAX_HELLO_FIELD = 1024;

    /** What a client said when it opened a channel. */
    public record Hello(int version, String pool, String ticket) {
    }

    private CallChannel() {
    }

    /** Writes the opening of a channel (not flushed). */
    public static void writeHello(DataOutputStream out, String pool, String ticket) throws IOException {
        out.writeInt(MAGIC);
        out.writeByte(Protocol.VERSION);
        field(out, pool);
        field(out, ticket);
    }

    private static void field(DataOutputStream out, String value) throws IOException {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        if (b.length > MAX_HELLO_FIELD) {
            throw new IllegalArgumentException("longer than " + MAX_HELLO_FIELD + " bytes: " + b.length);
        }
        out.writeShort(b.length);
        out.write(b);
    }

    /**
     * Reads a hello after its {@link #MAGIC}, which the caller has read to tell it from RMI.
     *
     * @throws WireException when a field is longer than {@link #MAX_HELLO_FIELD} or not UTF-8
     */
    public static Hello readHello(DataInputStream in) throws IOException {
        int version = in.readUnsignedByte();
        return new Hello(version, field(in, "pool name"), field(in, "ticket"));
    }

    private static String field(DataInputStream in, String what) throws IOException {
        int n = in.readUnsignedShort();
        if (n > MAX_HELLO_FIELD) {
            throw new WireException("hello's " + what + " is " + n + " bytes, limit " + MAX_HELLO_FIELD);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new WireException("hello's " + what + " is not UTF-8");
        }
    }

    /** Writes one frame with its length (not flushed). */
    public static void writeFrame(DataOutputStream out, byte[] frame) throws IOException {
        out.writeInt(frame.length);
        out.write(frame);
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
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int length = (first << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedShort());
        if (length < 0 || length > limit) {
            throw new WireException("frame of " + Integer.toUnsignedString(length) + " bytes, limit " + limit);
        }
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
