package pool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Protocol 6's values and records: zones, arrays, vendor objects, XML, error causes, savepoint ids. */
class WireZonesArraysAndCausesTest {

    private static Object parameterRoundTrip(Object v) throws WireException {
        Op.Execute op = new Op.Execute(Op.StatementKind.PREPARED, Op.Mode.QUERY, "select ?", new Object[] {v}, 0, 0, 0,
                null);
        Call back = Wire.decodeCall(Wire.encode(new Call(1, 2, null, false, List.of(op))));
        Object out = ((Op.Execute) back.ops().get(0)).params()[0];
        WireSamples.assertDeepEquals(v, out, "parameter");
        return out;
    }

    @Test
    void dateAndTimeParametersTravelWithTheirZoneAndCalendar() throws Exception {
        java.sql.Timestamp t = new java.sql.Timestamp(-3_772_546_200_000L);
        t.setNanos(123_456_789);
        parameterRoundTrip(new InZone(t, "Asia/Kolkata"));
        parameterRoundTrip(new InZone(new java.sql.Date(1_709_145_000_000L), "America/New_York", Long.MIN_VALUE));
        parameterRoundTrip(new InZone(new java.sql.Time(9_000_000L), "+05:30"));
        InZone back = (InZone) parameterRoundTrip(new InZone(t, "UTC", Long.MIN_VALUE));
        assertEquals(Long.MIN_VALUE, back.gregorianChange(), "a proleptic Gregorian calendar stays one");
        assertThrows(IllegalArgumentException.class, () -> new InZone(new java.util.Date(), "UTC"),
                "only java.sql values");
    }

    @Test
    void aZoneThatDoesNotExistIsRefused() {
        byte[] frame = Wire.encode(new Call(1, 2, null, false, List.of(new Op.Execute(Op.StatementKind.PREPARED,
                Op.Mode.QUERY, "select ?", new Object[] {new InZone(new java.sql.Date(0), "Mars/Olympus")}, 0, 0, 0,
                null))));
        WireException e = assertThrows(WireException.class, () -> Wire.decodeCall(frame));
        assertTrue(e.getMessage().contains("invalid value"), e.getMessage());
    }

    @Test
    void arraysVendorObjectsAndXmlRoundTripBothWays() throws Exception {
        SqlArray ints = new SqlArray("int4", Types.INTEGER, "[Ljava.lang.Integer;", new Object[] {1, null, 3});
        SqlArray nested = new SqlArray("text", Types.VARCHAR, "[[Ljava.lang.String;",
                new Object[] {new Object[] {"a", "b,c"}, new Object[] {null, "\"q\""}});
        SqlArray dates = new SqlArray("date", Types.DATE, null, new Object[] {LocalDate.of(1582, 10, 10)});
        VendorObject interval = new VendorObject("org.postgresql.util.PGInterval", "interval", "1 day 02:03:04.5");
        VendorObject nullInet = new VendorObject("org.postgresql.util.PGobject", "inet", null);
        XmlValue xml = new XmlValue("<a b=\"ü\"/>");
        for (Object v : List.of(ints, nested, dates, interval, nullInet, xml)) {
            parameterRoundTrip(v);
            Rows rows = new Rows(null, new Object[][] {{v}}, true);
            Reply back = Wire.decodeReply(Wire.encode(new Reply(1, null, List.of(new Result.Fetched(rows)), null)));
            WireSamples.assertDeepEquals(v, ((Result.Fetched) back.results().get(0)).rows().data()[0][0], "row value");
        }
        assertEquals("{1,NULL,3}", ints.text());
        assertEquals("{{a,\"b,c\"},{NULL,\"\\\"q\\\"\"}}", nested.text());
    }

    @Test
    void aLoginCarriesTheClientsZone() throws Exception {
        LoginRequest back = Wire.decodeLogin(Wire.encode(new LoginRequest(Protocol.VERSION, "app", new char[] {'p'}, null,
                null, "Asia/Kolkata")));
        assertEquals("Asia/Kolkata", back.zone());
        assertNull(Wire.decodeLogin(Wire.encode(new LoginRequest(Protocol.VERSION, "app", new char[0], null))).zone());
    }

    @Test
    void sessionInfoSaysHowTheDriverConvertsOffsets() throws Exception {
        for (boolean jvmZone : new boolean[] {true, false}) {
            Reply back = Wire.decodeReply(Wire.encode(new Reply(1, new SessionInfo(true, false, 2, jvmZone), List.of(),
                    null)));
            assertEquals(jvmZone, back.opened().offsetsInJvmZone());
        }
    }

    @Test
    void anErrorKeepsItsCausesAsTheDriverChainedThem() throws Exception {
        // MariaDB's shape: a BatchUpdateException caused by another, caused by the constraint violation.
        SQLException violation = new SQLIntegrityConstraintViolationException("Duplicate entry", "23000", 1062);
        BatchUpdateException inner = new BatchUpdateException("inner", "23000", 1062, new long[] {1}, violation);
        BatchUpdateException outer = new BatchUpdateException("outer", "23000", 1062, new long[] {1, -3}, inner);
        Reply back = Wire.decodeReply(Wire.encode(new Reply(0, null, List.of(), SqlError.from(outer))));
        SQLException e = back.error().toException();
        BatchUpdateException top = assertInstanceOf(BatchUpdateException.class, e);
        assertEquals(2, top.getLargeUpdateCounts().length);
        BatchUpdateException second = assertInstanceOf(BatchUpdateException.class, e.getCause());
        SQLIntegrityConstraintViolationException third = assertInstanceOf(SQLIntegrityConstraintViolationException.class,
                second.getCause());
        assertEquals(1062, third.getErrorCode());
        assertNull(third.getCause());
    }

    @Test
    void causesDeeperThanTheLimitAreCut() throws Exception {
        SQLException e = new SQLException("root", "XX000");
        for (int i = 0; i < SqlError.MAX_CAUSES + 5; i++) {
            SQLException wrapper = new SQLException("level " + i, "XX000");
            wrapper.initCause(e);
            e = wrapper;
        }
        Reply back = Wire.decodeReply(Wire.encode(new Reply(0, null, List.of(), SqlError.from(e))));
        int depth = 0;
        for (Throwable t = back.error().toException(); t != null; t = t.getCause()) {
            depth++;
        }
        assertEquals(SqlError.MAX_CAUSES + 1, depth);
    }

    @Test
    void savepointIdsNativeSqlAndClientInfoRoundTrip() throws Exception {
        Reply back = Wire.decodeReply(Wire.encode(new Reply(1, null, List.of(new Result.SavepointSet(5, 0),
                new Result.SavepointSet(6, 1)), null)));
        assertEquals(new Result.SavepointSet(6, 1), back.results().get(1));
        Call call = Wire.decodeCall(Wire.encode(new Call(1, 2, null, false, List.of(new Op.NativeSql("{call f(?)}"),
                new Op.Set(Op.Property.CLIENT_INFO, new String[] {"ApplicationName", "shop"}),
                new Op.Set(Op.Property.CLIENT_INFO_ALL, new String[0]), new Op.Get(Op.Property.CLIENT_INFO)))));
        assertEquals(new Op.NativeSql("{call f(?)}"), call.ops().get(0));
        assertEquals(Op.Property.CLIENT_INFO_ALL, ((Op.Set) call.ops().get(2)).property());
    }
}
