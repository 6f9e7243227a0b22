package pool.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import pool.protocol.InZone;

/** Dates and times made on the client from zone-free fields, as pgjdbc and MariaDB Connector/J make them. */
class TemporalsTest {

    private static Calendar in(String zone) {
        return new GregorianCalendar(TimeZone.getTimeZone(zone));
    }

    @Test
    void fieldsAreReadInTheCalendarsZone() throws Exception {
        LocalDateTime eight = LocalDateTime.of(2024, 2, 29, 8, 0, 0, 123_456_000);
        Timestamp kolkata = Temporals.timestamp(eight, in("Asia/Kolkata"));
        assertEquals(eight.atZone(ZoneId.of("Asia/Kolkata")).toInstant(), kolkata.toInstant());
        assertEquals(123_456_000, kolkata.getNanos());
        assertEquals(LocalDate.of(2024, 2, 29).atStartOfDay(ZoneId.of("America/New_York")).toInstant().toEpochMilli(),
                Temporals.date(LocalDate.of(2024, 2, 29), in("America/New_York")).getTime());
        assertEquals(LocalTime.of(8, 0).atDate(LocalDate.of(1970, 1, 1)).toInstant(ZoneOffset.UTC).toEpochMilli(),
                Temporals.time(LocalTime.of(8, 0), in("UTC")).getTime());
    }

    @Test
    void aTimeInADstGapMovesForwardAsInALenientCalendar() throws Exception {
        Timestamp t = Temporals.timestamp(LocalDateTime.of(2024, 3, 10, 2, 30), in("America/New_York"));
        assertEquals(OffsetDateTime.of(2024, 3, 10, 3, 30, 0, 0, ZoneOffset.ofHours(-4)).toInstant(), t.toInstant());
    }

    @Test
    void datesBeforeTheGregorianSwitchAreJulianAsInTheDrivers() throws Exception {
        // java.util's calendar reads 1582-10-10 as a Julian date: ten days later than java.time's.
        Timestamp t = Temporals.timestamp(LocalDateTime.of(1582, 10, 10, 0, 0), in("UTC"));
        assertEquals(LocalDateTime.of(1582, 10, 20, 0, 0).toInstant(ZoneOffset.UTC), t.toInstant());
        GregorianCalendar proleptic = (GregorianCalendar) in("UTC");
        proleptic.setGregorianChange(new java.util.Date(Long.MIN_VALUE));
        assertEquals(LocalDateTime.of(1582, 10, 10, 0, 0).toInstant(ZoneOffset.UTC),
                Temporals.timestamp(LocalDateTime.of(1582, 10, 10, 0, 0), proleptic).toInstant());
        assertEquals(TimeZone.getTimeZone("UTC"), Temporals.reading(proleptic, false).getTimeZone());
        assertEquals(proleptic, Temporals.reading(proleptic, true));
    }

    @Test
    void getObjectAnswersTheDriversClassForTheColumn() throws Exception {
        assertInstanceOf(Timestamp.class, Temporals.driverObject(LocalDateTime.of(2024, 1, 1, 0, 0), "java.sql.Timestamp"));
        assertInstanceOf(java.sql.Date.class, Temporals.driverObject(LocalDate.of(2024, 1, 1), "java.sql.Date"));
        assertInstanceOf(java.sql.Time.class, Temporals.driverObject(LocalTime.NOON, "java.sql.Time"));
        assertInstanceOf(LocalDate.class, Temporals.driverObject(LocalDate.of(2024, 1, 1), "java.time.LocalDate"));
    }

    @Test
    void offsetsOfDateTimesWithoutZoneFollowTheDriver() throws Exception {
        LocalDateTime t = LocalDateTime.of(2024, 2, 29, 8, 0);
        assertEquals(t.atOffset(ZoneOffset.UTC), Temporals.as(t, OffsetDateTime.class, false), "pgjdbc: UTC");
        assertEquals(t.atZone(ZoneId.systemDefault()).toOffsetDateTime(), Temporals.as(t, OffsetDateTime.class, true),
                "MariaDB Connector/J: the JVM's zone");
        assertEquals("2024-02-29 08:00:00.5", Temporals.string(t.withNano(500_000_000)));
    }

    @Test
    void parametersCarryTheirZoneAndGregorianSwitch() {
        GregorianCalendar proleptic = (GregorianCalendar) in("Europe/Berlin");
        proleptic.setGregorianChange(new java.util.Date(Long.MIN_VALUE));
        InZone z = Temporals.inZone(new Timestamp(0), proleptic);
        assertEquals("Europe/Berlin", z.zone());
        assertEquals(Long.MIN_VALUE, z.gregorianChange());
        assertEquals(TimeZone.getDefault().toZoneId().getId(), Temporals.inZone(new java.sql.Date(0), null).zone());
        assertEquals(InZone.DEFAULT_GREGORIAN_CHANGE, Temporals.inZone(new java.sql.Date(0), null).gregorianChange());
        // An old three-letter id of java.util is sent as an id java.time reads.
        assertEquals(TimeZone.getTimeZone("EST").toZoneId().getId(), Temporals.zoneId(TimeZone.getTimeZone("EST")));
    }
}
