package pool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;
import static pool.protocol.ProtocolDoc.doc;
import static pool.protocol.ProtocolDoc.enumCodes;
import static pool.protocol.ProtocolDoc.section;
import static pool.protocol.ProtocolDoc.tags;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import pool.api.Intent;
import pool.api.Priority;

/**
 * docs/protocol.md says what {@link Wire} and its codecs write: its tag tables, enum codes,
 * frame kinds, limits, JRMP method hashes and worked example are checked against the code
 * here, so that the document cannot drift from the format it specifies.
 */
class ProtocolDocTest {

    private static int at(byte[] frame, int index) {
        return frame[index] & 0xFF;
    }

    @Test
    void theDocumentSpecifiesTheVersionThisSideSpeaks() throws IOException {
        String title = doc().get(0);
        assertEquals("# poold's remote protocol, version " + Protocol.VERSION, title,
                "docs/protocol.md must specify the protocol as it is: update it with Protocol.VERSION");
    }

    @Test
    void everyValueTagIsTheOneWireWrites() throws IOException {
        Map<String, Object> samples = new LinkedHashMap<>();
        samples.put("V_NULL", null);
        samples.put("V_SQL_NULL", new SqlNull(Types.INTEGER));
        samples.put("V_TRUE", true);
        samples.put("V_FALSE", false);
        samples.put("V_BYTE", (byte) 1);
        samples.put("V_SHORT", (short) 1);
        samples.put("V_INT", 1);
        samples.put("V_LONG", 1L);
        samples.put("V_FLOAT", 1f);
        samples.put("V_DOUBLE", 1d);
        samples.put("V_CHAR", 'c');
        samples.put("V_STRING", "s");
        samples.put("V_BIG_DECIMAL", BigDecimal.ONE);
        samples.put("V_BIG_INTEGER", BigInteger.ONE);
        samples.put("V_BYTES", new byte[1]);
        samples.put("V_UUID", new UUID(1, 2));
        samples.put("V_SQL_DATE", new java.sql.Date(0));
        samples.put("V_SQL_TIME", new java.sql.Time(0));
        samples.put("V_SQL_TIMESTAMP", new java.sql.Timestamp(0));
        samples.put("V_LOCAL_DATE", LocalDate.EPOCH);
        samples.put("V_LOCAL_TIME", LocalTime.NOON);
        samples.put("V_LOCAL_DATE_TIME", LocalDateTime.of(2026, 12, 2, 10, 0));
        samples.put("V_OFFSET_DATE_TIME", OffsetDateTime.of(2026, 12, 2, 10, 0, 0, 0, ZoneOffset.ofHours(2)));
        samples.put("V_OFFSET_TIME", OffsetTime.of(10, 0, 0, 0, ZoneOffset.ofHours(2)));
        samples.put("V_ZONED_DATE_TIME", ZonedDateTime.of(2026, 12, 2, 10, 0, 0, 0, ZoneId.of("Europe/Paris")));
        samples.put("V_INSTANT", Instant.EPOCH);
        samples.put("V_OUT_PARAM", new OutParam(Types.INTEGER, -1, null));
        samples.put("V_OBJECT_ARRAY", new Object[0]);
        samples.put("V_STRING_ARRAY", new String[0]);
        samples.put("V_BOOLEAN_ARRAY", new boolean[0]);
        samples.put("V_CHAR_ARRAY", new char[0]);
        samples.put("V_SHORT_ARRAY", new short[0]);
        samples.put("V_INT_ARRAY", new int[0]);
        samples.put("V_LONG_ARRAY", new long[0]);
        samples.put("V_FLOAT_ARRAY", new float[0]);
        samples.put("V_DOUBLE_ARRAY", new double[0]);
        samples.put("V_TIMESTAMP_IN_ZONE", new InZone(new java.sql.Timestamp(0), "Europe/Paris"));
        samples.put("V_DATE_IN_ZONE", new InZone(new java.sql.Date(0), "Europe/Paris"));
        samples.put("V_TIME_IN_ZONE", new InZone(new java.sql.Time(0), "Europe/Paris"));
        samples.put("V_SQL_ARRAY", new SqlArray("int4", Types.INTEGER, "[Ljava.lang.Integer;", new Object[] {1}));
        samples.put("V_VENDOR_OBJECT", new VendorObject("org.postgresql.util.PGInterval", "interval", "1 day"));
        samples.put("V_XML", new XmlValue("<a/>"));
        samples.put("V_TYPED", new TypedParam("1.5", Types.REAL, -1));
        samples.put("V_LOB", new LobParam(LobParam.Kind.BLOB, 1, new byte[1], 0));
        Map<String, Integer> documented = tags("## 9.");
        assertEquals(samples.keySet(), documented.keySet(), "the value tags of docs/protocol.md section 9");
        for (var e : documented.entrySet()) {
            Object v = samples.get(e.getKey());
            byte[] frame = Wire.encode(new Reply(1, null, List.of(new Result.Value(v)), null));
            // version, kind, session (8), session-info flags, result count, R_VALUE: the value's tag is byte 13
            assertEquals(e.getValue(), at(frame, 13), e.getKey());
        }
    }

