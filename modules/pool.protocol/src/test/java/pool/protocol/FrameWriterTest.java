package pool.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Frames beyond one array's {@link FrameWriter#PIECE} are written in pieces, and whatever
 * falls on a piece's edge comes out as the format says, the same whether the frame is
 * written to a stream or made an array.
 */
class FrameWriterTest {

    private static final int HEADER = 2;

    /** @return what {@code w} writes to a stream, without the 4-byte length, after checking that length */
    private static byte[] written(FrameWriter w) throws Exception {
        int size = w.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        w.writeTo(new DataOutputStream(out));
        byte[] b = out.toByteArray();
        assertEquals(size, ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF));
        assertEquals(size + 4, b.length);
        return Arrays.copyOfRange(b, 4, b.length);
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A frame of {@code parts}' bytes, each written with {@link FrameWriter#bytes}. */
    private static FrameWriter frameOf(byte[]... parts) {
        FrameWriter w = FrameWriter.reusing(4);
        for (byte[] p : parts) {
            w.bytes(p, 0, p.length);
        }
        return w;
    }

    private static byte[] expected(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(Protocol.VERSION);
        b.write(4);
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    @Test
    void aFrameOfExactlyOnePieceAndOneOfAByteMoreComeOutWhole() throws Exception {
        for (int size : new int[] {FrameWriter.PIECE - 1, FrameWriter.PIECE, FrameWriter.PIECE + 1}) {
            byte[] body = bytes(size - HEADER, size);
            assertArrayEquals(expected(body), written(frameOf(body)), "written, " + size + " bytes");
            assertArrayEquals(expected(body), frameOf(body).finish(), "as an array, " + size + " bytes");
        }
    }

    @Test
    void valuesLargerThanAPieceSpanPiecesInEveryOrder() throws Exception {
        byte[] small = bytes(1000, 1);
        byte[] large = bytes(3 * FrameWriter.PIECE + 17, 2);
        byte[] edge = bytes(FrameWriter.PIECE - HEADER - small.length, 3); // fills the first piece to its last byte
        byte[][][] orders = {{large}, {small, large, small}, {small, edge, large}, {large, large, small},
                {edge, small}, {small, edge, small, large}};
        for (byte[][] parts : orders) {
            assertArrayEquals(expected(parts), written(frameOf(parts)));
            assertArrayEquals(expected(parts), frameOf(parts).finish());
        }
    }

    @Test
    void stringsOnAPiecesEdgeAreTheirUtf8() throws Exception {
        String unit = "Grüße, 日本語, 𝄞 and ASCII; ";
        String text = unit.repeat(FrameWriter.PIECE / unit.length() / 2); // about a piece of UTF-8
        String lone = "a\uD800b\uDC00c" + "x".repeat(5000) + "\uD834"; // unpaired surrogates become '?'
        String ascii = "plain ".repeat(300_000);
        for (String s : List.of(text, lone, ascii, "ü".repeat(4097), "日".repeat(100))) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            assertEquals(utf8.length, FrameWriter.utf8Length(s));
            // Every offset of the string in the last few bytes of the first piece, and well inside it.
            for (int pad = FrameWriter.PIECE - HEADER - 12; pad <= FrameWriter.PIECE - HEADER; pad++) {
                byte[] padding = new byte[pad];
                FrameWriter w = frameOf(padding);
                w.string(s);
                w.u8(0x5A);
                byte[] frame = written(w);
                assertArrayEquals(expected(padding, varint(utf8.length + 1L), utf8, new byte[] {0x5A}), frame,
                        "a string of " + s.length() + " characters after " + pad + " bytes");
            }
        }
    }

    private static byte[] varint(long v) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while ((v & ~0x7FL) != 0) {
            b.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        b.write((int) v);
        return b.toByteArray();
    }

    @Test
    void aReplyOfLargeRowsIsTheSameFrameWrittenOrAsAnArray() throws Exception {
        Object[][] rows = new Object[3][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = new Object[] {r, bytes(2 * FrameWriter.PIECE + r, r), "Grüße ".repeat(200_000 + r),
                    "ascii ".repeat(250_000 + r)};
        }
        Reply reply = new Reply(7, null, List.of(new Result.Fetched(new Rows(null, rows, true))), null);
        byte[] array = Wire.encode(reply);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Frame frame = Wire.frame(reply);
        assertEquals(array.length, frame.length());
        CallChannel.writeFrame(new DataOutputStream(out), frame);
        byte[] sent = out.toByteArray();
        assertArrayEquals(array, Arrays.copyOfRange(sent, 4, sent.length));
        WireSamples.assertDeepEquals(reply, Wire.decodeReply(array), "reply");
        assertThrows(IllegalStateException.class, () -> frame.writeTo(new DataOutputStream(new ByteArrayOutputStream())),
                "a frame is written once: its buffer may be the next frame's");
    }

    @Test
    void smallFramesWrittenOneAfterAnotherOnAThreadStayIntact() throws Exception {
        // The thread's scratch buffer goes from one frame to the next: each must be whole when written.
        for (int i = 0; i < 5; i++) {
            Reply reply = new Reply(i, null, List.of(new Result.Value("value " + i + " ü")), null);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Wire.frame(reply).writeTo(new DataOutputStream(out));
            byte[] sent = out.toByteArray();
            WireSamples.assertDeepEquals(reply, Wire.decodeReply(Arrays.copyOfRange(sent, 4, sent.length)), "reply " + i);
        }
    }
}
