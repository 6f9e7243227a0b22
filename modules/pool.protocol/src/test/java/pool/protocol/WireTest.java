package pool.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pool.protocol.WireSamples.assertDeepEquals;
import static pool.protocol.WireSamples.assertMessage;
import static pool.protocol.WireSamples.call;
import static pool.protocol.WireSamples.callRoundTrip;
import static pool.protocol.WireSamples.chain;
import static pool.protocol.WireSamples.column;
import static pool.protocol.WireSamples.everyOp;
import static pool.protocol.WireSamples.everyResult;
import static pool.protocol.WireSamples.refusedCall;
import static pool.protocol.WireSamples.replyRoundTrip;
import static pool.protocol.WireSamples.values;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.sql.Types;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import pool.api.Intent;
import pool.api.Priority;

/** What the format carries comes back as it went, in as few bytes as it takes; what it cannot carry is refused when encoding. */
class WireTest {

    // ------------------------------------------------------------------ round trips

    @Test
    void everyValueTypeRoundTripsAsAParameter() throws Exception {
        List<Object> values = values();
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            Op.Execute op = new Op.Execute(Op.StatementKind.PREPARED, Op.Mode.QUERY, "select ?", new Object[] {v}, 0, 0, 0,
                    null);
            Call back = Wire.decodeCall(Wire.encode(new Call(1, 2, null, false, List.of(op))));
            assertDeepEquals(v, ((Op.Execute) back.ops().get(0)).params()[0], "value " + i + " (" + describe(v) + ")");
        }
    }

    @Test
    void everyValueTypeRoundTripsInRowsOutValuesAndScalars() throws Exception {
        for (Object v : values()) {
            Rows rows = new Rows(List.of(column("V")), new Object[][] {{v}, {v}}, true);
            replyRoundTrip(new Reply(1, null, List.of(new Result.Executed(-1, rows, 0, null, new Object[] {v}, null),
                    new Result.Value(v), new Result.Fetched(rows)), null));
        }
    }

    private static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        String s = v.getClass().isArray() ? v.getClass().getSimpleName() : v.toString();
        return v.getClass().getSimpleName() + " " + (s.length() > 40 ? s.substring(0, 40) + "..." : s);
    }

    @Test
    void everyOperationRoundTrips() throws Exception {
        for (Op op : everyOp()) {
            callRoundTrip(new Call(9, -3, null, false, List.of(op)));
        }
        callRoundTrip(new Call(9, -3, null, true, everyOp()));
    }

    @Test
    void callHeadersRoundTrip() throws Exception {
        for (Intent intent : Intent.values()) {
            for (Priority priority : Priority.values()) {
                for (long timeout : new long[] {-1, 0, 1, Long.MAX_VALUE}) {
                    for (boolean release : new boolean[] {true, false}) {
                        Call back = callRoundTrip(new Call(0, Long.MIN_VALUE,
                                new Borrow(intent, priority, timeout), release, List.of()));
                        assertEquals(intent, back.borrow().intent());
                        assertEquals(release, back.releaseWhenIdle());
                    }
                }
            }
        }
        Call noBorrow = callRoundTrip(new Call(Long.MAX_VALUE, 0, null, true, List.of(new Op.Release())));
        assertNull(noBorrow.borrow());
        // A session with a borrow: the borrow travels though the daemon ignores it.
        assertNotNull(callRoundTrip(new Call(5, 6, Borrow.DEFAULT, false, List.of())).borrow());
    }

    @Test
    void framesOfOneThreadStayIndependentOfEachOther() throws Exception {
        // Calls and replies are encoded on a buffer the thread reuses: each frame must be a copy.
        Call first = new Call(1, 2, null, false, List.of(new Op.Commit()));
        byte[] a = Wire.encode(first);
        byte[] before = a.clone();
        Wire.encode(new Call(9, 9, null, true, everyOp()));
        assertArrayEquals(before, a);
        assertDeepEquals(first, Wire.decodeCall(a), "call");
        // A frame beyond the kept size, a failed one, then a small one: all still right.
        Object[][] rows = new Object[2_000][];
        Arrays.setAll(rows, i -> new Object[] {i, "row " + i + " ".repeat(40)});
        Reply big = new Reply(3, null, List.of(new Result.Executed(-1, new Rows(List.of(column("id"), column("name")),
                rows, true), 0, null, null, null)), null);
        assertTrue(Wire.encode(big).length > 64 * 1024);
        assertThrows(IllegalArgumentException.class, () -> Wire.encode(new Call(1, 1, null, false,
                List.of(new Op.Execute(Op.StatementKind.PREPARED, Op.Mode.QUERY, "select ?", new Object[] {new Object()},
                        0, 0, 0, null)))));
        callRoundTrip(first);
        replyRoundTrip(new Reply(0, null, List.of(), null));
    }

    @Test
    void releasedSessionsRoundTrip() throws Exception {
        Call back = callRoundTrip(new Call(0, 7, Borrow.DEFAULT, true, List.of(new Op.Commit()),
                new long[] {1, 42, Long.MAX_VALUE}));
        assertArrayEquals(new long[] {1, 42, Long.MAX_VALUE}, back.released());
        Call only = callRoundTrip(Call.releaseOnly(new long[] {9}));
        assertTrue(only.releasesOnly());
        assertEquals(List.of(), only.ops());
        assertEquals(0, callRoundTrip(new Call(5, 6, null, false, List.of())).releasedCount());
        long[] max = new long[Call.MAX_RELEASED];
        Arrays.setAll(max, i -> i + 1);
        assertEquals(Call.MAX_RELEASED, callRoundTrip(Call.releaseOnly(max)).releasedCount());
    }

    @Test
    void releasedSessionsAreBoundedAndNeedNoOperations() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> Call.releaseOnly(new long[Call.MAX_RELEASED + 1]));
        assertThrows(IllegalArgumentException.class, () -> new Call(0, 1, null, false, List.of(new Op.Commit())));
        // A frame that announces one session more than a call may give back.
        byte[] head = Arrays.copyOf(call(0), 19);
        head[18] = 4; // flags: released sessions follow
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(head);
        b.write(0x81); // varint 4097
        b.write(0x20);
        b.writeBytes(new byte[(Call.MAX_RELEASED + 1) * 8]);
        b.write(0); // no operations
        assertMessage(refusedCall(b.toByteArray()), "4097 released sessions, more than 4096");
        // Operations with neither a session to run on nor a borrow.
        byte[] orphan = call(1, 12, 0);
        orphan[9] = 0; // session 0
        assertMessage(refusedCall(orphan), "operations without a session or a borrow");
    }

    @Test
    void everyResultRoundTrips() throws Exception {
        for (Result r : everyResult()) {
            replyRoundTrip(new Reply(3, null, List.of(r), null));
        }
        replyRoundTrip(new Reply(0, new SessionInfo(true, false, 1), everyResult(), chain()));
    }

    @Test
    void replyHeadersAndErrorChainsRoundTrip() throws Exception {
        for (boolean autoCommit : new boolean[] {true, false}) {
            for (boolean readOnly : new boolean[] {true, false}) {
                for (int holdability : new int[] {1, 2, 0, -1, Integer.MAX_VALUE}) {
                    replyRoundTrip(new Reply(Long.MIN_VALUE, new SessionInfo(autoCommit, readOnly, holdability), List.of(),
                            null));
                }
            }
        }
        replyRoundTrip(new Reply(0, null, List.of(), null));
        Reply back = replyRoundTrip(new Reply(0, null, List.of(), chain()));
        java.sql.SQLException e = back.error().toException();
        assertEquals(SqlError.Kind.values().length + 1, countChain(e));
        replyRoundTrip(new Reply(0, null, List.of(), SqlError.of(SqlError.Kind.TICKET_EXPIRED, "28000", "expired")));
    }

    private static int countChain(java.sql.SQLException e) {
        int n = 0;
        for (java.sql.SQLException x = e; x != null; x = x.getNextException()) {
            n++;
        }
        return n;
    }

    @Test
    void chainsLongerThanTheLimitAreCutWhenEncoded() throws Exception {
        SqlError e = null;
        for (int i = 0; i < Wire.MAX_CHAIN + 10; i++) {
            e = new SqlError("e" + i, "HY000", i, SqlError.Kind.GENERIC, null, e);
        }
        Reply back = Wire.decodeReply(Wire.encode(new Reply(0, null, List.of(), e)));
        int n = 0;
        for (SqlError x = back.error(); x != null; x = x.next()) {
            n++;
        }
        assertEquals(Wire.MAX_CHAIN, n);
    }

    @Test
    void aLobChunkLargerThanTheChunkSizeIsRefusedBeforeItIsCopied() {
        byte[] frame = Wire.encode(new Call(1, 1, null, false, List.of(
                new Op.LobWrite(1, new byte[LobParam.CHUNK_BYTES + 1]))));
        assertMessage(refusedCall(frame), "LOB chunk of " + (LobParam.CHUNK_BYTES + 1) + " bytes, the limit is");
        assertThrows(IllegalArgumentException.class, () -> new LobParam(LobParam.Kind.CLOB, 3, new byte[3], 0),
                "characters are UTF-16: an even number of bytes");
        assertThrows(IllegalArgumentException.class, () -> new LobParam(LobParam.Kind.BLOB, 3, new byte[2], 0));
        assertThrows(IllegalArgumentException.class, () -> new LobParam(LobParam.Kind.BLOB, 3, null, 0));
    }

    @Test
    void loginsRoundTripAndThePasswordKeepsEveryChar() throws Exception {
        char[] password = {'p', 'ä', '\uD83D', '\uDE00', '\uD800', '\0', 'x'}; // a surrogate pair, a lone surrogate, NUL
        LoginRequest back = Wire.decodeLogin(Wire.encode(new LoginRequest(Protocol.VERSION, "app", password, "shop-eu")));
        assertArrayEquals(password, back.password());
        assertEquals("app", back.user());
        assertEquals("shop-eu", back.tenant());
        assertEquals(Protocol.VERSION, back.protocolVersion());
        LoginRequest noTenant = Wire.decodeLogin(Wire.encode(new LoginRequest(Protocol.VERSION, "", new char[0], null)));
        assertNull(noTenant.tenant());
        assertEquals(0, noTenant.password().length);

        byte[] ticket = new byte[Protocol.TICKET_BYTES];
        ticket[0] = 7;
        ticket[31] = -1;
        LoginRequest successor = Wire.decodeLogin(Wire.encode(new LoginRequest(Protocol.VERSION, "app", password,
                null, ticket)));
        assertArrayEquals(ticket, successor.previousTicket());
        assertNull(back.previousTicket());

        LoginReply ok = Wire.decodeLoginReply(Wire.encode(new LoginReply(ticket, 30_000, 28_800_000, 256, 64 << 20,
                null)));
        assertArrayEquals(ticket, ok.ticket());
        assertEquals(30_000, ok.leaseMillis());
        assertEquals(28_800_000, ok.ticketLifetimeMillis());
        assertEquals(256, ok.maxChannels());
        assertEquals(64 << 20, ok.maxCallBytes());
        assertNull(ok.error());
        assertFalse(ok.toString().contains(java.util.Arrays.toString(ticket)), "a reply never shows its ticket");
        LoginReply refused = Wire.decodeLoginReply(Wire.encode(LoginReply.refused(
                SqlError.of(SqlError.Kind.INVALID_AUTHORIZATION, "28000", "wrong user name or password"))));
        assertNull(refused.ticket());
        assertEquals("28000", refused.error().sqlState());
        assertEquals(SqlError.Kind.INVALID_AUTHORIZATION, refused.error().kind());
    }

    @Test
    void aLoginLongerThanTheLimitIsRefusedOnBothSidesAndTicketsHaveOneLength() {
        char[] longPassword = new char[Protocol.MAX_LOGIN_FRAME / 2];
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> Wire.encode(new LoginRequest(Protocol.VERSION, "app", longPassword, null)));
        assertTrue(tooLong.getMessage().contains("limit of " + Protocol.MAX_LOGIN_FRAME + " bytes"), tooLong.getMessage());
        byte[] oversized = new byte[Protocol.MAX_LOGIN_FRAME + 1];
        oversized[0] = (byte) Protocol.VERSION;
        oversized[1] = 1;
        assertMessage(assertThrows(WireException.class, () -> Wire.decodeLogin(oversized)), "exceeds the limit of 4096");
        assertThrows(IllegalArgumentException.class, () -> Wire.encode(new LoginRequest(Protocol.VERSION, "app",
                new char[0], null, new byte[5])));
        byte[] reply = Wire.encode(new LoginReply(new byte[Protocol.TICKET_BYTES], 1, 1, 1, 1, null));
        reply[2] = 6; // a ticket of 5 bytes
        assertMessage(assertThrows(WireException.class, () -> Wire.decodeLoginReply(reply)),
                "ticket of 5 bytes, a ticket is 32");
    }

    @Test
    void theHotCallsAreSmall() {
        // The benchmark's cycle: borrow, prepared query with one int, one row of two columns.
        Call call = new Call(0, 1234567890123L, Borrow.DEFAULT, false, List.of(new Op.Execute(
                Op.StatementKind.PREPARED, Op.Mode.QUERY, "select id, name from bench_item where id = ?",
                new Object[] {42}, 0, 0, 0, null)));
        Reply reply = new Reply(77, new SessionInfo(true, false, 1), List.of(new Result.Executed(-1,
                new Rows(List.of(column("id"), column("name")), new Object[][] {{42, "name-42"}}, true), 0, null, null,
                null)), null);
        int callBytes = Wire.encode(call).length;
        int replyBytes = Wire.encode(reply).length;
        assertTrue(callBytes < 100, "call of " + callBytes + " bytes"); // 1,069 as serialized records; 44 of it SQL
        assertTrue(replyBytes < 200, "reply of " + replyBytes + " bytes"); // 1,205 as serialized records
    }

    @Test
    void theFormatIsPinned() {
        // A change here changes what the other side reads: bump Protocol.VERSION with it.
        Call call = new Call(0, 1, new Borrow(Intent.READ_ONLY, Priority.LOW, 500), true, List.of(
                new Op.Execute(Op.StatementKind.PREPARED, Op.Mode.QUERY, "select ?", new Object[] {42, "é", null,
                        new SqlNull(Types.INTEGER)}, 0, 0, 0, null),
                new Op.Set(Op.Property.ISOLATION, 8), new Op.Release()));
        assertEquals("0903" // version 9, a call
                + "0000000000000000" + "0000000000000001" // session, handle
                + "03" + "01" + "02" + "e807" // flags (borrow, release), READ_ONLY, LOW, 500 (zigzag 1000)
                + "03" // three operations
                + "01" + "01" + "00" + "09" + "73656c656374203f" // execute, PREPARED, QUERY, "select ?"
                + "04" + "060000002a" + "0b03c3a9" + "00" + "0108" // 42, "é", null, SqlNull(INTEGER)
                + "000000" + "00" + "00" // fetch size, max rows, timeout; no keys; no known columns
                + "09" + "02" + "0600000008" // set ISOLATION 8
                + "0f", // release
                HexFormat.of().formatHex(Wire.encode(call)));
    }

    // ------------------------------------------------------------------ encoding refusals

    @Test
    void valuesWithoutAnEncodingAreRefusedWhenEncoding() {
        Op.Execute op = new Op.Execute(Op.StatementKind.PREPARED, Op.Mode.QUERY, "select ?",
                new Object[] {new java.util.HashMap<>()}, 0, 0, 0, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Wire.encode(new Call(1, 1, null, false, List.of(op))));
        assertTrue(e.getMessage().contains("java.util.HashMap"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Wire.encode(new Reply(1, null, List.of(new Result.Value(
                new java.util.Date())), null)));
        Rows ragged = new Rows(null, new Object[][] {{1, 2}, {3}}, true);
        assertThrows(IllegalArgumentException.class,
                () -> Wire.encode(new Reply(1, null, List.of(new Result.Fetched(ragged)), null)));
        Object[] deep = {};
        for (int i = 0; i < Wire.MAX_NESTING + 2; i++) {
            deep = new Object[] {deep};
        }
        Object[] tooDeep = deep;
        assertThrows(IllegalArgumentException.class, () -> Wire.encode(new Reply(1, null,
                List.of(new Result.Value(tooDeep)), null)));
        assertThrows(IllegalArgumentException.class, () -> Wire.encode(new Reply(1, null,
                List.of(new Result.Value(BigInteger.TWO.pow(8 * Wire.MAX_MAGNITUDE_BYTES + 8))), null)));
    }
}
