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
 * <p>Used by the one thread that serves the connection (RMI reads and answers on the same
 * thread), so nothing here is synchronized.
 */
final class JrmpRequests {

    /** "JRMI", a 2-byte version, a protocol byte. */
    private static final int HEADER_BYTES = 7;
    private static final int STREAM_PROTOCOL = 0x4B;
    private static final int SINGLE_OP_PROTOCOL = 0x4C;
    private static final int DGC_ACK = 0x54;
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
        /** A call or a ping, until the daemon answers. */
        CALL
    }

    private State state = State.HEADER;
    private int need = HEADER_BYTES;
    private int length;
    private boolean inRequest = true;
    private int requestBytes;
    private long started = 1;

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
                    } else {
                        state = State.CALL;
                    }
                }
                case AWAIT_ACK, CALL -> {
                    requestBytes += end - i;
                    i = end;
                }
            }
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
