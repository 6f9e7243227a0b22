package pool.protocol;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import pool.api.Intent;
import pool.api.Priority;

/**
 * The binary frames of poold's remote protocol: encodes and strictly decodes logins, login
 * replies, calls and replies, with their operations, results, values and error chains.
 * The format, its tag tables and its limits are specified in {@code docs/protocol.md};
 * a change to what this class writes or accepts changes {@link Protocol#VERSION}.
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
    /** Longest zone id of a {@code ZonedDateTime}. */
    private static final int MAX_ZONE_ID = 128;

    // Frame kinds: the second byte of every frame.
    private static final int LOGIN = 1;
    private static final int LOGIN_REPLY = 2;
    private static final int CALL = 3;
    private static final int REPLY = 4;
    private static final String[] KIND_NAMES = {"?", "login", "login reply", "call", "reply"};

    // Operation tags.
    private static final int OP_EXECUTE = 1;
    private static final int OP_BATCH = 2;
    private static final int OP_FETCH = 3;
    private static final int OP_CLOSE_CURSOR = 4;
    private static final int OP_COMMIT = 5;
    private static final int OP_ROLLBACK = 6;
    private static final int OP_SET_SAVEPOINT = 7;
    private static final int OP_RELEASE_SAVEPOINT = 8;
    private static final int OP_SET = 9;
    private static final int OP_GET = 10;
    private static final int OP_VALIDATE = 11;
    private static final int OP_WARNINGS = 12;
    private static final int OP_META_INFO = 13;
    private static final int OP_META_CALL = 14;
    private static final int OP_RELEASE = 15;
    private static final int OP_LOB_WRITE = 24;
    private static final int OP_LOB_READ = 25;
    private static final int OP_NATIVE_SQL = 16;

    // Result tags.
    private static final int R_DONE = 1;
    private static final int R_EXECUTED = 2;
    private static final int R_BATCHED = 3;
    private static final int R_FETCHED = 4;
    private static final int R_SAVEPOINT_SET = 5;
    private static final int R_VALUE = 6;
    private static final int R_WARNINGS = 7;
    private static final int R_META = 8;

    // Value tags.
    private static final int V_NULL = 0;
    private static final int V_SQL_NULL = 1;
    private static final int V_TRUE = 2;
    private static final int V_FALSE = 3;
    private static final int V_BYTE = 4;
    private static final int V_SHORT = 5;
    private static final int V_INT = 6;
    private static final int V_LONG = 7;
    private static final int V_FLOAT = 8;
    private static final int V_DOUBLE = 9;
    private static final int V_CHAR = 10;
    private static final int V_STRING = 11;
    private static final int V_BIG_DECIMAL = 12;
    private static final int V_BIG_INTEGER = 13;
    private static final int V_BYTES = 14;
    private static final int V_UUID = 15;
    private static final int V_SQL_DATE = 16;
    private static final int V_SQL_TIME = 17;
    private static final int V_SQL_TIMESTAMP = 18;
    private static final int V_LOCAL_DATE = 19;
    private static final int V_LOCAL_TIME = 20;
    private static final int V_LOCAL_DATE_TIME = 21;
    private static final int V_OFFSET_DATE_TIME = 22;
    private static final int V_OFFSET_TIME = 23;
    private static final int V_ZONED_DATE_TIME = 24;
    private static final int V_INSTANT = 25;
    private static final int V_OUT_PARAM = 26;
    private static final int V_OBJECT_ARRAY = 27;
    private static final int V_STRING_ARRAY = 28;
    private static final int V_BOOLEAN_ARRAY = 29;
    private static final int V_CHAR_ARRAY = 30;
    private static final int V_SHORT_ARRAY = 31;
    private static final int V_INT_ARRAY = 32;
    private static final int V_LONG_ARRAY = 33;
    private static final int V_FLOAT_ARRAY = 34;
    private static final int V_DOUBLE_ARRAY = 35;
    private static final int V_LOB = 60;
    private static final LobParam.Kind[] LOB_KINDS = LobParam.Kind.values(); // wire order = declaration order
    private static final int V_TIMESTAMP_IN_ZONE = 36;
    private static final int V_DATE_IN_ZONE = 37;
    private static final int V_TIME_IN_ZONE = 38;
    private static final int V_SQL_ARRAY = 39;
    private static final int V_VENDOR_OBJECT = 40;
    private static final int V_XML = 41;
    /** Longest class name of a {@link SqlArray}'s elements or a {@link VendorObject}. */
    private static final int MAX_CLASS_NAME = 512;

    // The enums' codes: their order here is the wire's, whatever order the enums declare.
    private static final Intent[] INTENTS = {Intent.READ_WRITE, Intent.READ_ONLY};
    private static final Priority[] PRIORITIES = {Priority.HIGH, Priority.NORMAL, Priority.LOW};
    private static final Op.StatementKind[] KINDS = {Op.StatementKind.PLAIN, Op.StatementKind.PREPARED,
            Op.StatementKind.CALLABLE};
    private static final Op.Mode[] MODES = {Op.Mode.QUERY, Op.Mode.UPDATE, Op.Mode.ANY};
    private static final Op.Property[] PROPERTIES = {Op.Property.AUTO_COMMIT, Op.Property.READ_ONLY,
            Op.Property.ISOLATION, Op.Property.CATALOG, Op.Property.SCHEMA, Op.Property.HOLDABILITY,
            Op.Property.CLIENT_INFO, Op.Property.CLIENT_INFO_ALL};
    private static final SqlError.Kind[] ERROR_KINDS = {SqlError.Kind.GENERIC, SqlError.Kind.BATCH,
            SqlError.Kind.TIMEOUT, SqlError.Kind.TRANSACTION_ROLLBACK, SqlError.Kind.TRANSIENT_CONNECTION,
            SqlError.Kind.INTEGRITY_CONSTRAINT, SqlError.Kind.SYNTAX, SqlError.Kind.DATA,
            SqlError.Kind.INVALID_AUTHORIZATION, SqlError.Kind.FEATURE_NOT_SUPPORTED,
            SqlError.Kind.NON_TRANSIENT_CONNECTION, SqlError.Kind.RECOVERABLE, SqlError.Kind.WARNING,
            SqlError.Kind.TICKET_EXPIRED};
    /** The code of an enum constant absent (a null component). */
    private static final int NO_ENUM = 0xFF;

    private static final Result.Done DONE = new Result.Done();
    private static final Op.Commit COMMIT = new Op.Commit();
    private static final Op.MetaInfo META_INFO = new Op.MetaInfo();
    private static final Op.Release RELEASE = new Op.Release();
    private static final Object[] NO_OBJECTS = new Object[0];

    private Wire() {
    }

    // ------------------------------------------------------------------ public API

    /**
     * @return {@code request} as a login frame
     * @throws IllegalArgumentException when the frame would exceed {@link Protocol#MAX_LOGIN_FRAME}
     *         (an overlong user name, password or tenant), or the previous ticket is not a ticket
     */
    public static byte[] encode(LoginRequest request) {
        Out o = new Out(64, LOGIN);
        o.string(request.user());
        char[] password = request.password();
        o.length(password.length);
        for (char c : password) {
            o.u16(c);
        }
        o.string(request.tenant());
        ticket(o, request.previousTicket());
        o.string(request.zone());
        if (o.pos > Protocol.MAX_LOGIN_FRAME) {
            o.clear();
            throw new IllegalArgumentException("a login of " + o.pos + " bytes exceeds poold's limit of "
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
        In in = new In(frame, LOGIN, MAX_CALL_OBJECTS);
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
                    zone(in, zone);
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
        Out o = new Out(96, LOGIN_REPLY);
        ticket(o, reply.ticket());
        o.slong(reply.leaseMillis());
        o.slong(reply.ticketLifetimeMillis());
        o.sint(reply.maxChannels());
        o.sint(reply.maxCallBytes());
        error(o, reply.error());
        return o.finish();
    }

    /** @throws WireException when the frame is not a well-formed login reply of this protocol version */
    public static LoginReply decodeLoginReply(byte[] frame) throws WireException {
        In in = new In(frame, LOGIN_REPLY, Long.MAX_VALUE);
        try {
            byte[] ticket = in.ticket("ticket");
            long lease = in.slong();
            long lifetime = in.slong();
            int maxChannels = in.sint();
            int maxCallBytes = in.sint();
            SqlError error = error(in);
            in.end();
            return new LoginReply(ticket, lease, lifetime, maxChannels, maxCallBytes, error);
        } catch (RuntimeException e) {
            throw in.invalid(e);
        }
    }

    /** A nullable ticket: 0 for none, else its length (always {@link Protocol#TICKET_BYTES}) plus one and its bytes. */
    private static void ticket(Out o, byte[] ticket) {
        if (ticket == null) {
            o.u8(0);
            return;
        }
        if (ticket.length != Protocol.TICKET_BYTES) {
            throw new IllegalArgumentException("a ticket is " + Protocol.TICKET_BYTES + " bytes, not " + ticket.length);
        }
        o.u8(ticket.length + 1);
        o.bytes(ticket, 0, ticket.length);
    }

    /**
     * @return {@code call} as a frame
     * @throws IllegalArgumentException when a parameter is of a type the format does not carry,
     *         or the frame would exceed {@link #MAX_FRAME}
     */
    public static byte[] encode(Call call) {
        Out o = Out.reusing(CALL);
        o.i64(call.session());
        o.i64(call.handle());
        Borrow b = call.borrow();
        int released = call.releasedCount();
        o.u8((b != null ? 1 : 0) | (call.releaseWhenIdle() ? 2 : 0) | (released > 0 ? 4 : 0));
        if (b != null) {
            o.u8(code(INTENTS, b.intent()));
            o.u8(code(PRIORITIES, b.priority()));
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
            op(o, op);
        }
        return o.finish();
    }

    /** @throws WireException when the frame is not a well-formed call of this protocol version */
    public static Call decodeCall(byte[] frame) throws WireException {
        In in = new In(frame, CALL, MAX_CALL_OBJECTS);
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
                ops.add(op(in));
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
        Out o = Out.reusing(REPLY);
        o.i64(reply.session());
        SessionInfo s = reply.opened();
        if (s == null) {
            o.u8(0);
        } else {
            o.u8(1 | (s.autoCommit() ? 2 : 0) | (s.readOnly() ? 4 : 0) | (s.offsetsInJvmZone() ? 8 : 0));
            o.sint(s.holdability());
        }
        List<Result> results = reply.results();
        o.length(results.size());
        for (Result r : results) {
            result(o, r);
        }
        error(o, reply.error());
        return o.finish();
    }

    /** @throws WireException when the frame is not a well-formed reply of this protocol version */
    public static Reply decodeReply(byte[] frame) throws WireException {
        In in = new In(frame, REPLY, Long.MAX_VALUE);
        try {
            long session = in.i64();
            int flags = in.flags("session info", 4);
            SessionInfo opened = null;
            if ((flags & 1) != 0) {
                opened = new SessionInfo((flags & 2) != 0, (flags & 4) != 0, in.sint(), (flags & 8) != 0);
            } else if (flags != 0) {
                throw in.fail("session info flags " + flags + " without session info");
            }
            int n = in.length("results", 1);
            List<Result> results = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                results.add(result(in));
            }
            SqlError error = error(in);
            in.end();
            return new Reply(session, opened, results, error);
        } catch (RuntimeException e) {
            throw in.invalid(e);
        }
    }

    // ------------------------------------------------------------------ operations

    private static void op(Out o, Op op) {
        if (op instanceof Op.Execute e) {
            o.u8(OP_EXECUTE);
            o.u8(code(KINDS, e.kind()));
            o.u8(code(MODES, e.mode()));
            o.string(e.sql());
            values(o, e.params(), 0);
            o.sint(e.fetchSize());
            o.sint(e.maxRows());
            o.sint(e.queryTimeout());
            keys(o, e.keys());
            o.varlong(e.knownColumns());
        } else if (op instanceof Op.Batch b) {
            o.u8(OP_BATCH);
            o.u8(code(KINDS, b.kind()));
            o.string(b.sql());
            o.length(b.sqls().size());
            for (String s : b.sqls()) {
                o.string(s);
            }
            o.length(b.paramSets().size());
            for (Object[] params : b.paramSets()) {
                values(o, params, 0);
            }
            o.sint(b.queryTimeout());
        } else if (op instanceof Op.Fetch f) {
            o.u8(OP_FETCH);
            o.i64(f.cursor());
            o.sint(f.rows());
        } else if (op instanceof Op.CloseCursor c) {
            o.u8(OP_CLOSE_CURSOR);
            o.i64(c.cursor());
        } else if (op instanceof Op.Commit) {
            o.u8(OP_COMMIT);
        } else if (op instanceof Op.Rollback r) {
            o.u8(OP_ROLLBACK);
            o.sint(r.savepoint());
        } else if (op instanceof Op.SetSavepoint s) {
            o.u8(OP_SET_SAVEPOINT);
            o.string(s.name());
        } else if (op instanceof Op.ReleaseSavepoint r) {
            o.u8(OP_RELEASE_SAVEPOINT);
            o.sint(r.savepoint());
        } else if (op instanceof Op.Set s) {
            o.u8(OP_SET);
            o.u8(code(PROPERTIES, s.property()));
            value(o, s.value(), 0);
        } else if (op instanceof Op.Get g) {
            o.u8(OP_GET);
            o.u8(code(PROPERTIES, g.property()));
        } else if (op instanceof Op.Validate v) {
            o.u8(OP_VALIDATE);
            o.sint(v.timeoutSeconds());
        } else if (op instanceof Op.Warnings w) {
            o.u8(OP_WARNINGS);
            o.u8(w.clear() ? 1 : 0);
        } else if (op instanceof Op.MetaInfo) {
            o.u8(OP_META_INFO);
        } else if (op instanceof Op.MetaCall m) {
            o.u8(OP_META_CALL);
            o.string(m.method());
            values(o, m.args(), 0);
        } else if (op instanceof Op.Release) {
            o.u8(OP_RELEASE);
        } else if (op instanceof Op.LobWrite w) {
            o.u8(OP_LOB_WRITE);
            o.i64(w.spool());
            o.length(w.chunk().length);
            o.bytes(w.chunk(), 0, w.chunk().length);
        } else if (op instanceof Op.LobRead r) {
            o.u8(OP_LOB_READ);
            o.i64(r.oid());
            o.slong(r.offset());
            o.sint(r.length());
        } else if (op instanceof Op.NativeSql n) {
            o.u8(OP_NATIVE_SQL);
            o.string(n.sql());
        } else {
            throw new IllegalArgumentException("no wire encoding for operation " + op.getClass().getName());
        }
    }

    private static Op op(In in) throws WireException {
        int tag = in.u8();
        switch (tag) {
            case OP_EXECUTE: {
                Op.StatementKind kind = in.code(KINDS, "statement kind");
                Op.Mode mode = in.code(MODES, "execute mode");
                String sql = in.requiredString("sql");
                Object[] params = values(in, 0);
                int fetchSize = in.sint();
                int maxRows = in.sint();
                int queryTimeout = in.sint();
                Op.Keys keys = keys(in);
                return new Op.Execute(kind, mode, sql, params, fetchSize, maxRows, queryTimeout, keys, in.varlong(10));
            }
            case OP_BATCH: {
                Op.StatementKind kind = in.code(KINDS, "statement kind");
                String sql = in.string();
                int n = in.length("batch statements", 1);
                List<String> sqls = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    in.spend();
                    sqls.add(in.requiredString("batch statement"));
                }
                int m = in.length("batch parameter sets", 1);
                List<Object[]> sets = new ArrayList<>(m);
                for (int i = 0; i < m; i++) {
                    in.spend();
                    sets.add(values(in, 0));
                }
                return new Op.Batch(kind, sql, sqls, sets, in.sint());
            }
            case OP_FETCH:
                return new Op.Fetch(in.i64(), in.sint());
            case OP_CLOSE_CURSOR:
                return new Op.CloseCursor(in.i64());
            case OP_COMMIT:
                return COMMIT;
            case OP_ROLLBACK:
                return new Op.Rollback(in.sint());
            case OP_SET_SAVEPOINT:
                return new Op.SetSavepoint(in.string());
            case OP_RELEASE_SAVEPOINT:
                return new Op.ReleaseSavepoint(in.sint());
            case OP_SET:
                return new Op.Set(in.code(PROPERTIES, "connection property"), (Serializable) value(in, 0));
            case OP_GET:
                return new Op.Get(in.code(PROPERTIES, "connection property"));
            case OP_VALIDATE:
                return new Op.Validate(in.sint());
            case OP_WARNINGS:
                return new Op.Warnings((in.flags("warnings", 1) & 1) != 0);
            case OP_META_INFO:
                return META_INFO;
            case OP_META_CALL:
                return new Op.MetaCall(in.requiredString("metadata method"), values(in, 0));
            case OP_RELEASE:
                return RELEASE;
            case OP_LOB_WRITE: {
                long spool = in.i64();
                int n = in.length("LOB chunk", 1);
                if (n > LobParam.CHUNK_BYTES) {
                    throw in.fail("LOB chunk of " + n + " bytes, the limit is " + LobParam.CHUNK_BYTES);
                }
                return new Op.LobWrite(spool, in.bytes(n));
            }
            case OP_LOB_READ:
                return new Op.LobRead(in.i64(), in.slong(), in.sint());
            case OP_NATIVE_SQL:
                return new Op.NativeSql(in.requiredString("sql"));
            default:
                throw in.fail("unknown operation tag " + tag);
        }
    }

    private static void keys(Out o, Op.Keys k) {
        if (k == null) {
            o.u8(0);
            return;
        }
        o.u8(1 | (k.all() ? 2 : 0) | (k.indexes() != null ? 4 : 0) | (k.names() != null ? 8 : 0));
        if (k.indexes() != null) {
            o.length(k.indexes().length);
            for (int i : k.indexes()) {
                o.sint(i);
            }
        }
        if (k.names() != null) {
            o.length(k.names().length);
            for (String s : k.names()) {
                o.string(s);
            }
        }
    }

    private static Op.Keys keys(In in) throws WireException {
        int flags = in.flags("generated keys", 4);
        if (flags == 0) {
            return null;
        }
        if ((flags & 1) == 0) {
            throw in.fail("generated keys flags " + flags + " without keys");
        }
        int[] indexes = null;
        if ((flags & 4) != 0) {
            indexes = new int[in.length("key indexes", 1)];
            for (int i = 0; i < indexes.length; i++) {
                indexes[i] = in.sint();
            }
        }
        String[] names = null;
        if ((flags & 8) != 0) {
            names = new String[in.length("key names", 1)];
            for (int i = 0; i < names.length; i++) {
                in.spend();
                names[i] = in.string();
            }
        }
        return new Op.Keys((flags & 2) != 0, indexes, names);
    }

    // ------------------------------------------------------------------ results

    private static void result(Out o, Result r) {
        if (r instanceof Result.Done) {
            o.u8(R_DONE);
        } else if (r instanceof Result.Executed e) {
            o.u8(R_EXECUTED);
            o.slong(e.updateCount());
            o.u8((e.rows() != null ? 1 : 0) | (e.keys() != null ? 2 : 0) | (e.outValues() != null ? 4 : 0)
                    | (e.holdsTransaction() ? 8 : 0) | (e.columnsId() != 0 ? 16 : 0));
            o.i64(e.cursor());
            if (e.columnsId() != 0) {
                o.i64(e.columnsId());
            }
            if (e.rows() != null) {
                rows(o, e.rows());
            }
            if (e.keys() != null) {
                rows(o, e.keys());
            }
            if (e.outValues() != null) {
                values(o, e.outValues(), 0);
            }
            error(o, e.warnings());
        } else if (r instanceof Result.Batched b) {
            o.u8(R_BATCHED);
            longs(o, b.counts());
        } else if (r instanceof Result.Fetched f) {
            o.u8(R_FETCHED);
            rows(o, f.rows());
        } else if (r instanceof Result.SavepointSet s) {
            o.u8(R_SAVEPOINT_SET);
            o.sint(s.id());
            o.sint(s.savepointId());
        } else if (r instanceof Result.Value v) {
            o.u8(R_VALUE);
            value(o, v.value(), 0);
        } else if (r instanceof Result.Warnings w) {
            o.u8(R_WARNINGS);
            error(o, w.chain());
        } else if (r instanceof Result.Meta m) {
            o.u8(R_META);
            o.length(m.names().size());
            for (String name : m.names()) {
                o.string(name);
            }
            if (m.values() == null) {
                o.u8(0);
            } else {
                o.u8(1);
                values(o, m.values(), 0);
            }
        } else {
            throw new IllegalArgumentException("no wire encoding for result " + r.getClass().getName());
        }
    }

    private static Result result(In in) throws WireException {
        int tag = in.u8();
        switch (tag) {
            case R_DONE:
                return DONE;
            case R_EXECUTED: {
                long updateCount = in.slong();
                int flags = in.flags("executed", 5);
                long cursor = in.i64();
                long columnsId = (flags & 16) != 0 ? in.i64() : 0;
                Rows rows = (flags & 1) != 0 ? rows(in) : null;
                Rows keys = (flags & 2) != 0 ? rows(in) : null;
                Object[] outs = (flags & 4) != 0 ? values(in, 0) : null;
                SqlError warnings = error(in);
                return new Result.Executed(updateCount, rows, cursor, keys, outs, warnings, (flags & 8) != 0, columnsId);
            }
            case R_BATCHED:
                return new Result.Batched(longs(in, "batch update counts"));
            case R_FETCHED:
                return new Result.Fetched(rows(in));
            case R_SAVEPOINT_SET:
                return new Result.SavepointSet(in.sint(), in.sint());
            case R_VALUE:
                return new Result.Value((Serializable) value(in, 0));
            case R_WARNINGS:
                return new Result.Warnings(error(in));
            case R_META: {
                int n = in.length("metadata names", 1);
                List<String> names = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    in.spend();
                    names.add(in.requiredString("metadata name"));
                }
                Object[] values = (in.flags("metadata values", 1) & 1) != 0 ? values(in, 0) : null;
                return new Result.Meta(names, values);
            }
            default:
                throw in.fail("unknown result tag " + tag);
        }
    }

    private static void rows(Out o, Rows rows) {
        List<Column> columns = rows.columns();
        if (columns == null) {
            o.u8(0);
        } else {
            o.length(columns.size() + 1);
            for (Column c : columns) {
                column(o, c);
            }
        }
        Object[][] data = rows.data();
        int width = data.length == 0 ? 0 : data[0].length;
        o.length(data.length);
        o.length(width);
        for (Object[] row : data) {
            if (row.length != width) {
                throw new IllegalArgumentException("rows of one batch differ in width: " + row.length + " and " + width);
            }
            for (Object v : row) {
                value(o, v, 1);
            }
        }
        o.u8(rows.last() ? 1 : 0);
    }

    private static Rows rows(In in) throws WireException {
        List<Column> columns = null;
        int c = in.nullableLength("columns", 8);
        if (c >= 0) {
            columns = new ArrayList<>(c);
            for (int i = 0; i < c; i++) {
                in.spend();
                columns.add(column(in));
            }
        }
        int n = in.length("rows", 0);
        int width = in.length("row width", 0);
        if ((long) n * width > in.remaining()) { // every value takes at least its tag byte
            throw in.fail(n + " rows of " + width + " values cannot fit the " + in.remaining() + " bytes left");
        }
        if (width == 0 && n > in.remaining()) { // empty rows: bounded by the frame like everything else
            throw in.fail(n + " empty rows in a frame of " + in.remaining() + " bytes left");
        }
        Object[][] data = new Object[n][];
        for (int r = 0; r < n; r++) {
            in.spend();
            Object[] row = new Object[width];
            for (int i = 0; i < width; i++) {
                row[i] = value(in, 1);
            }
            data[r] = row;
        }
        boolean last = (in.flags("rows", 1) & 1) != 0;
        return new Rows(columns, data, last);
    }

    private static void column(Out o, Column c) {
        o.string(c.label());
        o.string(c.name());
        o.sint(c.type());
        o.string(c.typeName());
        o.string(c.className());
        o.sint(c.precision());
        o.sint(c.scale());
        o.sint(c.nullable());
        o.u8((c.signed() ? 1 : 0) | (c.autoIncrement() ? 2 : 0) | (c.caseSensitive() ? 4 : 0)
                | (c.currency() ? 8 : 0) | (c.searchable() ? 16 : 0) | (c.readOnly() ? 32 : 0));
        o.sint(c.displaySize());
        o.string(c.table());
        o.string(c.schema());
        o.string(c.catalog());
    }

    private static Column column(In in) throws WireException {
        String label = in.string();
        String name = in.string();
        int type = in.sint();
        String typeName = in.string();
        String className = in.string();
        int precision = in.sint();
        int scale = in.sint();
        int nullable = in.sint();
        int f = in.flags("column", 6);
        int displaySize = in.sint();
        return new Column(label, name, type, typeName, className, precision, scale, nullable, (f & 1) != 0,
                (f & 2) != 0, (f & 4) != 0, (f & 8) != 0, (f & 16) != 0, (f & 32) != 0, displaySize, in.string(),
                in.string(), in.string());
    }

    private static void error(Out o, SqlError e) {
        error(o, e, 0);
    }

    /** An error chain; each may carry its cause's chain, nested at most {@link SqlError#MAX_CAUSES} deep. */
    private static void error(Out o, SqlError e, int causeDepth) {
        int n = 0;
        for (SqlError x = e; x != null && n <= MAX_CHAIN; x = x.next()) {
            n++;
        }
        if (n > MAX_CHAIN) {
            n = MAX_CHAIN; // cut, as SqlError.from cuts runaway chains
        }
        o.length(n);
        SqlError x = e;
        for (int i = 0; i < n; i++, x = x.next()) {
            o.string(x.message());
            o.string(x.sqlState());
            o.sint(x.vendorCode());
            o.u8(x.kind() == null ? NO_ENUM : code(ERROR_KINDS, x.kind()));
            boolean cause = x.cause() != null && causeDepth < SqlError.MAX_CAUSES; // deeper ones are cut
            o.u8((x.updateCounts() == null ? 0 : 1) | (cause ? 2 : 0));
            if (x.updateCounts() != null) {
                longs(o, x.updateCounts());
            }
            if (cause) {
                error(o, x.cause(), causeDepth + 1);
            }
        }
    }

    private static SqlError error(In in) throws WireException {
        return error(in, 0);
    }

    private static SqlError error(In in, int causeDepth) throws WireException {
        if (causeDepth > SqlError.MAX_CAUSES) {
            throw in.fail("error causes nested deeper than " + SqlError.MAX_CAUSES);
        }
        int n = in.length("error chain", 4);
        if (n > MAX_CHAIN) {
            throw in.fail("error chain of " + n + " exceptions, limit " + MAX_CHAIN);
        }
        if (n == 0) {
            return null;
        }
        String[] messages = new String[n];
        String[] states = new String[n];
        int[] codes = new int[n];
        SqlError.Kind[] kinds = new SqlError.Kind[n];
        long[][] counts = new long[n][];
        SqlError[] causes = new SqlError[n];
        for (int i = 0; i < n; i++) {
            messages[i] = in.string();
            states[i] = in.string();
            codes[i] = in.sint();
            int k = in.u8();
            kinds[i] = k == NO_ENUM ? null : in.decode(ERROR_KINDS, k, "error kind");
            int flags = in.flags("error", 2);
            counts[i] = (flags & 1) != 0 ? longs(in, "update counts") : null;
            causes[i] = (flags & 2) != 0 ? error(in, causeDepth + 1) : null;
        }
        SqlError next = null;
        for (int i = n - 1; i >= 0; i--) {
            next = new SqlError(messages[i], states[i], codes[i], kinds[i], counts[i], next, causes[i]);
        }
        return next;
    }

    private static void longs(Out o, long[] values) {
        o.length(values.length);
        for (long v : values) {
            o.slong(v);
        }
    }

    private static long[] longs(In in, String what) throws WireException {
        long[] values = new long[in.length(what, 1)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.slong();
        }
        return values;
    }

    // ------------------------------------------------------------------ values

    private static void values(Out o, Object[] values, int depth) {
        o.length(values.length);
        for (Object v : values) {
            value(o, v, depth + 1);
        }
    }

    private static Object[] values(In in, int depth) throws WireException {
        int n = in.length("values", 1);
        if (n == 0) {
            return NO_OBJECTS;
        }
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            values[i] = value(in, depth + 1);
        }
        return values;
    }

    private static void value(Out o, Object v, int depth) {
        if (depth > MAX_NESTING) {
            throw new IllegalArgumentException("values nested deeper than " + MAX_NESTING);
        }
        // The common types first.
        if (v == null) {
            o.u8(V_NULL);
        } else if (v instanceof String s) {
            o.u8(V_STRING);
            o.string(s);
        } else if (v instanceof Integer i) {
            o.u8(V_INT);
            o.i32(i);
        } else if (v instanceof Long l) {
            o.u8(V_LONG);
            o.i64(l);
        } else if (v instanceof Boolean b) {
            o.u8(b ? V_TRUE : V_FALSE);
        } else if (v instanceof BigDecimal d) {
            o.u8(V_BIG_DECIMAL);
            o.sint(d.scale());
            magnitude(o, d.unscaledValue());
        } else if (v instanceof SqlNull n) {
            o.u8(V_SQL_NULL);
            o.sint(n.sqlType());
        } else if (v instanceof Double d) {
            o.u8(V_DOUBLE);
            o.i64(Double.doubleToRawLongBits(d));
        } else if (v instanceof Float f) {
            o.u8(V_FLOAT);
            o.i32(Float.floatToRawIntBits(f));
        } else if (v instanceof Short s) {
            o.u8(V_SHORT);
            o.u16(s);
        } else if (v instanceof Byte b) {
            o.u8(V_BYTE);
            o.u8(b);
        } else if (v instanceof Character c) {
            o.u8(V_CHAR);
            o.u16(c);
        } else if (v instanceof BigInteger i) {
            o.u8(V_BIG_INTEGER);
            magnitude(o, i);
        } else if (v instanceof byte[] b) {
            o.u8(V_BYTES);
            o.length(b.length);
            o.bytes(b, 0, b.length);
        } else if (v instanceof UUID u) {
            o.u8(V_UUID);
            o.i64(u.getMostSignificantBits());
            o.i64(u.getLeastSignificantBits());
        } else if (v instanceof java.sql.Timestamp t) {
            o.u8(V_SQL_TIMESTAMP);
            o.slong(t.getTime());
            o.sint(t.getNanos());
        } else if (v instanceof java.sql.Date d) {
            o.u8(V_SQL_DATE);
            o.slong(d.getTime());
        } else if (v instanceof java.sql.Time t) {
            o.u8(V_SQL_TIME);
            o.slong(t.getTime());
        } else if (v instanceof LocalDate d) {
            o.u8(V_LOCAL_DATE);
            o.slong(d.toEpochDay());
        } else if (v instanceof LocalTime t) {
            o.u8(V_LOCAL_TIME);
            o.slong(t.toNanoOfDay());
        } else if (v instanceof LocalDateTime t) {
            o.u8(V_LOCAL_DATE_TIME);
            localDateTime(o, t);
        } else if (v instanceof OffsetDateTime t) {
            o.u8(V_OFFSET_DATE_TIME);
            localDateTime(o, t.toLocalDateTime());
            o.sint(t.getOffset().getTotalSeconds());
        } else if (v instanceof OffsetTime t) {
            o.u8(V_OFFSET_TIME);
            o.slong(t.toLocalTime().toNanoOfDay());
            o.sint(t.getOffset().getTotalSeconds());
        } else if (v instanceof ZonedDateTime t) {
            o.u8(V_ZONED_DATE_TIME);
            localDateTime(o, t.toLocalDateTime());
            o.sint(t.getOffset().getTotalSeconds());
            o.string(t.getZone().getId());
        } else if (v instanceof Instant t) {
            o.u8(V_INSTANT);
            o.slong(t.getEpochSecond());
            o.sint(t.getNano());
        } else if (v instanceof LobParam l) {
            o.u8(V_LOB);
            o.u8(l.kind().ordinal());
            o.varlong(l.length());
            if (l.data() != null) {
                o.u8(1);
                o.bytes(l.data(), 0, l.data().length);
            } else {
                o.u8(0);
                o.i64(l.spool());
            }
        } else if (v instanceof InZone z) {
            java.util.Date d = z.value();
            o.u8(d instanceof java.sql.Timestamp ? V_TIMESTAMP_IN_ZONE : d instanceof java.sql.Date ? V_DATE_IN_ZONE
                    : V_TIME_IN_ZONE);
            o.slong(d.getTime());
            if (d instanceof java.sql.Timestamp t) {
                o.sint(t.getNanos());
            }
            o.string(z.zone());
            o.slong(z.gregorianChange() - InZone.DEFAULT_GREGORIAN_CHANGE); // 1 byte for the default
        } else if (v instanceof SqlArray a) {
            o.u8(V_SQL_ARRAY);
            o.string(a.baseTypeName());
            o.sint(a.baseType());
            o.string(a.elementClass());
            values(o, a.elements(), depth);
        } else if (v instanceof VendorObject x) {
            o.u8(V_VENDOR_OBJECT);
            o.string(x.className());
            o.string(x.typeName());
            o.string(x.text());
        } else if (v instanceof XmlValue x) {
            o.u8(V_XML);
            o.string(x.text());
        } else if (v instanceof OutParam p) {
            o.u8(V_OUT_PARAM);
            o.sint(p.sqlType());
            o.sint(p.scale());
            value(o, p.in(), depth + 1);
        } else if (v instanceof String[] a) {
            o.u8(V_STRING_ARRAY);
            o.length(a.length);
            for (String s : a) {
                o.string(s);
            }
        } else if (v instanceof Object[] a) {
            o.u8(V_OBJECT_ARRAY);
            values(o, a, depth);
        } else if (v instanceof int[] a) {
            o.u8(V_INT_ARRAY);
            o.length(a.length);
            for (int x : a) {
                o.i32(x);
            }
        } else if (v instanceof long[] a) {
            o.u8(V_LONG_ARRAY);
            o.length(a.length);
            for (long x : a) {
                o.i64(x);
            }
        } else if (v instanceof double[] a) {
            o.u8(V_DOUBLE_ARRAY);
            o.length(a.length);
            for (double x : a) {
                o.i64(Double.doubleToRawLongBits(x));
            }
        } else if (v instanceof float[] a) {
            o.u8(V_FLOAT_ARRAY);
            o.length(a.length);
            for (float x : a) {
                o.i32(Float.floatToRawIntBits(x));
            }
        } else if (v instanceof short[] a) {
            o.u8(V_SHORT_ARRAY);
            o.length(a.length);
            for (short x : a) {
                o.u16(x);
            }
        } else if (v instanceof char[] a) {
            o.u8(V_CHAR_ARRAY);
            o.length(a.length);
            for (char x : a) {
                o.u16(x);
            }
        } else if (v instanceof boolean[] a) {
            o.u8(V_BOOLEAN_ARRAY);
            o.length(a.length);
            for (boolean x : a) {
                o.u8(x ? 1 : 0);
            }
        } else {
            throw new IllegalArgumentException("poold's wire format has no encoding for values of "
                    + v.getClass().getName());
        }
    }

    private static Object value(In in, int depth) throws WireException {
        if (depth > MAX_NESTING) {
            throw in.fail("values nested deeper than " + MAX_NESTING);
        }
        in.spend();
        int tag = in.u8();
        switch (tag) {
            case V_NULL: return null;
            case V_SQL_NULL: return new SqlNull(in.sint());
            case V_TRUE: return Boolean.TRUE;
            case V_FALSE: return Boolean.FALSE;
            case V_BYTE: return (byte) in.u8();
            case V_SHORT: return (short) in.u16();
            case V_INT: return in.i32();
            case V_LONG: return in.i64();
            case V_FLOAT: return Float.intBitsToFloat(in.i32());
            case V_DOUBLE: return Double.longBitsToDouble(in.i64());
            case V_CHAR: return (char) in.u16();
            case V_STRING: return in.requiredString("string value");
            case V_BIG_DECIMAL: {
                int scale = in.sint();
                return new BigDecimal(magnitude(in), scale);
            }
            case V_BIG_INTEGER: return magnitude(in);
            case V_BYTES: {
                int n = in.length("byte[] value", 1);
                return in.bytes(n);
            }
            case V_UUID: return new UUID(in.i64(), in.i64());
            case V_SQL_TIMESTAMP: {
                java.sql.Timestamp t = new java.sql.Timestamp(in.slong());
                int nanos = in.sint();
                if (nanos < 0 || nanos > 999_999_999) {
                    throw in.fail("timestamp nanos " + nanos + " out of range");
                }
                t.setNanos(nanos);
                return t;
            }
            case V_SQL_DATE: return new java.sql.Date(in.slong());
            case V_SQL_TIME: return new java.sql.Time(in.slong());
            case V_LOCAL_DATE: return LocalDate.ofEpochDay(in.slong());
            case V_LOCAL_TIME: return LocalTime.ofNanoOfDay(in.slong());
            case V_LOCAL_DATE_TIME: return localDateTime(in);
            case V_OFFSET_DATE_TIME: return OffsetDateTime.of(localDateTime(in), ZoneOffset.ofTotalSeconds(in.sint()));
            case V_OFFSET_TIME: {
                LocalTime t = LocalTime.ofNanoOfDay(in.slong());
                return OffsetTime.of(t, ZoneOffset.ofTotalSeconds(in.sint()));
            }
            case V_ZONED_DATE_TIME: {
                LocalDateTime t = localDateTime(in);
                ZoneOffset offset = ZoneOffset.ofTotalSeconds(in.sint());
                String id = zone(in, in.requiredString("zone id"));
                return ZonedDateTime.ofInstant(t, offset, ZoneId.of(id));
            }
            case V_INSTANT: {
                long seconds = in.slong();
                return Instant.ofEpochSecond(seconds, in.sint());
            }
            case V_LOB: {
                LobParam.Kind kind = in.code(LOB_KINDS, "LOB kind");
                long length = in.varlong(10);
                if ((in.flags("LOB", 1) & 1) != 0) {
                    if (length > in.remaining()) {
                        throw in.fail("inline LOB of " + length + " bytes exceeds the " + in.remaining() + " bytes left");
                    }
                    return new LobParam(kind, length, in.bytes((int) length), 0);
                }
                return new LobParam(kind, length, null, in.i64());
            }
            case V_TIMESTAMP_IN_ZONE:
            case V_DATE_IN_ZONE:
            case V_TIME_IN_ZONE: {
                long millis = in.slong();
                java.util.Date d;
                if (tag == V_TIMESTAMP_IN_ZONE) {
                    java.sql.Timestamp t = new java.sql.Timestamp(millis);
                    int nanos = in.sint();
                    if (nanos < 0 || nanos > 999_999_999) {
                        throw in.fail("timestamp nanos " + nanos + " out of range");
                    }
                    t.setNanos(nanos);
                    d = t;
                } else {
                    d = tag == V_DATE_IN_ZONE ? new java.sql.Date(millis) : new java.sql.Time(millis);
                }
                String zone = zone(in, in.requiredString("zone id"));
                return new InZone(d, zone, in.slong() + InZone.DEFAULT_GREGORIAN_CHANGE);
            }
            case V_SQL_ARRAY: {
                String baseTypeName = in.requiredString("array base type name");
                int baseType = in.sint();
                String elementClass = className(in, in.string());
                return new SqlArray(baseTypeName, baseType, elementClass, values(in, depth));
            }
            case V_VENDOR_OBJECT: {
                String className = className(in, in.requiredString("vendor class name"));
                String typeName = in.string();
                return new VendorObject(className, typeName, in.string());
            }
            case V_XML: return new XmlValue(in.requiredString("SQLXML text"));
            case V_OUT_PARAM: {
                int sqlType = in.sint();
                int scale = in.sint();
                return new OutParam(sqlType, scale, (Serializable) value(in, depth + 1));
            }
            case V_OBJECT_ARRAY: return values(in, depth);
            case V_STRING_ARRAY: {
                String[] a = new String[in.length("String[] value", 1)];
                for (int i = 0; i < a.length; i++) {
                    in.spend();
                    a[i] = in.string();
                }
                return a;
            }
            case V_INT_ARRAY: {
                int[] a = new int[in.length("int[] value", 4)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.i32();
                }
                return a;
            }
            case V_LONG_ARRAY: {
                long[] a = new long[in.length("long[] value", 8)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.i64();
                }
                return a;
            }
            case V_DOUBLE_ARRAY: {
                double[] a = new double[in.length("double[] value", 8)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = Double.longBitsToDouble(in.i64());
                }
                return a;
            }
            case V_FLOAT_ARRAY: {
                float[] a = new float[in.length("float[] value", 4)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = Float.intBitsToFloat(in.i32());
                }
                return a;
            }
            case V_SHORT_ARRAY: {
                short[] a = new short[in.length("short[] value", 2)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (short) in.u16();
                }
                return a;
            }
            case V_CHAR_ARRAY: {
                char[] a = new char[in.length("char[] value", 2)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (char) in.u16();
                }
                return a;
            }
            case V_BOOLEAN_ARRAY: {
                boolean[] a = new boolean[in.length("boolean[] value", 1)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (in.flags("boolean[] element", 1) & 1) != 0;
                }
                return a;
            }
            default:
                throw in.fail("unknown value tag " + tag);
        }
    }

    /** @return {@code name}, checked to be no longer than {@link #MAX_CLASS_NAME} */
    private static String className(In in, String name) throws WireException {
        if (name != null && name.length() > MAX_CLASS_NAME) {
            throw in.fail("class name of " + name.length() + " characters");
        }
        return name;
    }

    /** @return {@code id}, checked to be a zone's id of at most {@link #MAX_ZONE_ID} characters */
    private static String zone(In in, String id) throws WireException {
        if (id.length() > MAX_ZONE_ID) {
            throw in.fail("zone id of " + id.length() + " characters");
        }
        try {
            ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            throw in.invalid(e);
        }
        return id;
    }

    private static void localDateTime(Out o, LocalDateTime t) {
        o.slong(t.toLocalDate().toEpochDay());
        o.slong(t.toLocalTime().toNanoOfDay());
    }

    private static LocalDateTime localDateTime(In in) throws WireException {
        LocalDate d = LocalDate.ofEpochDay(in.slong());
        return LocalDateTime.of(d, LocalTime.ofNanoOfDay(in.slong()));
    }

    private static void magnitude(Out o, BigInteger i) {
        byte[] b = i.toByteArray();
        if (b.length > MAX_MAGNITUDE_BYTES) {
            throw new IllegalArgumentException("number of " + b.length + " bytes, poold's limit is "
                    + MAX_MAGNITUDE_BYTES);
        }
        o.length(b.length);
        o.bytes(b, 0, b.length);
    }

    private static BigInteger magnitude(In in) throws WireException {
        int n = in.length("number magnitude", 1);
        if (n == 0 || n > MAX_MAGNITUDE_BYTES) {
            throw in.fail("number magnitude of " + n + " bytes, allowed 1.." + MAX_MAGNITUDE_BYTES);
        }
        return new BigInteger(in.bytes(n));
    }

    private static <E extends Enum<E>> int code(E[] table, E value) {
        for (int i = 0; i < table.length; i++) {
            if (table[i] == value) {
                return i;
            }
        }
        throw new IllegalArgumentException("no wire code for " + value);
    }

    // ------------------------------------------------------------------ buffers

    /** A growing frame. */
    private static final class Out {
        /**
         * Each thread's buffer for calls and replies, lent to one frame at a time: a frame
         * then costs one array of its exact size, not a buffer grown by copies as well.
         * Never for logins, whose frames hold a password.
         */
        private static final ThreadLocal<byte[]> SCRATCH = new ThreadLocal<>();
        /** Larger buffers (a big batch of rows) go to the collector rather than stay with the thread. */
        private static final int SCRATCH_MAX = 64 * 1024;

        private byte[] buf;
        private int pos;
        private final boolean scratch;

        Out(int capacity, int kind) {
            this(new byte[capacity], kind, false);
        }

        private Out(byte[] buf, int kind, boolean scratch) {
            this.buf = buf;
            this.scratch = scratch;
            buf[0] = (byte) Protocol.VERSION;
            buf[1] = (byte) kind;
            pos = 2;
        }

        /** @return an Out on the thread's scratch buffer, or on a new one while that is lent (nested) */
        static Out reusing(int kind) {
            byte[] b = SCRATCH.get();
            if (b == null) {
                b = new byte[1024];
            } else {
                SCRATCH.set(null);
            }
            return new Out(b, kind, true);
        }

        private void ensure(int n) {
            if (buf.length - pos >= n) {
                return;
            }
            long need = (long) pos + n;
            if (need > MAX_FRAME) {
                throw new IllegalArgumentException("a frame of more than " + need + " bytes exceeds poold's limit of "
                        + MAX_FRAME + " bytes: fetch fewer rows per batch (setFetchSize) or send smaller values");
            }
            buf = Arrays.copyOf(buf, (int) Math.min(MAX_FRAME, Math.max(need, 2L * buf.length)));
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
            ensure(len);
            System.arraycopy(b, off, buf, pos, len);
            pos += len;
        }

        void string(String s) {
            if (s == null) {
                u8(0);
                return;
            }
            int n = s.length();
            // ASCII (the common case: SQL, tickets, names) is one byte per char: copied as it is
            // checked, in one pass and without a copy of the string; else back and UTF-8.
            int mark = pos;
            varlong(n + 1L);
            ensure(n);
            byte[] b = buf;
            int p = pos;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    pos = mark;
                    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                    varlong(utf8.length + 1L);
                    bytes(utf8, 0, utf8.length);
                    return;
                }
                b[p + i] = (byte) c;
            }
            pos = p + n;
        }

        /** Zeroes what was written: a login that is not sent still held a password. */
        void clear() {
            Arrays.fill(buf, (byte) 0);
        }

        byte[] finish() {
            byte[] frame = Arrays.copyOf(buf, pos);
            if (scratch && buf.length <= SCRATCH_MAX) {
                SCRATCH.set(buf); // given back only by a frame that completed
            }
            return frame;
        }
    }

    /** A frame being read, every read bounds-checked. */
    private static final class In {
        private final byte[] buf;
        private int pos;
        private final String kind;
        private final long maxObjects;
        private long objects;

        In(byte[] frame, int expectedKind, long maxObjects) throws WireException {
            this.kind = KIND_NAMES[expectedKind];
            this.maxObjects = maxObjects;
            if (frame == null) {
                throw new WireException("no " + kind + " frame (null)");
            }
            if (frame.length > MAX_FRAME) {
                throw new WireException(kind + " frame of " + frame.length + " bytes exceeds the limit of " + MAX_FRAME);
            }
            this.buf = frame;
            if (frame.length < 2) {
                throw new WireException("truncated " + kind + " frame: " + frame.length + " bytes, no header");
            }
            int version = frame[0] & 0xFF;
            if (version != Protocol.VERSION) {
                throw new WireException("a " + kind + " frame of poold protocol version " + version + ", this side speaks "
                        + Protocol.VERSION + ": the client's pool.client and pool.protocol jars must be of the daemon's"
                        + " version");
            }
            int actual = frame[1] & 0xFF;
            if (actual != expectedKind) {
                throw new WireException("expected a " + kind + " frame, got kind " + actual
                        + (actual > 0 && actual < KIND_NAMES.length ? " (" + KIND_NAMES[actual] + ")" : ""));
            }
            pos = 2;
        }

        int remaining() {
            return buf.length - pos;
        }

        /** Counts one object the frame makes the decoder allocate. */
        void spend() throws WireException {
            if (++objects > maxObjects) {
                throw fail("more than " + maxObjects + " objects in one " + kind);
            }
        }

        WireException fail(String why) {
            return new WireException("malformed " + kind + " frame at byte " + pos + " of " + buf.length + ": " + why);
        }

        /** A record constructor or a java.time factory refused what the frame says. */
        WireException invalid(RuntimeException e) {
            return new WireException("malformed " + kind + " frame at byte " + pos + " of " + buf.length
                    + ": invalid value: " + e, e);
        }

        private void need(int n) throws WireException {
            if (buf.length - pos < n) {
                throw new WireException("truncated " + kind + " frame: " + n + " more bytes needed at byte " + pos
                        + ", only " + (buf.length - pos) + " left");
            }
        }

        int u8() throws WireException {
            need(1);
            return buf[pos++] & 0xFF;
        }

        int u16() throws WireException {
            need(2);
            int v = (buf[pos] & 0xFF) << 8 | buf[pos + 1] & 0xFF;
            pos += 2;
            return v;
        }

        int i32() throws WireException {
            need(4);
            int v = (buf[pos] & 0xFF) << 24 | (buf[pos + 1] & 0xFF) << 16 | (buf[pos + 2] & 0xFF) << 8
                    | buf[pos + 3] & 0xFF;
            pos += 4;
            return v;
        }

        long i64() throws WireException {
            need(8);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = v << 8 | buf[pos++] & 0xFF;
            }
            return v;
        }

        long varlong(int maxBytes) throws WireException {
            long v = 0;
            for (int shift = 0, i = 0; i < maxBytes; i++, shift += 7) {
                int b = u8();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    if (shift == 63 && b > 1) {
                        throw fail("varint beyond 64 bits");
                    }
                    return v;
                }
            }
            throw fail("varint longer than " + maxBytes + " bytes");
        }

        int sint() throws WireException {
            long z = varlong(5);
            if (z > 0xFFFF_FFFFL) {
                throw fail("int varint out of range");
            }
            int v = (int) z;
            return (v >>> 1) ^ -(v & 1);
        }

        long slong() throws WireException {
            long z = varlong(10);
            return (z >>> 1) ^ -(z & 1);
        }

        /**
         * A length or count; each element takes at least {@code minBytes}, so a length the rest
         * of the frame cannot hold is refused before anything is allocated for it.
         */
        int length(String what, int minBytes) throws WireException {
            long n = varlong(5);
            return checkLength(what, n, minBytes);
        }

        /** @return a nullable length: -1 for null */
        int nullableLength(String what, int minBytes) throws WireException {
            long n = varlong(5);
            return n == 0 ? -1 : checkLength(what, n - 1, minBytes);
        }

        private int checkLength(String what, long n, int minBytes) throws WireException {
            if (n > Integer.MAX_VALUE) {
                throw fail("length of " + what + " " + n + " out of range");
            }
            if (n * minBytes > remaining()) {
                throw fail("length of " + what + " " + n + " exceeds the " + remaining() + " bytes left in the frame");
            }
            return (int) n;
        }

        int flags(String what, int bits) throws WireException {
            int f = u8();
            if ((f >>> bits) != 0) {
                throw fail("undefined flag bits in " + what + ": " + Integer.toBinaryString(f));
            }
            return f;
        }

        <E> E code(E[] table, String what) throws WireException {
            return decode(table, u8(), what);
        }

        <E> E decode(E[] table, int code, String what) throws WireException {
            if (code >= table.length) {
                throw fail("unknown " + what + " code " + code);
            }
            return table[code];
        }

        byte[] bytes(int n) throws WireException {
            need(n);
            byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
            pos += n;
            return b;
        }

        /** A nullable ticket, refused unless it is exactly {@link Protocol#TICKET_BYTES} long. */
        byte[] ticket(String what) throws WireException {
            int n = u8();
            if (n == 0) {
                return null;
            }
            if (n - 1 != Protocol.TICKET_BYTES) {
                throw fail(what + " of " + (n - 1) + " bytes, a ticket is " + Protocol.TICKET_BYTES);
            }
            return bytes(Protocol.TICKET_BYTES);
        }

        String string() throws WireException {
            int n = nullableLength("string", 1);
            if (n < 0) {
                return null;
            }
            String s = new String(buf, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        String requiredString(String what) throws WireException {
            String s = string();
            if (s == null) {
                throw fail(what + " is missing (null)");
            }
            return s;
        }

        void end() throws WireException {
            if (pos != buf.length) {
                throw fail((buf.length - pos) + " bytes left over after the " + kind);
            }
        }
    }
}
