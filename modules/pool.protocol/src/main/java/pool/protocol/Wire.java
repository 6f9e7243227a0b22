package pool.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import pool.api.Intent;
import pool.api.Priority;

/**
 * The binary frames of poold's remote protocol: encodes and strictly decodes logins, login
 * replies, calls and replies. The frames' fields are written here; their operations
 * ({@code OpCodec}), results ({@code ResultCodec}), error chains ({@code ErrorCodec}) and
 * values ({@code ValueCodec}, with the tags of {@link ValueTypes}) by a codec each, through
 * {@code FrameWriter} and {@code FrameReader}. The format, its tag tables and its limits are
 * specified in {@code docs/protocol.md}; a change to what these classes write or accept
 * changes {@link Protocol#VERSION}.
 */
public final class Wire {

    /** The largest frame either side encodes or decodes: 256 MiB. */
    public static final int MAX_FRAME = 256 << 20;
    /** Deepest nesting of arrays inside one value. */
    public static final int MAX_NESTING = 16;
    /** Longest {@link SqlError} chain a frame may carry. */
    public static final int MAX_CHAIN = 64;
    /** Largest magnitude of a {@code BigInteger} or a {@code BigDecimal}'s unscaled value: 64 KiB (157,826 digits). */
    public static final int MAX_MAGNITUDE_BYTES = 1 << 16;
    /**
     * Most objects (values, rows, operations, strings of lists) one call or login frame may
     * make the daemon allocate, whatever the frame's size: as many as the serialization
     * filter's reference limit admitted before this format. Replies, which the client reads
     * from the daemon it logged in to, are bounded by their size only.
     */
    public static final int MAX_CALL_OBJECTS = 5_000_000;
    /**
     * What one decoded object of a call costs the heap at most, as a decoder's allowance is
     * asked for it ({@link #decodeCall(byte[], java.util.function.LongPredicate)}): a boxed or
     * date-time value, a {@code SqlNull}, an operation's record, with the reference that holds
     * it. Strings' and byte arrays' contents come on top, at most about the frame's size again.
     */
    public static final int HEAP_BYTES_PER_OBJECT = 48;

    // Frame kinds: the second byte of every frame.
    private static final int LOGIN = 1;
    private static final int LOGIN_REPLY = 2;
    private static final int CALL = 3;
    private static final int REPLY = 4;
    /** The frame kinds' names, by kind, for errors. */
    static final String[] KIND_NAMES = {"?", "login", "login reply", "call", "reply"};

    // The enums' codes: their order here is the wire's, whatever order the enums declare.
    private static final Intent[] INTENTS = {Intent.READ_WRITE, Intent.READ_ONLY};
    private static final Priority[] PRIORITIES = {Priority.HIGH, Priority.NORMAL, Priority.LOW};

    private Wire() {
    }

    /**
     * @return {@code request} as a login frame
     * @throws IllegalArgumentException when the frame would exceed {@link Protocol#MAX_LOGIN_FRAME}
     *         (an overlong user name, password or tenant), or the previous ticket is not a ticket
     */
    public static byte[] encode(LoginRequest request) {
        FrameWriter o = new FrameWriter(64, LOGIN);
        o.string(request.user());
        char[] password = request.password();
        o.length(password.length);
        for (char c : password) {
            o.u16(c);
        }
        o.string(request.tenant());
        o.ticket(request.previousTicket());
        o.string(request.zone());
        if (o.size() > Protocol.MAX_LOGIN_FRAME) {
            o.clear();
            throw new IllegalArgumentException("a login of " + o.size() + " bytes exceeds poold's limit of "
                    + Protocol.MAX_LOGIN_FRAME + " bytes: use a shorter user name, password or tenant");
        }
        return o.finish();
    }

