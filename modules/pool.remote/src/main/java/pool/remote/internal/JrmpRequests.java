package pool.remote.internal;

/**
 * Follows what an RMI (JRMP) client sends closely enough to know whether it is between
 * requests, and how many bytes the request in progress has taken: the daemon bounds each
 * request in bytes and time, and the time between requests by the idle timeout.
 *
 * <p>A request ends when the daemon answers it (a call's return, a ping's ack, the
 * protocol ack after the header), or, for what RMI does not answer, when its last byte is
 * read: the endpoint a client sends after the protocol ack, and a distributed-GC ack (its
 * op and a 14-byte UID). Those two are fixed in form, so they are followed byte by byte;
 * a call is counted, not parsed. The connection's first request, its header, is in
 * progress from the start.
 *
 * <p>A call's header (the object it is for, its operation and hash) is read too, for one
 * check: a call to the RMI registry must be a lookup or a list. The JDK's registry lets
 * any caller on the daemon's own host bind, rebind and unbind names, so without it any
 * local account could unbind {@code pools/<name>} or {@code jmxrmi} and leave every client
 * without the daemon; the daemon binds its names by local calls, never over a socket.
 *
 * <p>Used by the one thread that serves the connection (RMI reads and answers on the same
 * thread), so nothing here is synchronized.
 */
final class JrmpRequests {

    /** "JRMI", a 2-byte version, a protocol byte. */
    private static final int HEADER_BYTES = 7;
    private static final int STREAM_PROTOCOL = 0x4B;
    private static final int SINGLE_OP_PROTOCOL = 0x4C;
    private static final int DGC_ACK = 0x54;
    private static final int CALL = 0x50;
    /** A call's serialization stream header: magic and version. */
    private static final byte[] STREAM_HEADER = {(byte) 0xAC, (byte) 0xED, 0x00, 0x05};
    private static final int TC_BLOCKDATA = 0x77;
    private static final int TC_BLOCKDATALONG = 0x7A;
    private static final int TC_RESET = 0x79;
    /** What a call says first, as primitives: the ObjID (long, int, long, short), the op (int), the hash (long). */
    private static final int CALL_HEADER_BYTES = 8 + 4 + 8 + 2 + 4 + 8;
    /** The registry's object number, {@link java.rmi.server.ObjID#REGISTRY_ID}. */
    private static final long REGISTRY = java.rmi.server.ObjID.REGISTRY_ID;
    /** The registry stub's operations (RegistryImpl_Stub numbers them): 1 list, 2 lookup. */
    private static final int OP_LIST = 1;
    private static final int OP_LOOKUP = 2;
    /** The method hashes a call without an operation number (op -1) names lookup and list by. */
    private static final long LOOKUP_HASH = methodHash("lookup(Ljava/lang/String;)Ljava/rmi/Remote;");
    private static final long LIST_HASH = methodHash("list()[Ljava/lang/String;");
    /** A UID: an int, a long, a short. */
    private static final int UID_BYTES = 14;

    private enum State {
        /** The connection's header, read from the first byte on. */
        HEADER,
        /** The header read; the daemon answers it before the client says more. */
        AWAIT_ACK,
        /** The 2-byte length of the client's host name (modified UTF-8). */
        ENDPOINT_LENGTH,
        /** The host name and the 4-byte port. */
        ENDPOINT,
        /** Between messages: the next byte is an op. */
        MESSAGE,
        /** The UID of a distributed-GC ack. */
        DGC_ACK_UID,
        /** A call's serialization stream header. */
        CALL_STREAM,
        /** Between block-data records, before the call header is complete: a record's tag. */
        CALL_BLOCK_TAG,
        /** A long block-data record's 4-byte length. */
        CALL_BLOCK_LENGTH,
        /** Inside a block-data record, before the call header is complete. */
        CALL_HEADER,
        /** A call or a ping, until the daemon answers. */
        CALL
    }

    private State state = State.HEADER;
    private int need = HEADER_BYTES;
    private int length;
    private boolean inRequest = true;
    private int requestBytes;
    private long started = 1;
    /** The call header's bytes read so far, and how many of the current block-data record remain. */
    private final byte[] callHeader = new byte[CALL_HEADER_BYTES];
    private int callHeaderBytes;
    private int blockLeft;
    private String refused;