    @Test
    void everyOperationTagIsTheOneWireWrites() throws IOException {
        Map<String, Op> samples = new LinkedHashMap<>();
        samples.put("OP_EXECUTE", new Op.Execute(Op.StatementKind.PLAIN, Op.Mode.QUERY, "s", null, 0, 0, 0, null));
        samples.put("OP_BATCH", new Op.Batch(Op.StatementKind.PLAIN, null, List.of("s"), null, 0));
        samples.put("OP_FETCH", new Op.Fetch(1, 1));
        samples.put("OP_CLOSE_CURSOR", new Op.CloseCursor(1));
        samples.put("OP_COMMIT", new Op.Commit());
        samples.put("OP_ROLLBACK", new Op.Rollback(0));
        samples.put("OP_SET_SAVEPOINT", new Op.SetSavepoint(null));
        samples.put("OP_RELEASE_SAVEPOINT", new Op.ReleaseSavepoint(1));
        samples.put("OP_SET", new Op.Set(Op.Property.AUTO_COMMIT, true));
        samples.put("OP_GET", new Op.Get(Op.Property.AUTO_COMMIT));
        samples.put("OP_VALIDATE", new Op.Validate(1));
        samples.put("OP_WARNINGS", new Op.Warnings(false));
        samples.put("OP_META_INFO", new Op.MetaInfo());
        samples.put("OP_META_CALL", new Op.MetaCall("getTables", null));
        samples.put("OP_RELEASE", new Op.Release());
        samples.put("OP_NATIVE_SQL", new Op.NativeSql("s"));
        samples.put("OP_LOB_WRITE", new Op.LobWrite(1, new byte[1]));
        samples.put("OP_LOB_READ", new Op.LobRead(1, 0, -1));
        samples.put("OP_DESCRIBE", new Op.Describe(Op.StatementKind.PREPARED, "s", null));
        samples.put("OP_MORE_RESULTS", new Op.MoreResults(1));
        Map<String, Integer> documented = tags("## 7.");
        assertEquals(samples.keySet(), documented.keySet(), "the operation tags of docs/protocol.md section 7");
        for (var e : documented.entrySet()) {
            byte[] frame = Wire.encode(new Call(1, 1, null, false, List.of(samples.get(e.getKey()))));
            // version, kind, session (8), handle (8), flags, operation count: the tag is byte 20
            assertEquals(e.getValue(), at(frame, 20), e.getKey());
        }
    }

    @Test
    void everyResultTagIsTheOneWireWrites() throws IOException {
        Map<String, Result> samples = new LinkedHashMap<>();
        samples.put("R_DONE", new Result.Done());
        samples.put("R_EXECUTED", new Result.Executed(1, null, 0, null, null, null));
        samples.put("R_BATCHED", new Result.Batched(new long[0]));
        samples.put("R_FETCHED", new Result.Fetched(new Rows(null, new Object[0][], true)));
        samples.put("R_SAVEPOINT_SET", new Result.SavepointSet(1));
        samples.put("R_VALUE", new Result.Value(null));
        samples.put("R_WARNINGS", new Result.Warnings(null));
        samples.put("R_META", new Result.Meta(List.of(), null));
        samples.put("R_DESCRIBED", new Result.Described(null, null, null, null));
        Map<String, Integer> documented = tags("### 8.6");
        assertEquals(samples.keySet(), documented.keySet(), "the result tags of docs/protocol.md section 8.6");
        for (var e : documented.entrySet()) {
            byte[] frame = Wire.encode(new Reply(1, null, List.of(samples.get(e.getKey())), null));
            // version, kind, session (8), session-info flags, result count: the tag is byte 12
            assertEquals(e.getValue(), at(frame, 12), e.getKey());
        }
    }

    @Test
    void everyErrorKindCodeIsTheOneWireWrites() throws IOException {
        Map<String, Integer> documented = tags("### 10.1");
        List<String> kinds = new ArrayList<>();
        for (SqlError.Kind k : SqlError.Kind.values()) {
            kinds.add(k.name());
        }
        assertEquals(kinds.stream().sorted().toList(), documented.keySet().stream().sorted().toList(),
                "the error kinds of docs/protocol.md section 10.1");
        for (var e : documented.entrySet()) {
            assertEquals(e.getValue(), errorKindByte(SqlError.Kind.valueOf(e.getKey())), e.getKey());
        }
        assertEquals(0xFF, errorKindByte(null), "an absent kind");
    }

