package pool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import java.util.UUID;

/** What the tests of the format share: sample values, operations and results, deep comparison, raw frames. */
final class WireSamples {

    private WireSamples() {
    }

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
                false, false, false, true, true, false, false, 11, "bench_item", "public", "");
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
                new Op.Batch(Op.StatementKind.PREPARED, "insert into t(v) values (?)", null,
                        List.<Object[]>of(new Object[] {new TypedParam("1.5", Types.REAL, -1)}), 0, new Op.Keys(false, null,
                        new String[] {"id"})),
                new Op.Describe(Op.StatementKind.PREPARED, "select ? from t where v = ?", null),
                new Op.Describe(Op.StatementKind.CALLABLE, "{? = call p(?)}", Op.Keys.ALL),
                new Op.Describe(Op.StatementKind.PREPARED, "", new Op.Keys(false, null, new String[] {"id"})),
                new Op.MoreResults(7), new Op.MoreResults(Long.MIN_VALUE), new Op.MoreResults(3, true),
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
                new Result.Batched(new long[] {1, 1}, one),
                new Result.Executed(-1, one, 0, null, null, null, false, 0).withFurther(List.of(
                        new Result.Further(3, null), new Result.Further(-1, one), new Result.Further(0, null))),
                new Result.Fetched(next), new Result.Fetched(empty), new Result.Fetched(wide),
                new Result.Fetched(next, List.of(new Result.Further(-1, one), new Result.Further(2, null))),
                new Result.Fetched(next, List.of(new Result.Further(2, null), new Result.Further(-1, next, 9))),
                new Result.Fetched(new Rows(List.of(new Column("id", "id", Types.BIGINT, "BIGINT", "java.lang.Long", 19,
                        0, 0, true, true, false, false, true, false, true, false, 20, "items", "", "shop", "i")),
                        new Object[0][], true)),
                new Result.Executed(4, null, 0, null, null, null).withFurther(List.of(new Result.Further(-1, next,
                        Long.MAX_VALUE))),
                new Result.Described(List.of(column("ID"), column("NAME")), null, List.of(
                        new Result.Parameter(1, 4, "int4", "java.lang.Integer", 10, 0, 2, true, null),
                        new Result.Parameter(4, 0, null, null, 0, 0, 0, false, new SqlError[] {null, warning, null, null,
                                null, null, null, chain()})), null),
                new Result.Described(null, null, List.of(), null),
                new Result.Described(List.of(), chain(), null, warning),
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

    static Call callRoundTrip(Call call) throws WireException {
        Call back = Wire.decodeCall(Wire.encode(call));
        assertDeepEquals(call, back, "call");
        return back;
    }

    static Reply replyRoundTrip(Reply reply) throws WireException {
        Reply back = Wire.decodeReply(Wire.encode(reply));
        assertDeepEquals(reply, back, "reply");
        return back;
    }

    // ------------------------------------------------------------------ raw frames and refusals

    static WireException refusedCall(byte[] frame) {
        return assertThrows(WireException.class, () -> Wire.decodeCall(frame));
    }

    static WireException refusedReply(byte[] frame) {
        return assertThrows(WireException.class, () -> Wire.decodeReply(frame));
    }

    static void assertMessage(WireException e, String part) {
        assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' should say '" + part + "'");
    }

    /** A call frame: header, session 1, handle 1, no borrow, then {@code ops} ops given as raw bytes. */
    static byte[] call(int ops, int... body) {
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
}