    /** Takes note of {@code n} bytes the client sent. */
    void read(byte[] b, int off, int n) {
        int i = off;
        int end = off + n;
        while (i < end) {
            if (!inRequest) {
                inRequest = true;
                requestBytes = 0;
                started++;
            }
            switch (state) {
                case HEADER -> {
                    int take = take(end - i);
                    i += take;
                    if (need == 0) {
                        int protocol = b[i - 1] & 0xFF;
                        if (protocol == STREAM_PROTOCOL) {
                            state = State.AWAIT_ACK;
                        } else if (protocol == SINGLE_OP_PROTOCOL) {
                            state = State.MESSAGE; // no ack: one message follows at once
                            done();
                        } else {
                            state = State.CALL; // refused by RMI with a nack
                        }
                    }
                }
                case ENDPOINT_LENGTH -> {
                    length = length << 8 | b[i++] & 0xFF;
                    requestBytes++;
                    if (--need == 0) {
                        state = State.ENDPOINT;
                        need = length + 4;
                    }
                }
                case ENDPOINT, DGC_ACK_UID -> {
                    i += take(end - i);
                    if (need == 0) {
                        state = State.MESSAGE;
                        done();
                    }
                }
                case MESSAGE -> {
                    int op = b[i++] & 0xFF;
                    requestBytes++;
                    if (op == DGC_ACK) {
                        state = State.DGC_ACK_UID;
                        need = UID_BYTES;
                    } else if (op == CALL) {
                        state = State.CALL_STREAM;
                        need = STREAM_HEADER.length;
                    } else {
                        state = State.CALL;
                    }
                }
                case CALL_STREAM -> {
                    if (b[i++] != STREAM_HEADER[STREAM_HEADER.length - need]) {
                        refuse("a call that is no serialization stream");
                        return;
                    }
                    requestBytes++;
                    if (--need == 0) {
                        state = State.CALL_BLOCK_TAG;
                        callHeaderBytes = 0;
                    }
                }
                case CALL_BLOCK_TAG -> {
                    int tag = b[i++] & 0xFF;
                    requestBytes++;
                    if (tag == TC_BLOCKDATA) {
                        state = State.CALL_BLOCK_LENGTH;
                        need = 1;
                        length = 0;
                    } else if (tag == TC_BLOCKDATALONG) {
                        state = State.CALL_BLOCK_LENGTH;
                        need = 4;
                        length = 0;
                    } else if (tag != TC_RESET) {
                        // What RMI would read the header from is missing: it fails the call.
                        refuse("a call without its header");
                        return;
                    }
                }
                case CALL_BLOCK_LENGTH -> {
                    length = length << 8 | b[i++] & 0xFF;
                    requestBytes++;
                    if (--need == 0) {
                        blockLeft = length;
                        state = blockLeft == 0 ? State.CALL_BLOCK_TAG : State.CALL_HEADER;
                    }
                }
                case CALL_HEADER -> {
                    int take = Math.min(Math.min(blockLeft, end - i), CALL_HEADER_BYTES - callHeaderBytes);
                    System.arraycopy(b, i, callHeader, callHeaderBytes, take);
                    i += take;
                    requestBytes += take;
                    callHeaderBytes += take;
                    blockLeft -= take;
                    if (callHeaderBytes == CALL_HEADER_BYTES) {
                        state = State.CALL;
                        String change = registryChange();
                        if (change != null) {
                            refuse(change);
                            return;
                        }
                    } else if (blockLeft == 0) {
                        state = State.CALL_BLOCK_TAG;
                    }
                }
                case AWAIT_ACK, CALL -> {
                    requestBytes += end - i;
                    i = end;
                }
            }
        }
    }

    /** @return what is refused about the call whose header was just read, or null when it may go on */
    private String registryChange() {
        java.nio.ByteBuffer h = java.nio.ByteBuffer.wrap(callHeader);
        long objNum = h.getLong(0);
        if (objNum != REGISTRY) {
            return null;
        }
        int op = h.getInt(22);
        long hash = h.getLong(26);
        if (op == OP_LIST || op == OP_LOOKUP || op < 0 && (hash == LOOKUP_HASH || hash == LIST_HASH)) {
            return null;
        }
        return "a call to the RMI registry other than lookup and list (bind, rebind and unbind are the daemon's own)";
    }

    private void refuse(String why) {
        refused = why;
        state = State.CALL;
    }

    /** @return why the connection must be closed, or null while what the client sent may be served */
    String refused() {
        return refused;
    }

    /** RMI's hash of a method (java.rmi.server.RemoteRef#invoke): SHA-1 of its name and descriptor, first 8 bytes little-endian. */
    private static long methodHash(String nameAndDescriptor) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            new java.io.DataOutputStream(bytes).writeUTF(nameAndDescriptor);
            byte[] sha = java.security.MessageDigest.getInstance("SHA-1").digest(bytes.toByteArray());
            long hash = 0;
            for (int k = 0; k < 8; k++) {
                hash |= (long) (sha[k] & 0xFF) << (k * 8);
            }
            return hash;
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private int take(int available) {
        int take = Math.min(need, available);
        need -= take;
        requestBytes += take;
        return take;
    }

    private void done() {
        inRequest = false;
        requestBytes = 0;
    }

    /** The daemon wrote to the client: it answered the request in progress. */
    void replied() {
        if (state == State.AWAIT_ACK) {
            state = State.ENDPOINT_LENGTH;
            need = 2;
            length = 0;
        } else if (state == State.CALL) {
            state = State.MESSAGE;
        }
        done();
    }

    /** @return whether a request has begun and the daemon has neither answered it nor read its end */
    boolean inRequest() {
        return inRequest;
    }

    /** @return the bytes of the request in progress read so far; 0 between requests */
    int requestBytes() {
        return requestBytes;
    }

    /** @return how many requests have begun: a change tells that a new one did */
    long started() {
        return started;
    }
}