    /**
     * Decodes a login frame. The caller clears {@code frame} afterwards: it holds the password.
     *
     * @throws WireException when the frame is not a well-formed login of this protocol version
     */
    public static LoginRequest decodeLogin(byte[] frame) throws WireException {
        if (frame != null && frame.length > Protocol.MAX_LOGIN_FRAME) {
            throw new WireException("login frame of " + frame.length + " bytes exceeds the limit of "
                    + Protocol.MAX_LOGIN_FRAME);
        }
        FrameReader in = new FrameReader(frame, LOGIN, MAX_CALL_OBJECTS);
        try {
            String user = in.requiredString("user");
            int n = in.length("password", 2);
            char[] password = new char[n];
            try {
                for (int i = 0; i < n; i++) {
                    password[i] = (char) in.u16();
                }
                String tenant = in.string();
                byte[] previous = in.ticket("previous ticket");
                String zone = in.string();
                if (zone != null) {
                    ValueCodec.zone(in, zone);
                }
                in.end();
                return new LoginRequest(Protocol.VERSION, user, password, tenant, previous, zone);
            } catch (WireException | RuntimeException e) {
                Arrays.fill(password, '\0');
                throw e;
            }
        } catch (RuntimeException e) {
            throw in.invalid(e);
        }
    }

    /** @return {@code reply} as a login reply frame */
    public static byte[] encode(LoginReply reply) {
        FrameWriter o = new FrameWriter(96, LOGIN_REPLY);
        o.ticket(reply.ticket());
        o.slong(reply.leaseMillis());
        o.slong(reply.ticketLifetimeMillis());
        o.sint(reply.maxChannels());
        o.sint(reply.maxCallBytes());
        ErrorCodec.error(o, reply.error());
        return o.finish();
    }

    /** @throws WireException when the frame is not a well-formed login reply of this protocol version */
    public static LoginReply decodeLoginReply(byte[] frame) throws WireException {
        FrameReader in = new FrameReader(frame, LOGIN_REPLY, Long.MAX_VALUE);
        try {
            byte[] ticket = in.ticket("ticket");
            long lease = in.slong();
            long lifetime = in.slong();
            int maxChannels = in.sint();
            int maxCallBytes = in.sint();
            SqlError error = ErrorCodec.error(in);
            in.end();
            return new LoginReply(ticket, lease, lifetime, maxChannels, maxCallBytes, error);
        } catch (RuntimeException e) {
            throw in.invalid(e);
        }
    }

    /**
     * @return {@code call} as a frame
     * @throws IllegalArgumentException when a parameter is of a type the format does not carry,
     *         or the frame would exceed {@link #MAX_FRAME}
     */
    public static byte[] encode(Call call) {
        FrameWriter o = FrameWriter.reusing(CALL);
        o.i64(call.session());
        o.i64(call.handle());
        Borrow b = call.borrow();
        int released = call.releasedCount();
        o.u8((b != null ? 1 : 0) | (call.releaseWhenIdle() ? 2 : 0) | (released > 0 ? 4 : 0));
        if (b != null) {
            o.code(INTENTS, b.intent());
            o.code(PRIORITIES, b.priority());
            o.slong(b.timeoutMillis());
        }
        if (released > 0) {
            o.length(released);
            for (int i = 0; i < released; i++) {
                o.i64(call.released(i));
            }
        }
        List<Op> ops = call.ops();
        o.length(ops.size());
        for (Op op : ops) {
            OpCodec.op(o, op);
        }
        return o.finish();
    }

    /** @throws WireException when the frame is not a well-formed call of this protocol version */
    public static Call decodeCall(byte[] frame) throws WireException {
        return decodeCall(frame, null);
    }