    private static int errorKindByte(SqlError.Kind kind) {
        byte[] frame = Wire.encode(new Reply(1, null, List.of(), new SqlError("m", "S", 0, kind, null, null)));
        // version, kind, session (8), flags, result count, chain length, "m" (2), "S" (2), vendor code: byte 18
        return at(frame, 18);
    }

    @Test
    void everyEnumCodeIsTheOneWireWrites() throws IOException {
        for (var e : enumCodes("intent").entrySet()) {
            byte[] f = Wire.encode(new Call(0, 1, new Borrow(Intent.valueOf(e.getKey()), Priority.NORMAL, -1), false,
                    List.of()));
            assertEquals(e.getValue(), at(f, 19), "intent " + e.getKey()); // after session, handle, flags
        }
        assertEquals(Intent.values().length, enumCodes("intent").size(), "every intent documented");
        for (var e : enumCodes("priority").entrySet()) {
            byte[] f = Wire.encode(new Call(0, 1, new Borrow(Intent.READ_WRITE, Priority.valueOf(e.getKey()), -1), false,
                    List.of()));
            assertEquals(e.getValue(), at(f, 20), "priority " + e.getKey());
        }
        assertEquals(Priority.values().length, enumCodes("priority").size(), "every priority documented");
        for (var e : enumCodes("statement kind").entrySet()) {
            byte[] f = Wire.encode(new Call(1, 1, null, false, List.of(new Op.Execute(
                    Op.StatementKind.valueOf(e.getKey()), Op.Mode.ANY, "s", null, 0, 0, 0, null))));
            assertEquals(e.getValue(), at(f, 21), "statement kind " + e.getKey()); // after the operation's tag
        }
        assertEquals(Op.StatementKind.values().length, enumCodes("statement kind").size(), "every statement kind");
        for (var e : enumCodes("execute mode").entrySet()) {
            byte[] f = Wire.encode(new Call(1, 1, null, false, List.of(new Op.Execute(
                    Op.StatementKind.PLAIN, Op.Mode.valueOf(e.getKey()), "s", null, 0, 0, 0, null))));
            assertEquals(e.getValue(), at(f, 22), "execute mode " + e.getKey());
        }
        assertEquals(Op.Mode.values().length, enumCodes("execute mode").size(), "every execute mode");
        for (var e : enumCodes("connection property").entrySet()) {
            byte[] f = Wire.encode(new Call(1, 1, null, false, List.of(new Op.Get(Op.Property.valueOf(e.getKey())))));
            assertEquals(e.getValue(), at(f, 21), "property " + e.getKey());
        }
        assertEquals(Op.Property.values().length, enumCodes("connection property").size(), "every property");
    }

    @Test
    void theFieldsVersion6AddedAreWhereTheDocumentSaysTheyAre() {
        // 6.1: the zone is the login's last field, a string
        byte[] login = Wire.encode(new LoginRequest(Protocol.VERSION, "u", new char[] {'p'}, null, null, "Z"));
        assertEquals("025a", HexFormat.of().formatHex(login, login.length - 2, login.length), "the login's zone");
        byte[] noZone = Wire.encode(new LoginRequest(Protocol.VERSION, "u", new char[] {'p'}, null, null, null));
        assertEquals(0, at(noZone, noZone.length - 1), "no zone: a null string");
        // 6.4: session-info flag 0x08, the driver converts offsets in its JVM's zone
        byte[] opened = Wire.encode(new Reply(1, new SessionInfo(true, false, 1, true), List.of(), null));
        assertEquals(0x01 | 0x02 | 0x08, at(opened, 10), "session-info flags");
        // 8.6: R_SAVEPOINT_SET is the id and the driver-style savepoint id, two sints
        byte[] savepoint = Wire.encode(new Reply(1, null, List.of(new Result.SavepointSet(3, 7)), null));
        assertEquals("05060e00", HexFormat.of().formatHex(savepoint, 12, savepoint.length), "tag, 3, 7, no error");
        // 10: error flag 0x02, the cause follows as a nested chain
        SqlError cause = new SqlError("c", "C", 0, null, null, null);
        byte[] failed = Wire.encode(new Reply(1, null, List.of(),
                new SqlError("m", "S", 0, SqlError.Kind.GENERIC, null, null, cause)));
        // after the kind (byte 18): flags, then the cause's chain: length 1, "c", "C", vendor code, no kind, flags
        assertEquals("02010263024300ff00", HexFormat.of().formatHex(failed, 19, failed.length), "an error with a cause");
    }

