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

    /** A call as RMI writes it to an object other than the registry, padded to {@code bytes}. */
    private static byte[] call(int bytes) {
        byte[] head = callHeader(4711, 0, -1, 0x1234_5678_9ABCL);
        return java.util.Arrays.copyOf(head, Math.max(bytes, head.length));
    }

    /**
     * What a JRMP call starts with: the call op, a serialization stream header, one
     * block-data record of the object number, its UID (zero for well-known objects), the
     * operation number and the hash.
     */
    private static byte[] callHeader(long objNum, int uniqueOfUid, int op, long hash) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1 + 4 + 2 + 34);
        b.put((byte) 0x50).put(new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5}).put((byte) 0x77).put((byte) 34);
        b.putLong(objNum).putInt(uniqueOfUid).putLong(0).putShort((short) 0).putInt(op).putLong(hash);
        return b.array();
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
        b.writeBytes(call(60));
        byte[] all = b.toByteArray();
        long started = r.started();
        r.read(all, 0, all.length);
        assertTrue(r.inRequest());
        assertEquals(60, r.requestBytes(), "only the call's bytes count against the call");
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

    private static final long REGISTRY_INTERFACE_HASH = 4905912898345647071L;

    private static JrmpRequests opened() {
        JrmpRequests r = new JrmpRequests();
        r.read(header(0x4B), 0, 7);
        r.replied();
        byte[] e;
        try {
            e = endpoint("client", 1);
        } catch (IOException x) {
            throw new AssertionError(x);
        }
        r.read(e, 0, e.length);
        return r;
    }

    @Test
    void registryLookupsAndListsGoOnAndEveryOtherRegistryCallIsRefused() {
        for (boolean oneByOne : new boolean[] {false, true}) {
            for (int op : new int[] {1, 2}) { // list, lookup
                JrmpRequests r = opened();
                feed(r, callHeader(0, 0, op, REGISTRY_INTERFACE_HASH), oneByOne);
                assertEquals(null, r.refused());
            }
            for (int op : new int[] {0, 3, 4, 5, 17}) { // bind, rebind, unbind, and no operation the stub has
                JrmpRequests r = opened();
                feed(r, callHeader(0, 0, op, REGISTRY_INTERFACE_HASH), oneByOne);
                assertTrue(r.refused() != null && r.refused().contains("registry"), "op " + op);
            }
        }
    }

    @Test
    void aRegistryCallByMethodHashMayOnlyNameLookupOrList() throws Exception {
        JrmpRequests lookup = opened();
        feed(lookup, callHeader(0, 0, -1, hash("lookup(Ljava/lang/String;)Ljava/rmi/Remote;")), false);
        assertEquals(null, lookup.refused());
        JrmpRequests list = opened();
        feed(list, callHeader(0, 0, -1, hash("list()[Ljava/lang/String;")), false);
        assertEquals(null, list.refused());
        JrmpRequests unbind = opened();
        feed(unbind, callHeader(0, 0, -1, hash("unbind(Ljava/lang/String;)V")), false);
        assertTrue(unbind.refused() != null);
    }

    @Test
    void aRegistryHeaderSplitOverBlockRecordsAndResetsIsStillRead() {
        byte[] plain = callHeader(0, 0, 4, REGISTRY_INTERFACE_HASH); // unbind
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x50);
        b.writeBytes(new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5});
        for (int i = 7; i < plain.length; i++) {
            b.write(0x79); // a reset between records: serialization skips it
            b.writeBytes(new byte[] {0x7A, 0, 0, 0, 1}); // a long record of one byte
            b.write(plain[i]);
            b.writeBytes(new byte[] {0x77, 0}); // an empty record
        }
        JrmpRequests r = opened();
        feed(r, b.toByteArray(), false);
        assertTrue(r.refused() != null);
    }

    @Test
    void aCallToAnotherObjectAndPingsAreNotInspected() {
        JrmpRequests r = opened();
        feed(r, callHeader(-2_000_000_000_000L, 7, 4, REGISTRY_INTERFACE_HASH), false);
        assertEquals(null, r.refused(), "operation 4 of another object is that object's business");
        r.replied();
        r.read(new byte[] {0x52}, 0, 1); // ping
        assertEquals(null, r.refused());
    }

    @Test
    void aCallThatIsNoSerializationStreamIsRefused() {
        JrmpRequests r = opened();
        r.read(new byte[] {0x50, 0x41, 0x41}, 0, 3);
        assertTrue(r.refused() != null);
    }

    private static long hash(String nameAndDescriptor) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new DataOutputStream(bytes).writeUTF(nameAndDescriptor);
        byte[] sha = java.security.MessageDigest.getInstance("SHA-1").digest(bytes.toByteArray());
        return java.nio.ByteBuffer.wrap(sha, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
