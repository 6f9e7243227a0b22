package pool.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import pool.api.Intent;
import pool.api.Priority;

class ProtocolFilterTest {

    /** Set by Gadget.readObject: proves whether a rejected class was ever instantiated. */
    static final AtomicBoolean GADGET_RAN = new AtomicBoolean();

    /** Stands for a deserialization gadget: its readObject has a side effect. */
    static final class Gadget implements Serializable {
        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            GADGET_RAN.set(true);
        }
    }

    private final List<String> rejections = new CopyOnWriteArrayList<>();
    private final ProtocolFilter filter = ProtocolFilter.create(ProtocolFilter.Limits.DEFAULT, rejections::add);

    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private Object read(byte[] bytes, java.io.ObjectInputFilter f) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(f);
            return in.readObject();
        }
    }

    private Object roundTrip(Object o) throws Exception {
        return read(serialize(o), filter);
    }

    @Test
    void classOutsideTheAllowListIsRejectedBeforeItsReadObjectRuns() throws Exception {
        GADGET_RAN.set(false);
        Op.Execute smuggled = new Op.Execute(Op.StatementKind.PREPARED, Op.Mode.QUERY, "select ?",
                new Object[] {new Gadget()}, 0, 0, 0, null);
        Call call = new Call("ticket", 0, 1, Borrow.DEFAULT, false, List.of(smuggled));

        assertThrows(InvalidClassException.class, () -> roundTrip(call));

        assertFalse(GADGET_RAN.get(), "the gadget's readObject must never run");
        assertTrue(rejections.stream().anyMatch(m -> m.contains(Gadget.class.getName())), rejections.toString());
    }

    @Test
    void withoutTheFilterTheGadgetWouldRun() throws Exception {
        // Control experiment: proves the test above detects a gadget that does run.
        GADGET_RAN.set(false);
        read(serialize(new Gadget()), null);
        assertTrue(GADGET_RAN.get());
    }

    @Test
    void jdkCollectionsAndOtherClassesAreRejected() {
        assertThrows(InvalidClassException.class, () -> roundTrip(new HashMap<>()));
        assertThrows(InvalidClassException.class, () -> roundTrip(new ArrayList<>(List.of("a"))));
        assertThrows(InvalidClassException.class, () -> roundTrip(new java.io.File("/etc/passwd")));
    }

    @Test
    void everyParameterValueTypeRoundTrips() throws Exception {
        Object[] params = {null, new SqlNull(java.sql.Types.INTEGER), "text", 42, 42L, (short) 4, (byte) 2, 1.5d, 2.5f,
                true, new BigDecimal("12345.678900"), new BigInteger("123456789012345678901234567890"),
                new byte[] {1, 2, 3}, UUID.randomUUID(), LocalDate.of(2026, 11, 24), LocalTime.of(23, 55, 1, 5),
                LocalDateTime.of(2026, 11, 24, 23, 55), OffsetDateTime.of(2026, 11, 24, 23, 55, 0, 0, ZoneOffset.ofHours(2)),
                Instant.parse("2026-11-24T23:55:00Z"), Timestamp.valueOf("2026-11-24 23:55:00.123456789"),
                java.sql.Date.valueOf("2026-11-24"), java.sql.Time.valueOf("23:55:00"),
                new OutParam(java.sql.Types.VARCHAR, -1, "in"), new Object[] {1, "two"}};
        Op.Execute op = new Op.Execute(Op.StatementKind.CALLABLE, Op.Mode.ANY, "call x", params, 10, 20, 30,
                new Op.Keys(false, new int[] {1}, new String[] {"id"}));
        Call call = new Call("t", 7, 1, new Borrow(Intent.READ_ONLY, Priority.HIGH, 500), true, List.of(op, new Op.Commit(),
                new Op.Set(Op.Property.ISOLATION, 8), new Op.Fetch(3, 100), new Op.Release()));

        Call back = (Call) roundTrip(call);

        Op.Execute e = (Op.Execute) back.ops().get(0);
        assertEquals(params.length, e.params().length);
        for (int i = 0; i < params.length; i++) {
            if (params[i] instanceof byte[] b) {
                assertArrayEquals(b, (byte[]) e.params()[i]);
            } else if (params[i] instanceof Object[] a) {
                assertArrayEquals(a, (Object[]) e.params()[i]);
            } else {
                assertEquals(params[i], e.params()[i], "parameter " + i);
            }
        }
        assertEquals(Intent.READ_ONLY, back.borrow().intent());
        assertEquals(5, back.ops().size());
        assertTrue(rejections.isEmpty(), rejections.toString());
    }

    @Test
    void repliesWithRowsAndErrorsRoundTrip() throws Exception {
        Column col = new Column("ID", "ID", java.sql.Types.INTEGER, "INTEGER", "java.lang.Integer", 10, 0, 0, true,
                false, false, false, true, true, 11, "T", "PUBLIC", "DB");
        Rows rows = new Rows(List.of(col), new Object[][] {{1}, {2}, {null}}, false);
        SqlError error = new SqlError("duplicate key", "23505", 23505, SqlError.Kind.INTEGRITY_CONSTRAINT, null,
                SqlError.of(SqlError.Kind.GENERIC, "HY000", "next"));
        Reply reply = new Reply(9, new SessionInfo(true, false, 1), List.of(
                new Result.Executed(-1, rows, 4, null, null, null), new Result.Batched(new long[] {1, 1})), error);

        Reply back = (Reply) roundTrip(reply);

        Result.Executed e = (Result.Executed) back.results().get(0);
        assertEquals(3, e.rows().size());
        assertEquals(col, e.rows().columns().get(0));
        java.sql.SQLException ex = back.error().toException();
        assertInstanceOf(java.sql.SQLIntegrityConstraintViolationException.class, ex);
        assertEquals("23505", ex.getSQLState());
        assertEquals(23505, ex.getErrorCode());
        assertEquals("duplicate key", ex.getMessage());
        assertEquals("next", ex.getNextException().getMessage());
    }

    @Test
    void graphsDeeperThanTheLimitAreRejected() {
        ProtocolFilter shallow = ProtocolFilter.create(new ProtocolFilter.Limits(3, 1000, 1 << 20, 1000), rejections::add);
        Object[] nested = {new Object[] {new Object[] {new Object[] {"deep"}}}};
        assertThrows(InvalidClassException.class, () -> read(serialize(nested), shallow));
        assertTrue(rejections.stream().anyMatch(m -> m.contains("deeper")));
    }

    @Test
    void arraysLongerThanTheLimitAreRejectedBeforeAllocation() {
        ProtocolFilter small = ProtocolFilter.create(new ProtocolFilter.Limits(20, 1000, 1 << 24, 1000), rejections::add);
        assertThrows(InvalidClassException.class, () -> read(serialize(new byte[1001]), small));
    }

    @Test
    void sqlExceptionKindsSurviveTransport() {
        java.sql.SQLException original = new java.sql.BatchUpdateException("batch failed", "23505", 7, new long[] {1, -3}, null);
        java.sql.SQLException back = SqlError.from(original).toException();
        assertInstanceOf(java.sql.BatchUpdateException.class, back);
        assertArrayEquals(new long[] {1, -3}, ((java.sql.BatchUpdateException) back).getLargeUpdateCounts());
        assertInstanceOf(java.sql.SQLTimeoutException.class,
                SqlError.from(new java.sql.SQLTimeoutException("slow", "57014")).toException());
    }
}