    /**
     * Decodes a call, asking {@code allowance} for the heap ({@link #HEAP_BYTES_PER_OBJECT}
     * per object) of every further thousand-odd objects before it makes them: a frame of a few
     * bytes per value decodes to many times its size, which a receiver with many calls in
     * flight must be able to refuse.
     *
     * @param allowance given the bytes asked for, whether they may be spent; null asks nothing
     * @throws WireException when the frame is not a well-formed call of this protocol version,
     *                       or {@code allowance} refused
     */
    public static Call decodeCall(byte[] frame, java.util.function.LongPredicate allowance) throws WireException {
        FrameReader in = new FrameReader(frame, CALL, MAX_CALL_OBJECTS, allowance);
        try {
            long session = in.i64();
            long handle = in.i64();
            int flags = in.flags("call", 3);
            Borrow borrow = null;
            if ((flags & 1) != 0) {
                borrow = new Borrow(in.code(INTENTS, "intent"), in.code(PRIORITIES, "priority"), in.slong());
            }
            long[] released = null;
            if ((flags & 4) != 0) {
                int r = in.length("released sessions", 8);
                if (r > Call.MAX_RELEASED) {
                    throw in.fail(r + " released sessions, more than " + Call.MAX_RELEASED);
                }
                released = new long[r];
                for (int i = 0; i < r; i++) {
                    released[i] = in.i64();
                }
            }
            int n = in.length("operations", 1);
            List<Op> ops = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                in.spend();
                ops.add(OpCodec.op(in));
            }
            in.end();
            if (session == 0 && borrow == null && n > 0) {
                throw in.fail("operations without a session or a borrow");
            }
            return new Call(session, handle, borrow, (flags & 2) != 0, ops, released);
        } catch (RuntimeException e) {
            throw in.invalid(e);
        }
    }

    /**
     * @return {@code reply} as a frame
     * @throws IllegalArgumentException when a value is of a type the format does not carry,
     *         or the frame would exceed {@link #MAX_FRAME}
     */
    public static byte[] encode(Reply reply) {
        return reply(reply).finish();
    }

    /**
     * @return {@code reply} as a frame to write to a stream: a large one in pieces, never
     *         copied whole (see {@link Frame})
     * @throws IllegalArgumentException when a value is of a type the format does not carry,
     *         or the frame would exceed {@link #MAX_FRAME}
     */
    public static Frame frame(Reply reply) {
        return new Frame(reply(reply));
    }

    private static FrameWriter reply(Reply reply) {
        FrameWriter o = FrameWriter.reusing(REPLY);
        o.i64(reply.session());
        SessionInfo s = reply.opened();
        if (s == null) {
            o.u8(0);
        } else {
            o.u8(1 | (s.autoCommit() ? 2 : 0) | (s.readOnly() ? 4 : 0) | (s.offsetsInJvmZone() ? 8 : 0)
                    | (s.driver() == SessionInfo.Driver.PGJDBC ? 0x10 : s.driver() == SessionInfo.Driver.MARIADB ? 0x20 : 0));
            o.sint(s.holdability());
        }
        List<Result> results = reply.results();
        o.length(results.size());
        for (Result r : results) {
            ResultCodec.result(o, r);
        }
        ErrorCodec.error(o, reply.error());
        return o;
    }

    /** @throws WireException when the frame is not a well-formed reply of this protocol version */
    public static Reply decodeReply(byte[] frame) throws WireException {
        FrameReader in = new FrameReader(frame, REPLY, Long.MAX_VALUE);
        try {
            long session = in.i64();
            int flags = in.flags("session info", 6);
            SessionInfo opened = null;
            if ((flags & 0x30) == 0x30) {
                throw in.fail("session info names two drivers");
            }
            if ((flags & 1) != 0) {
                opened = new SessionInfo((flags & 2) != 0, (flags & 4) != 0, in.sint(), (flags & 8) != 0,
                        (flags & 0x10) != 0 ? SessionInfo.Driver.PGJDBC
                                : (flags & 0x20) != 0 ? SessionInfo.Driver.MARIADB : SessionInfo.Driver.OTHER);
            } else if (flags != 0) {
                throw in.fail("session info flags " + flags + " without session info");
            }
            int n = in.length("results", 1);
            List<Result> results = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                results.add(ResultCodec.result(in));
            }
            SqlError error = ErrorCodec.error(in);
            in.end();
            return new Reply(session, opened, results, error);
        } catch (RuntimeException e) {
            throw in.invalid(e);
        }
    }
}