    @Test
    void frameKindsAreTheOnesWireWrites() throws IOException {
        String row = section("## 6.").stream().filter(l -> l.startsWith("| 1 | kind:")).findFirst()
                .orElseThrow(() -> new AssertionError("no frame kind row in docs/protocol.md section 6"));
        Map<String, Integer> kinds = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(\\d) (login reply|login|call|reply)").matcher(row);
        while (m.find()) {
            kinds.put(m.group(2), Integer.parseInt(m.group(1)));
        }
        assertEquals(4, kinds.size(), row);
        assertEquals(kinds.get("login"), at(Wire.encode(new LoginRequest(Protocol.VERSION, "u", new char[] {'p'},
                null)), 1));
        assertEquals(kinds.get("login reply"), at(Wire.encode(LoginReply.opened()), 1));
        assertEquals(kinds.get("call"), at(Wire.encode(Call.releaseOnly(new long[] {1})), 1));
        assertEquals(kinds.get("reply"), at(Wire.encode(new Reply(0, null, List.of(), null)), 1));
    }

    @Test
    void everyLimitIsTheConstantTheDocumentNames() throws Exception {
        // | what | value | `Class.CONSTANT` |: the value's first number, in bytes where it says MiB
        Pattern row = Pattern.compile("^\\| [^|]+ \\| ([0-9,]+)( MiB)?[^|]* \\| `([A-Za-z]+)\\.([A-Z_]+)` \\|$");
        int checked = 0;
        for (String line : section("## 11.")) {
            Matcher m = row.matcher(line);
            if (!m.find()) {
                continue;
            }
            Class<?> owner;
            try {
                owner = Class.forName("pool.protocol." + m.group(3));
            } catch (ClassNotFoundException e) {
                continue; // a limit of the daemon's (TicketLimits): not this module's
            }
            java.lang.reflect.Field field = owner.getDeclaredField(m.group(4));
            field.setAccessible(true);
            long documented = Long.parseLong(m.group(1).replace(",", "")) << (m.group(2) != null ? 20 : 0);
            assertEquals(documented, ((Number) field.get(null)).longValue(), line);
            checked++;
        }
        assertEquals(13, checked, "the limits of section 11 that name a constant of pool.protocol");
    }

    @Test
    void theJrmpMethodHashesAreRmisOwn() throws IOException, NoSuchAlgorithmException {
        List<String> rows = section("### 2.2");
        int checked = 0;
        for (Method method : RemotePool.class.getMethods()) {
            String row = rows.stream().filter(l -> l.contains(" " + method.getName() + "(")).findFirst()
                    .orElseThrow(() -> new AssertionError("RemotePool." + method.getName() + " is not in section 2.2"));
            String descriptor = MethodType.methodType(method.getReturnType(), method.getParameterTypes())
                    .toMethodDescriptorString();
            assertNotNull(row);
            if (!row.contains("`" + rmiMethodHash(method.getName() + descriptor) + "`")) {
                fail("the JRMP hash of " + method.getName() + descriptor + " is " + rmiMethodHash(method.getName()
                        + descriptor) + ", docs/protocol.md says: " + row);
            }
            checked++;
        }
        assertEquals(3, checked, "login, renew and cancel");
    }

    /** The method hash of the Java RMI specification (8.3): SHA-1 of the UTF name and descriptor, first 8 bytes little-endian. */
    private static long rmiMethodHash(String nameAndDescriptor) throws IOException, NoSuchAlgorithmException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(nameAndDescriptor);
        }
        byte[] sha = MessageDigest.getInstance("SHA-1").digest(bytes.toByteArray());
        long hash = 0;
        for (int i = 0; i < 8; i++) {
            hash += (long) (sha[i] & 0xFF) << (i * 8);
        }
        return hash;
    }

    @Test
    void theWorkedExampleIsWhatWireWrites() throws IOException {
        StringBuilder hex = new StringBuilder();
        boolean inBlock = false;
        String length = null;
        for (String line : section("## 13.")) {
            if (line.startsWith("```")) {
                inBlock = !inBlock;
                continue;
            }
            if (inBlock) {
                hex.append(line.split(" {2,}")[0].replace(" ", "")); // the bytes, before the comment
            } else if (line.contains("preceded by its length, `")) {
                length = line.replaceAll(".*preceded by its length, `([0-9a-f ]+)`.*", "$1").replace(" ", "");
            }
        }
        Call call = new Call(0, 1, new Borrow(Intent.READ_ONLY, Priority.LOW, 500), true, List.of(
                new Op.Execute(Op.StatementKind.PREPARED, Op.Mode.QUERY, "select ?", new Object[] {42, "é", null,
                        new SqlNull(Types.INTEGER)}, 0, 0, 0, null),
                new Op.Set(Op.Property.ISOLATION, 8), new Op.Release()));
        byte[] frame = Wire.encode(call);
        assertEquals(HexFormat.of().formatHex(frame), hex.toString(), "the worked example of docs/protocol.md");
        assertEquals(String.format("%08x", frame.length), length, "the example's length prefix");
    }
}
