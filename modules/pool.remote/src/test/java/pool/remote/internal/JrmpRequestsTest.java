package pool.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class JrmpRequestsTest {

    private static byte[] header(int protocol) {
        return new byte[] {'J', 'R', 'M', 'I', 0, 2, (byte) protocol};
    }

    private static byte[] endpoint(String host, int port) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeUTF(host);
        out.writeInt(port);
        return b.toByteArray();
    }

    private static byte[] dgcAck() {
        byte[] b = new byte[15];
        b[0] = 0x54;
        return b;
    }

    private static byte[] call(int bytes) {
        byte[] b = new byte[bytes];
        b[0] = 0x50;
        return b;
    }

    private static void feed(JrmpRequests r, byte[] bytes, boolean oneByOne) {
        if (oneByOne) {
            for (int i = 0; i < bytes.length; i++) {
                r.read(bytes, i, 1);
            }
        } else {
            r.read(bytes, 0, bytes.length);
        }
    }

    @Test
    void aConnectionIsInItsFirstRequestFromTheStartUntilTheHeaderIsAnswered() {
        JrmpRequests r = new JrmpRequests();
        assertTrue(r.inRequest(), "the header is due from the accept on");
        r.read(header(0x4B), 0, 7);
        assertTrue(r.inRequest());
        assertEquals(7, r.requestBytes());
        r.replied(); // the protocol ack
        assertFalse(r.inRequest());
        assertEquals(0, r.requestBytes());
    }

    @Test
    void whatRmiDoesNotAnswerEndsWithItsLastByte() throws IOException {
        for (boolean oneByOne : new boolean[] {false, true}) {
            JrmpRequests r = new JrmpRequests();
            feed(r, header(0x4B), oneByOne);
            r.replied();
            long started = r.started();
            feed(r, endpoint("10.1.2.3", 54321), oneByOne);
            assertFalse(r.inRequest(), "the client's endpoint gets no answer: ended by its last byte");
            assertEquals(started + 1, r.started());
            feed(r, dgcAck(), oneByOne);
            assertFalse(r.inRequest(), "a distributed-GC ack gets no answer either");
            assertEquals(started + 2, r.started());
            feed(r, call(300), oneByOne);
            assertTrue(r.inRequest(), "a call is in progress until it is answered");
            assertEquals(300, r.requestBytes());
            r.replied();
            assertFalse(r.inRequest());
        }
    }

    @Test
    void severalMessagesInOneReadAreFollowedOneByOne() throws IOException {
        JrmpRequests r = new JrmpRequests();
        r.read(header(0x4B), 0, 7);
        r.replied();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(endpoint("client", 1));
        b.writeBytes(dgcAck());
        b.writeBytes(call(40));
        byte[] all = b.toByteArray();
        long started = r.started();
        r.read(all, 0, all.length);
        assertTrue(r.inRequest());
        assertEquals(40, r.requestBytes(), "only the call's bytes count against the call");
        assertEquals(started + 3, r.started());
    }

    @Test
    void aCallCountsEveryByteUntilItIsAnsweredWhateverItSays() {
        JrmpRequests r = new JrmpRequests();
        r.read(header(0x4C), 0, 7); // single-op: no ack, one message follows
        assertFalse(r.inRequest());
        byte[] huge = call(64 << 10);
        huge[100] = 0x54; // looks like a DGC ack, but it is inside a call
        r.read(huge, 0, huge.length);
        assertEquals(64 << 10, r.requestBytes());
    }
}
