package pool.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class CallChannelTest {

    private static DataInputStream in(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }

    @Test
    void framesAndHellosRoundTrip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        byte[] ticket = {1, 2, 3, -4};
        CallChannel.writeHello(out, "ördërs", ticket);
        CallChannel.writeFrame(out, new byte[] {1, 2, 3});
        CallChannel.writeFrame(out, new byte[0]);
        DataInputStream in = in(bytes.toByteArray());
        assertEquals(CallChannel.MAGIC, in.readInt());
        assertEquals(new CallChannel.Hello(Protocol.VERSION, "ördërs", ticket), CallChannel.readHello(in));
        assertArrayEquals(new byte[] {1, 2, 3}, CallChannel.readFrame(in, 10));
        assertArrayEquals(new byte[0], CallChannel.readFrame(in, 10));
        assertNull(CallChannel.readFrame(in, 10), "the end between frames is a clean close");
    }

    @Test
    void aHelloIsReadToItsLastByteAndNoFurther() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        CallChannel.writeHello(out, "orders", new byte[Protocol.TICKET_BYTES]);
        out.writeByte(42);
        DataInputStream in = in(bytes.toByteArray());
        in.readInt();
        CallChannel.readHello(in);
        assertEquals(42, in.read(), "what follows the hello is left for whoever reads the channel next");
        assertTrue(bytes.size() - 1 <= CallChannel.MAX_HELLO_BYTES);
    }

    @Test
    void aFrameIsReadLengthFirstThenItsBody() throws IOException {
        DataInputStream in = in(new byte[] {0, 0, 0, 2, 7, 8});
        assertEquals(2, CallChannel.readLength(in, 10));
        assertArrayEquals(new byte[] {7, 8}, CallChannel.readBody(in, 2));
        assertEquals(-1, CallChannel.readLength(in, 10));
    }

    @Test
    void lengthsBeyondTheLimitOrNegativeAreRefusedUnread() {
        WireException over = assertThrows(WireException.class, () -> CallChannel.readFrame(in(new byte[] {0, 0, 0, 11}), 10));
        assertTrue(over.getMessage().contains("frame of 11 bytes, limit 10"), over.getMessage());
        assertThrows(WireException.class, () -> CallChannel.readFrame(in(new byte[] {(byte) 0x80, 0, 0, 0}), 10));
    }

    @Test
    void aLargeFrameThatStopsShortIsAnEndOfStreamNotAnAllocation() {
        byte[] announced = {0x0F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1, 2, 3}; // 256 MiB - 1 announced, 3 sent
        EOFException e = assertThrows(EOFException.class, () -> CallChannel.readFrame(in(announced), Wire.MAX_FRAME));
        assertTrue(e.getMessage().contains("after 3 of"), e.getMessage());
        assertThrows(EOFException.class, () -> CallChannel.readFrame(in(new byte[] {0, 0, 0, 5, 1}), 10));
    }

    @Test
    void helloFieldsAreBoundedAndMustBeUtf8() throws IOException {
        WireException longName = assertThrows(WireException.class,
                () -> CallChannel.readHello(in(new byte[] {3, (byte) 0xFF, (byte) 0xFF})));
        assertTrue(longName.getMessage().contains("hello's pool name is 65535 bytes, limit 1024"), longName.getMessage());
        WireException notUtf8 = assertThrows(WireException.class,
                () -> CallChannel.readHello(in(new byte[] {3, 0, 1, (byte) 0xC3, 0})));
        assertTrue(notUtf8.getMessage().contains("not UTF-8"), notUtf8.getMessage());
        WireException longTicket = assertThrows(WireException.class,
                () -> CallChannel.readHello(in(new byte[] {3, 0, 1, 'a', (byte) 0xFF})));
        assertTrue(longTicket.getMessage().contains("hello's ticket is 255 bytes, limit 64"), longTicket.getMessage());
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        assertThrows(IllegalArgumentException.class,
                () -> CallChannel.writeHello(new DataOutputStream(sink), "x".repeat(1025), new byte[1]));
        assertThrows(IllegalArgumentException.class,
                () -> CallChannel.writeHello(new DataOutputStream(sink), "x", new byte[65]));
    }
}
