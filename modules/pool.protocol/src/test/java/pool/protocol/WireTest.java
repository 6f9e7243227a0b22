package pool.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Types;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import pool.api.Intent;
import pool.api.Priority;

class WireTest {

    // ------------------------------------------------------------------ fixtures

    /** Every value type the format carries, with edge values of each. */
    static List<Object> values() {
        List<Object> v = new ArrayList<>();
        v.add(null);
        for (int type : new int[] {Types.NULL, Types.INTEGER, Types.BIGINT, Types.VARCHAR, Types.NUMERIC, Types.BOOLEAN,
                Types.DATE, Types.TIME, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE, Types.BINARY, Types.BLOB,
                Types.CLOB, Types.OTHER, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            v.add(new SqlNull(type));
        }
        v.addAll(List.of(true, false));
        v.addAll(List.of((byte) 0, Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) -1));
        v.addAll(List.of((short) 0, Short.MIN_VALUE, Short.MAX_VALUE, (short) -1));
        v.addAll(List.of(0, 1, -1, 63, 64, -64, -65, Integer.MIN_VALUE, Integer.MAX_VALUE));
        v.addAll(List.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 35));
        v.addAll(List.of(0f, -0f, Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, Float.NaN,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 2.5f));
        v.addAll(List.of(0d, -0d, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.5d));
        v.addAll(List.of('\0', 'a', 'é', '\uFFFF', '\uD800'));
        v.addAll(List.of("", "a", "select id, name from bench_item where id = ?", "Grüße – 日本語 ✓ 😀 \u0000 end",
                "x".repeat(4095), "y".repeat(4096), "z".repeat(70_000), "é".repeat(5000)));
        v.addAll(List.of(BigDecimal.ZERO, BigDecimal.ONE.negate(), new BigDecimal("12345.678900"),
                new BigDecimal("-0.000000000000000000000000000001"), new BigDecimal("1E+50"),
                new BigDecimal(BigInteger.ONE, Integer.MAX_VALUE), new BigDecimal(BigInteger.ONE, Integer.MIN_VALUE),
                new BigDecimal(BigInteger.TEN.pow(5000).negate(), 16383),
                new BigDecimal(new BigInteger("123456789012345678901234567890"), 10)));
        v.addAll(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE.negate(), BigInteger.TWO.pow(64),
                BigInteger.TWO.pow(64).negate(), BigInteger.TEN.pow(10_000)));
        v.addAll(List.of(new byte[0], new byte[] {0, -1, 127, -128}, new byte[100_000]));
        v.addAll(List.of(UUID.randomUUID(), new UUID(0, 0), new UUID(Long.MAX_VALUE, Long.MIN_VALUE)));
        v.addAll(List.of(java.sql.Date.valueOf("2026-11-24"), java.sql.Date.valueOf("1901-01-01"),
                new java.sql.Date(Long.MIN_VALUE), new java.sql.Date(Long.MAX_VALUE)));
        v.addAll(List.of(java.sql.Time.valueOf("23:55:00"), java.sql.Time.valueOf("00:00:00"), new java.sql.Time(-1)));
        v.addAll(List.of(java.sql.Timestamp.valueOf("2026-11-24 23:55:00.123456789"),
                java.sql.Timestamp.valueOf("1960-01-01 00:00:00.5"), java.sql.Timestamp.valueOf("1970-01-01 00:00:00"),
                timestamp(Long.MAX_VALUE / 2, 999_999_999), timestamp(-Long.MAX_VALUE / 2, 0)));
        v.addAll(List.of(LocalDate.of(2026, 11, 24), LocalDate.MIN, LocalDate.MAX, LocalDate.EPOCH));
        v.addAll(List.of(LocalTime.of(23, 55, 1, 5), LocalTime.MIN, LocalTime.MAX, LocalTime.NOON));
        v.addAll(List.of(LocalDateTime.of(2026, 11, 24, 23, 55), LocalDateTime.MIN, LocalDateTime.MAX));
        v.addAll(List.of(OffsetDateTime.of(2026, 11, 24, 23, 55, 0, 1, ZoneOffset.ofHours(2)), OffsetDateTime.MIN,
                OffsetDateTime.MAX, OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHoursMinutesSeconds(-5, -30, -7))));
        v.addAll(List.of(OffsetTime.of(23, 55, 0, 999, ZoneOffset.UTC), OffsetTime.MIN, OffsetTime.MAX));
        v.addAll(List.of(ZonedDateTime.of(2026, 11, 24, 23, 55, 0, 0, ZoneId.of("Europe/Berlin")),
                ZonedDateTime.of(2026, 6, 1, 12, 0, 0, 0, ZoneOffset.UTC),
                ZonedDateTime.of(2026, 6, 1, 12, 0, 0, 0, ZoneId.of("UTC")),
                // The hour that occurs twice when clocks go back: both offsets survive.
                ZonedDateTime.ofLocal(LocalDateTime.of(2026, 10, 25, 2, 30), ZoneId.of("Europe/Berlin"), ZoneOffset.ofHours(2)),
                ZonedDateTime.ofLocal(LocalDateTime.of(2026, 10, 25, 2, 30), ZoneId.of("Europe/Berlin"), ZoneOffset.ofHours(1))));
        v.addAll(List.of(Instant.EPOCH, Instant.MIN, Instant.MAX, Instant.parse("2026-11-24T23:55:00.123456789Z"),
                Instant.ofEpochSecond(-1, 1)));
        v.addAll(List.of(new OutParam(Types.VARCHAR, -1, null), new OutParam(Types.NUMERIC, 4, new BigDecimal("1.2500")),
                new OutParam(Types.INTEGER, Integer.MIN_VALUE, 7)));
        v.addAll(List.of(new Object[0], new Object[] {1, "two", null, new Object[] {3L, new byte[] {4}}},
                new String[0], new String[] {"a", null, ""}));
        v.addAll(List.of(new int[0], new int[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE},
                new long[] {Long.MIN_VALUE, Long.MAX_VALUE}, new double[] {Double.NaN, -0d, 1.5},
                new float[] {Float.NaN, -0f, 2.5f}, new short[] {Short.MIN_VALUE, Short.MAX_VALUE},
                new char[] {'\0', 'é', '\uFFFF'}, new boolean[] {true, false, true}, new boolean[0]));
        v.addAll(List.of(new LobParam(LobParam.Kind.BLOB, 3, new byte[] {1, 2, 3}, 0),
                new LobParam(LobParam.Kind.NCLOB, 4, null, 9), new LobParam(LobParam.Kind.CHARACTER_STREAM, 0, new byte[0], 0),
                new LobParam(LobParam.Kind.ASCII_STREAM, Long.MAX_VALUE, null, Long.MIN_VALUE)));
        return v;
    }

    private static java.sql.Timestamp timestamp(long millis, int nanos) {
        java.sql.Timestamp t = new java.sql.Timestamp(millis);
        t.setNanos(nanos);
        return t;
    }

    static Column column(String label) {
        return new Column(label, label.toLowerCase(), Types.INTEGER, "int4", "java.lang.Integer", 10, 0, 1, true,
                false, false, false, true, true, 11, "bench_item", "public", "");
    }

    /** {@link #values()} without the long ones: frames to cut and corrupt at every byte. */
    static List<Object> shortValues() {
        return values().stream().filter(v -> {
            Op.Execute op = new Op.Execute(Op.StatementKind.PLAIN, Op.Mode.ANY, "", new Object[] {v}, 0, 0, 0, null);
            return Wire.encode(new Call(1, 1, null, false, List.of(op))).length < 100;
        }).toList();
    }

    static List<Op> everyOp() {
        return everyOp(values());
    }

    static List<Op> everyOp(List<Object> values) {
        Object[] params = values.toArray();
        return List.of(
                new Op.Execute(Op.StatementKind.PREPARED, Op.Mode.QUERY, "select id, name from bench_item where id = ?",
                        new Object[] {42}, 0, 0, 0, null),
                new Op.Execute(Op.StatementKind.PREPARED, Op.Mode.QUERY, "select 1", null, 0, 0, 0, null, 0x1234_5678_9ABCL),
                new Op.Execute(Op.StatementKind.PLAIN, Op.Mode.ANY, "select 2", null, 0, 0, 0, null, -1L),
                new Op.Execute(Op.StatementKind.PLAIN, Op.Mode.ANY, "select 3", null, 0, 0, 0, Op.Keys.ALL, Long.MIN_VALUE),
                new Op.Execute(Op.StatementKind.CALLABLE, Op.Mode.ANY, "{call p(?, ?)}", params, Integer.MAX_VALUE,
                        Integer.MIN_VALUE, -1, Op.Keys.ALL),
                new Op.Execute(Op.StatementKind.PLAIN, Op.Mode.UPDATE, "insert into t values (1)", null, 10, 20, 30,
                        new Op.Keys(false, new int[] {1, 2}, null)),
                new Op.Execute(Op.StatementKind.PREPARED, Op.Mode.UPDATE, "", new Object[0], 1, 1, 1,
                        new Op.Keys(false, null, new String[] {"id", "créé", null})),
                new Op.Execute(Op.StatementKind.PREPARED, Op.Mode.UPDATE, "x", null, 1, 1, 1,
                        new Op.Keys(true, new int[0], new String[0])),
                new Op.Batch(Op.StatementKind.PLAIN, null, List.of("insert 1", "insert 2", ""), null, 5),
                new Op.Batch(Op.StatementKind.PREPARED, "insert into t values (?, ?)",
                        null, List.of(new Object[] {1, "a"}, new Object[] {new SqlNull(Types.INTEGER), null}, new Object[0]), 0),
                new Op.Batch(Op.StatementKind.CALLABLE, "{call p(?)}", List.of(), List.of(), Integer.MIN_VALUE),
                new Op.LobWrite(1, new byte[] {1, 2}), new Op.LobWrite(-5, new byte[0]),
                new Op.LobRead(16384, 0, -1), new Op.LobRead(1, Long.MAX_VALUE, LobParam.CHUNK_BYTES),
                new Op.Fetch(Long.MAX_VALUE, 1000), new Op.Fetch(-1, 0), new Op.Fetch(0x0123_4567_89AB_CDEFL, Integer.MAX_VALUE),
                new Op.CloseCursor(7), new Op.CloseCursor(Long.MIN_VALUE),
                new Op.Commit(),
                new Op.Rollback(0), new Op.Rollback(5), new Op.Rollback(Integer.MIN_VALUE),
                new Op.SetSavepoint(null), new Op.SetSavepoint("sp1"), new Op.SetSavepoint(""),
                new Op.ReleaseSavepoint(3),
                new Op.Set(Op.Property.AUTO_COMMIT, false), new Op.Set(Op.Property.READ_ONLY, true),
                new Op.Set(Op.Property.ISOLATION, 8), new Op.Set(Op.Property.CATALOG, "db"),
                new Op.Set(Op.Property.SCHEMA, null), new Op.Set(Op.Property.HOLDABILITY, 2),
                new Op.Get(Op.Property.AUTO_COMMIT), new Op.Get(Op.Property.READ_ONLY), new Op.Get(Op.Property.ISOLATION),
                new Op.Get(Op.Property.CATALOG), new Op.Get(Op.Property.SCHEMA), new Op.Get(Op.Property.HOLDABILITY),
                new Op.Validate(0), new Op.Validate(30),
                new Op.Warnings(true), new Op.Warnings(false),
                new Op.MetaInfo(),
                new Op.MetaCall("getTables", new Object[] {null, "public", "%", new String[] {"TABLE", "VIEW"}}),
                new Op.MetaCall("getBestRowIdentifier", new Object[] {"c", "s", "t", 1, true}),
                new Op.MetaCall("getIndexInfo", null),
                new Op.MetaCall("supportsConvert", new Object[] {4, 12, new int[] {1}}),
                new Op.Release());
    }

    static List<Result> everyResult() {
        return everyResult(values());
    }

    static List<Result> everyResult(List<Object> v) {
        Object[][] data = new Object[v.size()][];
        for (int i = 0; i < data.length; i++) {
            data[i] = new Object[] {v.get(i), i};
        }
        Rows wide = new Rows(List.of(column("VALUE"), column("N")), data, false);
        Rows one = new Rows(List.of(column("ID"), column("NAME")), new Object[][] {{42, "name-42"}}, true);
        Rows next = new Rows(null, new Object[][] {{1, null}, {null, "x"}}, true);
        Rows empty = new Rows(List.of(), new Object[0][], true);
        Rows emptyWithColumns = new Rows(List.of(column("A")), new Object[0][], true);
        SqlError warning = new SqlError("careful", "01000", 0, SqlError.Kind.WARNING, null,
                new SqlError("again", null, -1, null, null, null));
        return List.of(
                new Result.Done(),
                new Result.Executed(-1, one, 0, null, null, null),
                new Result.Executed(-1, wide, Long.MAX_VALUE, null, null, warning, true),
                new Result.Executed(Long.MAX_VALUE, null, 0, one, new Object[] {null, "out", new BigDecimal("1.5")},
                        null),
                new Result.Executed(0, empty, -5, emptyWithColumns, new Object[0], warning, false),
                new Result.Executed(-1, next, 0, null, null, null, false, 0x7654_3210_0123_4567L),
                new Result.Executed(-1, one, 9, null, null, null, true, Long.MIN_VALUE),
                new Result.Executed(-1, one, 9, null, null, null, true, -1),
                new Result.Batched(new long[] {1, 0, -2, -3, Long.MIN_VALUE, Long.MAX_VALUE}),
                new Result.Batched(new long[0]),
                new Result.Fetched(next), new Result.Fetched(empty), new Result.Fetched(wide),
                new Result.SavepointSet(1), new Result.SavepointSet(Integer.MAX_VALUE),
                new Result.Value(null), new Result.Value(true), new Result.Value(8), new Result.Value("PUBLIC"),
                new Result.Value(Long.MIN_VALUE),
                new Result.Warnings(null), new Result.Warnings(warning),
                new Result.Meta(List.of("getDatabaseProductName", "getMaxConnections", "supportsBatchUpdates",
                        "getMaxRowSize"), new Object[] {"PostgreSQL", 0, true, 1_073_741_824L}),
                new Result.Meta(List.of(), null),
                new Result.Meta(List.of(), new Object[0]));
    }

    static SqlError chain() {
        SqlError tail = null;
        SqlError.Kind[] kinds = SqlError.Kind.values();
        for (int i = kinds.length - 1; i >= 0; i--) {
            tail = new SqlError("error " + i + " ü", i % 3 == 0 ? null : "2350" + i, i * 1000 - 7, kinds[i],
                    kinds[i] == SqlError.Kind.BATCH ? new long[] {1, -3} : null, tail);
        }
        return new SqlError(null, null, 0, null, new long[0], tail);
    }

    // ------------------------------------------------------------------ deep comparison

    /** Records compared component by component, arrays element by element, lists by elements. */
    static void assertDeepEquals(Object expected, Object actual, String path) {
        if (expected == null || actual == null) {
            assertEquals(expected, actual, path);
            return;
        }
        if (expected instanceof List<?> e) {
            List<?> a = assertInstanceOfList(actual, path);
            assertEquals(e.size(), a.size(), path + ".size");
            for (int i = 0; i < e.size(); i++) {
                assertDeepEquals(e.get(i), a.get(i), path + "[" + i + "]");
            }
            return;
        }
        assertEquals(expected.getClass(), actual.getClass(), path);
        if (expected.getClass().isArray()) {
            int n = Array.getLength(expected);
            assertEquals(n, Array.getLength(actual), path + ".length");
            for (int i = 0; i < n; i++) {
                assertDeepEquals(Array.get(expected, i), Array.get(actual, i), path + "[" + i + "]");
            }
        } else if (expected.getClass().isRecord()) {
            for (RecordComponent c : expected.getClass().getRecordComponents()) {
                try {
                    assertDeepEquals(c.getAccessor().invoke(expected), c.getAccessor().invoke(actual), path + "." + c.getName());
                } catch (ReflectiveOperationException x) {
                    throw new AssertionError(x);
                }
            }
        } else if (expected instanceof java.sql.Timestamp t) {
            assertEquals(t, actual, path);
            assertEquals(t.getNanos(), ((java.sql.Timestamp) actual).getNanos(), path + ".nanos");
        } else if (expected instanceof ZonedDateTime z) {
            assertEquals(z, actual, path); // local date-time, offset and zone
        } else {
            assertEquals(expected, actual, path); // BigDecimal: scale too; Double/Float: bits (NaN, -0)
        }
    }

    private static List<?> assertInstanceOfList(Object actual, String path) {
        if (!(actual instanceof List<?> a)) {
            throw new AssertionError(path + ": expected a list, got " + actual.getClass());
        }
        return a;
    }

    private static Call callRoundTrip(Call call) throws WireException {
        Call back = Wire.decodeCall(Wire.encode(call));
        assertDeepEquals(call, back, "call");
        return back;
    }

    private static Reply replyRoundTrip(Reply reply) throws WireException {
        Reply back = Wire.decodeReply(Wire.encode(reply));
        assertDeepEquals(reply, back, "reply");
        return back;
    }

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
        assertEquals("0603" // version 6, a call
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

    // ------------------------------------------------------------------ hostile frames

    /** Every operation, with every value that is not long. */
    private static byte[] richCall() {
        return Wire.encode(new Call(0, 1, Borrow.DEFAULT, true, everyOp(shortValues())));
    }

    private static byte[] richReply() {
        return Wire.encode(new Reply(5, new SessionInfo(true, true, 2), everyResult(shortValues()), chain()));
    }

    private static WireException refusedCall(byte[] frame) {
        return assertThrows(WireException.class, () -> Wire.decodeCall(frame));
    }

    private static WireException refusedReply(byte[] frame) {
        return assertThrows(WireException.class, () -> Wire.decodeReply(frame));
    }

    private static void assertMessage(WireException e, String part) {
        assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' should say '" + part + "'");
    }

    @Test
    void everyTruncationIsRefused() {
        for (byte[] frame : List.of(richCall(), Wire.encode(new Call(1, 2, null, false, List.of())))) {
            for (int n = 0; n < frame.length; n++) {
                WireException e = refusedCall(Arrays.copyOf(frame, n));
                if (n >= 2) {
                    assertMessage(e, "call frame");
                }
            }
        }
        byte[] reply = richReply();
        for (int n = 0; n < reply.length; n += Math.max(1, n / 50)) { // every byte early on, then spaced out
            refusedReply(Arrays.copyOf(reply, n));
        }
        byte[] login = Wire.encode(new LoginRequest(Protocol.VERSION, "app", "secret".toCharArray(), "t"));
        for (int n = 0; n < login.length; n++) {
            byte[] cut = Arrays.copyOf(login, n);
            assertThrows(WireException.class, () -> Wire.decodeLogin(cut));
        }
        assertMessage(refusedCall(Arrays.copyOf(richCall(), 20)), "truncated call frame");
    }

    @Test
    void headersAreChecked() {
        assertMessage(refusedCall(null), "no call frame");
        assertMessage(refusedCall(new byte[0]), "no header");
        assertMessage(refusedCall(new byte[] {(byte) Protocol.VERSION}), "no header");
        byte[] call = richCall();
        byte[] v1 = call.clone();
        v1[0] = 1;
        WireException old = refusedCall(v1);
        assertMessage(old, "protocol version 1, this side speaks " + Protocol.VERSION);
        assertMessage(old, "jars must be of the daemon's version");
        v1[0] = (byte) 0xFF;
        assertMessage(refusedCall(v1), "protocol version 255");
        // A reply is not a call, nor a login a call: frames say what they are.
        assertMessage(refusedCall(richReply()), "expected a call frame, got kind 4 (reply)");
        assertMessage(refusedReply(call), "expected a reply frame, got kind 3 (call)");
        byte[] login = Wire.encode(new LoginRequest(Protocol.VERSION, "u", new char[] {'p'}, null));
        assertMessage(refusedCall(login), "got kind 1 (login)");
        assertMessage(assertThrows(WireException.class, () -> Wire.decodeLogin(call)), "expected a login frame");
        byte[] kind9 = {(byte) Protocol.VERSION, 9};
        assertMessage(refusedCall(kind9), "got kind 9");
    }

    @Test
    void trailingBytesAreRefused() {
        byte[] call = richCall();
        byte[] longer = Arrays.copyOf(call, call.length + 1);
        assertMessage(refusedCall(longer), "1 bytes left over after the call");
        byte[] reply = richReply();
        assertMessage(refusedReply(Arrays.copyOf(reply, reply.length + 3)), "3 bytes left over");
    }

    /** A call frame: header, session 1, handle 1, no borrow, then {@code ops} ops given as raw bytes. */
    private static byte[] call(int ops, int... body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int[] head = {Protocol.VERSION, 3, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, ops};
        for (int x : head) {
            b.write(x);
        }
        for (int x : body) {
            b.write(x);
        }
        return b.toByteArray();
    }

    /** The start of an execute whose parameters follow: PREPARED QUERY "s". */
    private static final int[] EXECUTE = {1, 1, 0, 2, 's'};

    private static int[] concat(int[]... parts) {
        return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
    }

    /** An execute whose one parameter is {@code value}, followed by the rest of the execute. */
    private static byte[] executeWith(int... value) {
        return call(1, concat(EXECUTE, new int[] {1}, value, new int[] {0, 0, 0, 0, 0}));
    }

    @Test
    void theRawFramesOfTheseTestsAreWellFormed() throws Exception {
        // Control: the hand-made frames below differ from valid ones only where they say.
        Call c = Wire.decodeCall(executeWith(6, 0, 0, 0, 42));
        assertEquals(42, ((Op.Execute) c.ops().get(0)).params()[0]);
        assertEquals(1, c.session());
        assertEquals(0, Wire.decodeCall(call(0)).ops().size());
    }

    @Test
    void unknownTagsAndCodesAreRefused() {
        assertMessage(refusedCall(call(1, 0)), "unknown operation tag 0");
        assertMessage(refusedCall(call(1, 0xC0)), "unknown operation tag 192");
        assertMessage(refusedCall(call(1, 0xFF)), "unknown operation tag 255");
        assertMessage(refusedCall(executeWith(0xC1)), "unknown value tag 193");
        assertMessage(refusedCall(executeWith(61)), "unknown value tag 61");
        assertMessage(refusedCall(executeWith(60, 6, 0, 1)), "unknown LOB kind code 6");
        assertMessage(refusedCall(executeWith(60, 0, 100, 1, 1, 2)), "inline LOB of 100 bytes exceeds");
        assertMessage(refusedCall(executeWith(0xC8)), "unknown value tag 200");
        assertMessage(refusedCall(call(1, 1, 3, 0, 2, 's', 0, 0, 0, 0, 0)), "unknown statement kind code 3");
        assertMessage(refusedCall(call(1, 1, 1, 3, 2, 's', 0, 0, 0, 0, 0)), "unknown execute mode code 3");
        assertMessage(refusedCall(call(1, 9, 8, 0)), "unknown connection property code 8");
        assertMessage(refusedCall(call(1, 10, 0x7F)), "unknown connection property code 127");
        // The borrow's enums.
        byte[] borrow = call(0);
        borrow[18] = 1; // flags: a borrow follows
        byte[] badIntent = Arrays.copyOf(borrow, borrow.length + 3);
        System.arraycopy(new byte[] {2, 1, 0, 0}, 0, badIntent, 18 + 1, 3);
        badIntent[badIntent.length - 1] = 0;
        assertThrows(WireException.class, () -> Wire.decodeCall(badIntent));
        // Undefined flag bits.
        byte[] flags = call(0);
        flags[18] = 8;
        assertMessage(refusedCall(flags), "undefined flag bits in call");
        assertMessage(refusedCall(call(1, 12, 2)), "undefined flag bits in warnings");
        assertMessage(refusedCall(call(1, concat(EXECUTE, new int[] {0, 0, 0, 0, 0x10}))),
                "undefined flag bits in generated keys");
        assertMessage(refusedCall(executeWith(29, 1, 2)), "undefined flag bits in boolean[] element");
        // Result tags, in a reply.
        byte[] reply = {(byte) Protocol.VERSION, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 9, 0};
        assertMessage(refusedReply(reply), "unknown result tag 9");
        byte[] errorKind = {(byte) Protocol.VERSION, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 14, 0};
        assertMessage(refusedReply(errorKind), "unknown error kind code 14");
    }

    @Test
    void lengthsBeyondTheFrameAreRefusedBeforeAllocating() {
        int[] maxInt = {0xFF, 0xFF, 0xFF, 0xFF, 0x07};
        // A string, a byte[], an Object[], a long[] and a String[] "of 2^31 - 1 elements" in a tiny frame.
        assertMessage(refusedCall(executeWith(concat(new int[] {11}, maxInt))), "exceeds the");
        assertMessage(refusedCall(executeWith(concat(new int[] {14}, maxInt))), "length of byte[] value 2147483647");
        assertMessage(refusedCall(executeWith(concat(new int[] {27}, maxInt))), "length of values 2147483647");
        assertMessage(refusedCall(executeWith(concat(new int[] {33}, maxInt))), "length of long[] value");
        assertMessage(refusedCall(executeWith(concat(new int[] {28}, maxInt))), "length of String[] value");
        assertMessage(refusedCall(call(0xFF, 0xFF, 0xFF, 0xFF, 0x07)), "length of operations");
        // Lengths that do not fit an int at all, and varints that never end.
        assertMessage(refusedCall(executeWith(11, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F)), "out of range");
        assertMessage(refusedCall(executeWith(11, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01)), "varint longer than 5 bytes");
        assertMessage(refusedCall(executeWith(7 /* long: 8 fixed bytes */, 1, 2, 3)), "truncated");
        // A row count times width beyond the frame, in a reply (rows are replies' business).
        byte[] rows = {(byte) Protocol.VERSION, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 4, 0, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF, 0x0F, (byte) 0x80, 0x40, 0, 0};
        assertMessage(refusedReply(rows), "cannot fit");
        byte[] emptyRows = {(byte) Protocol.VERSION, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 4, 0, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF, 0x0F, 0, 1, 0};
        assertMessage(refusedReply(emptyRows), "empty rows");
    }

    @Test
    void limitsOfNestingNumbersChainsAndObjectsHold() {
        // Object[] in Object[] ... deeper than the limit.
        int[] nested = new int[0];
        for (int i = 0; i <= Wire.MAX_NESTING; i++) {
            nested = concat(nested, new int[] {27, 1});
        }
        assertMessage(refusedCall(executeWith(concat(nested, new int[] {0}))), "nested deeper than " + Wire.MAX_NESTING);
        // A magnitude over the limit: refused though the frame holds it.
        int n = Wire.MAX_MAGNITUDE_BYTES + 1;
        int[] big = new int[n + 4];
        big[0] = 13;
        big[1] = (n & 0x7F) | 0x80;
        big[2] = ((n >>> 7) & 0x7F) | 0x80;
        big[3] = n >>> 14;
        assertMessage(refusedCall(executeWith(big)), "number magnitude of " + n + " bytes");
        assertMessage(refusedCall(executeWith(13, 0)), "number magnitude of 0 bytes");
        // An error chain longer than the limit.
        byte[] chain = {(byte) Protocol.VERSION, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) (Wire.MAX_CHAIN + 1), 0, 0, 0,
                0, 0};
        byte[] longChain = Arrays.copyOf(chain, chain.length + 5 * (Wire.MAX_CHAIN + 1));
        assertMessage(refusedReply(longChain), "error chain of " + (Wire.MAX_CHAIN + 1));
    }

    @Test
    void aCallMayNotMakeTheDaemonAllocateMoreThanItsObjectBudget() {
        // A batch of empty parameter sets: 1 byte each, yet each would be an object in a list.
        int sets = Wire.MAX_CALL_OBJECTS + 1;
        ByteArrayOutputStream b = new ByteArrayOutputStream(sets + 64);
        byte[] head = call(1, 2, 1, 0, 0); // BATCH PREPARED, sql null, no statements
        b.write(head, 0, head.length);
        for (int v = sets; ; v >>>= 7) { // the count
            if ((v & ~0x7F) == 0) {
                b.write(v);
                break;
            }
            b.write((v & 0x7F) | 0x80);
        }
        for (int i = 0; i < sets; i++) {
            b.write(0);
        }
        b.write(0); // timeout
        assertMessage(refusedCall(b.toByteArray()), "more than " + Wire.MAX_CALL_OBJECTS + " objects in one call");
    }

    @Test
    void valuesOutOfRangeAreRefused() {
        // Timestamp nanos of a billion: zigzag 2,000,000,000 = 0x80 0xA8 0xD6 0xB9 0x07.
        assertMessage(refusedCall(executeWith(18, 0, 0x80, 0xA8, 0xD6, 0xB9, 0x07)), "timestamp nanos 1000000000");
        // A LocalDate past LocalDate.MAX and a LocalTime past midnight.
        assertMessage(refusedCall(executeWith(19, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01)),
                "invalid value");
        assertMessage(refusedCall(executeWith(20, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01)),
                "invalid value");
        // An offset of 19 hours (zigzag 136,800 = 0xC0 0xAC 0x08).
        assertMessage(refusedCall(executeWith(23, 0, 0xC0, 0xAC, 0x08)), "invalid value");
        // A zone that does not exist.
        assertMessage(refusedCall(executeWith(24, 0, 0, 0, 5, 'M', 'a', 'r', 's')), "invalid value");
        // Instant nanos that overflow the range.
        assertMessage(refusedCall(executeWith(25, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0)),
                "invalid value");
        // A required component that is null: the SQL of an execute.
        assertMessage(refusedCall(call(1, 1, 1, 0, 0, 0, 0, 0, 0, 0)), "sql is missing");
        // A call that would borrow (session 0) but says nothing of how, nor gives anything back.
        byte[] noBorrow = call(0);
        noBorrow[9] = 0;
        assertMessage(refusedCall(noBorrow), "invalid value");
    }

    @Test
    void randomCorruptionNeverYieldsAnythingButAFrameOrAWireException() {
        Random random = new Random(20261125);
        byte[][] valid = {richCall(), Wire.encode(new Call(0, 1, Borrow.DEFAULT, false, List.of(everyOp().get(0)))),
                richReply()};
        int decoded = 0;
        for (int i = 0; i < 30_000; i++) {
            byte[] frame = valid[i % valid.length].clone();
            int changes = 1 + random.nextInt(4);
            for (int c = 0; c < changes; c++) {
                int at = 2 + random.nextInt(frame.length - 2);
                frame[at] = (byte) random.nextInt(256);
            }
            if (random.nextInt(8) == 0) {
                frame = Arrays.copyOf(frame, 2 + random.nextInt(frame.length - 2));
            }
            try {
                if (i % valid.length == 2) {
                    Wire.decodeReply(frame);
                } else {
                    Wire.decodeCall(frame);
                }
                decoded++;
            } catch (WireException e) {
                assertNotNull(e.getMessage());
            } catch (RuntimeException | OutOfMemoryError e) {
                fail("frame " + i + " (" + HexFormat.of().formatHex(frame, 0, Math.min(64, frame.length))
                        + "...) escaped as " + e, e);
            }
        }
        assertTrue(decoded > 0, "some corruptions land in values and still decode");
    }
}
