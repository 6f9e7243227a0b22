package pool.client.internal;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import pool.protocol.InZone;

/**
 * Dates and times on the client side. The daemon sends a column's dates and times as zone-free
 * {@code java.time} fields ({@code LocalDate}, {@code LocalTime}, {@code LocalDateTime}; an
 * {@code OffsetDateTime}/{@code OffsetTime} for {@code timestamptz}/{@code timetz}); here they
 * become the {@code java.sql} values the backend driver would have made in this JVM: the fields
 * set on a lenient {@code GregorianCalendar} of this JVM's zone, or of the {@code Calendar} the
 * application passed, as pgjdbc and MariaDB Connector/J do (so a time in a DST gap, a date before
 * 1900 or in the Julian calendar comes out as it would through the driver).
 */
final class Temporals {

    private static final LocalDate EPOCH = LocalDate.of(1970, 1, 1);

    private Temporals() {
    }

    /** @return a {@code java.sql} parameter with the zone it is meant in: {@code cal}'s, or this JVM's */
    static InZone inZone(java.util.Date v, Calendar cal) {
        java.util.Date copy; // the caller's later change must not leak in
        if (v instanceof java.sql.Timestamp t) {
            java.sql.Timestamp c = new java.sql.Timestamp(t.getTime());
            c.setNanos(t.getNanos());
            copy = c;
        } else if (v instanceof java.sql.Date d) {
            copy = new java.sql.Date(d.getTime());
        } else if (v instanceof java.sql.Time t) {
            copy = new java.sql.Time(t.getTime());
        } else {
            copy = new java.sql.Timestamp(v.getTime());
        }
        long change = cal instanceof GregorianCalendar g ? g.getGregorianChange().getTime() : InZone.DEFAULT_GREGORIAN_CHANGE;
        return new InZone(copy, zoneId(cal == null ? TimeZone.getDefault() : cal.getTimeZone()), change);
    }

    /** @return the id of {@code tz} as {@code ZoneId.of} reads it (old short ids mapped, a custom zone as its offset) */
    static String zoneId(TimeZone tz) {
        try {
            return tz.toZoneId().getId();
        } catch (java.time.DateTimeException e) {
            return ZoneOffset.ofTotalSeconds(tz.getRawOffset() / 1000).getId();
        }
    }

    /** The value {@code getObject(int)} returns: the driver's class for the column, as it says. */
    static Object driverObject(Object v, String className) throws SQLException {
        if (className == null || !(v instanceof Temporal)) {
            return v;
        }
        switch (className) {
            case "java.sql.Timestamp":
                return timestamp(v, null);
            case "java.sql.Date":
                return date(v, null);
            case "java.sql.Time":
                return time(v, null);
            default:
                return v;
        }
    }

    /**
     * The calendar {@code getTimestamp(column, Calendar)} reads with, as the backend driver does:
     * MariaDB Connector/J uses the calendar itself (its Julian-Gregorian switch too), pgjdbc
     * only its zone, on a calendar of its own (for {@code getDate} both use the calendar).
     *
     * @param calendarItself the driver's rule (MariaDB's; {@code SessionInfo.offsetsInJvmZone})
     */
    static Calendar reading(Calendar cal, boolean calendarItself) {
        return cal == null || calendarItself ? cal : new GregorianCalendar(cal.getTimeZone());
    }

    private static Calendar calendar(Calendar cal) {
        Calendar c = cal == null ? new GregorianCalendar() : (Calendar) cal.clone();
        c.setLenient(true);
        c.clear();
        return c;
    }

    private static long millis(Calendar cal, LocalDate d, int hour, int minute, int second, int millis) {
        Calendar c = calendar(cal);
        int year = d.getYear();
        if (year <= 0) {
            c.set(Calendar.ERA, GregorianCalendar.BC);
            year = 1 - year;
        }
        c.set(year, d.getMonthValue() - 1, d.getDayOfMonth(), hour, minute, second);
        c.set(Calendar.MILLISECOND, millis);
        return c.getTimeInMillis();
    }

    private static ZoneId zone(Calendar cal) {
        return (cal == null ? TimeZone.getDefault() : cal.getTimeZone()).toZoneId();
    }

    /** @return {@code v} as the {@code Timestamp} the driver gives, its fields read in {@code cal}'s zone (null: this JVM's) */
    static java.sql.Timestamp timestamp(Object v, Calendar cal) throws SQLException {
        if (v instanceof LocalDateTime l) {
            java.sql.Timestamp t = new java.sql.Timestamp(millis(cal, l.toLocalDate(), l.getHour(), l.getMinute(),
                    l.getSecond(), 0));
            t.setNanos(l.getNano());
            return t;
        }
        if (v instanceof LocalDate d) {
            return new java.sql.Timestamp(millis(cal, d, 0, 0, 0, 0));
        }
        if (v instanceof LocalTime t) {
            return timestamp(LocalDateTime.of(EPOCH, t), cal);
        }
        if (v instanceof OffsetDateTime o) {
            // As pgjdbc reads timestamptz text: its fields on a calendar of its offset (Julian before 1582).
            Calendar inOffset = new GregorianCalendar(TimeZone.getTimeZone(o.getOffset()));
            java.sql.Timestamp t = new java.sql.Timestamp(millis(inOffset, o.toLocalDate(), o.getHour(), o.getMinute(),
                    o.getSecond(), 0));
            t.setNanos(o.getNano());
            return t;
        }
        if (v instanceof ZonedDateTime z) {
            return java.sql.Timestamp.from(z.toInstant());
        }
        if (v instanceof Instant i) {
            return java.sql.Timestamp.from(i);
        }
        if (v instanceof OffsetTime o) {
            return java.sql.Timestamp.from(o.atDate(EPOCH).toInstant());
        }
        if (cal != null && v instanceof java.sql.Timestamp t) {
            return t; // an instant already (a value of another kind of column)
        }
        return Values.timestamp(v);
    }

    /** @return {@code v} as the {@code Date} the driver gives: midnight of its day in {@code cal}'s zone */
    static java.sql.Date date(Object v, Calendar cal) throws SQLException {
        LocalDate day;
        if (v instanceof LocalDate d) {
            day = d;
        } else if (v instanceof LocalDateTime l) {
            day = l.toLocalDate();
        } else if (v instanceof OffsetDateTime o) {
            day = o.atZoneSameInstant(zone(cal)).toLocalDate();
        } else if (v instanceof ZonedDateTime z) {
            day = z.withZoneSameInstant(zone(cal)).toLocalDate();
        } else if (v instanceof Instant i) {
            day = i.atZone(zone(cal)).toLocalDate();
        } else {
            return Values.date(v);
        }
        return new java.sql.Date(millis(cal, day, 0, 0, 0, 0));
    }

    /** @return {@code v} as the {@code Time} the driver gives: its time of day on 1970-01-01 in {@code cal}'s zone */
    static java.sql.Time time(Object v, Calendar cal) throws SQLException {
        LocalTime t;
        if (v instanceof LocalTime l) {
            t = l;
        } else if (v instanceof LocalDateTime l) {
            t = l.toLocalTime();
        } else if (v instanceof OffsetTime o) {
            return new java.sql.Time(o.atDate(EPOCH).toInstant().toEpochMilli());
        } else if (v instanceof OffsetDateTime o) {
            // pgjdbc's getTime of a timestamptz: the time of day in the zone at that instant, on
            // 1970-01-01 at the offset of that instant (not of 1970: 20:30 EDT reads 19:30 EST)
            ZonedDateTime there = o.atZoneSameInstant(zone(cal));
            return new java.sql.Time(there.toLocalTime().toNanoOfDay() / 1_000_000
                    - there.getOffset().getTotalSeconds() * 1000L);
        } else if (v instanceof ZonedDateTime z) {
            t = z.withZoneSameInstant(zone(cal)).toLocalTime();
        } else if (v instanceof Instant i) {
            t = i.atZone(zone(cal)).toLocalTime();
        } else {
            return Values.time(v);
        }
        return new java.sql.Time(millis(cal, EPOCH, t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1_000_000));
    }

    /**
     * {@code getObject(column, type)} of a java.time value.
     *
     * @param offsetsInJvmZone whether the driver puts a date-time without zone into this JVM's zone
     *        for an offset type (MariaDB Connector/J), or takes it as UTC (pgjdbc)
     * @return the value, or null when this class has no conversion (the caller's general one applies)
     */
    static Object as(Object v, Class<?> type, boolean offsetsInJvmZone) throws SQLException {
        if (type == java.sql.Timestamp.class) {
            return timestamp(v, null);
        }
        if (type == java.sql.Date.class) {
            return date(v, null);
        }
        if (type == java.sql.Time.class) {
            return time(v, null);
        }
        ZoneId offsetZone = offsetsInJvmZone ? ZoneId.systemDefault() : ZoneOffset.UTC;
        if (type == LocalDateTime.class) {
            if (v instanceof LocalDate d) return d.atStartOfDay();
            if (v instanceof OffsetDateTime o) return o.atZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime();
            if (v instanceof ZonedDateTime z) return z.withZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime();
        } else if (type == LocalDate.class) {
            if (v instanceof LocalDateTime l) return l.toLocalDate();
            if (v instanceof OffsetDateTime o) return o.atZoneSameInstant(ZoneId.systemDefault()).toLocalDate();
        } else if (type == LocalTime.class) {
            if (v instanceof LocalDateTime l) return l.toLocalTime();
            if (v instanceof OffsetTime o) return o.toLocalTime();
            if (v instanceof OffsetDateTime o) return o.atZoneSameInstant(ZoneId.systemDefault()).toLocalTime();
        } else if (type == OffsetDateTime.class) {
            if (v instanceof LocalDateTime l) return l.atZone(offsetZone).toOffsetDateTime();
            if (v instanceof LocalDate d) return d.atStartOfDay(offsetZone).toOffsetDateTime();
            if (v instanceof ZonedDateTime z) return z.toOffsetDateTime();
        } else if (type == ZonedDateTime.class) {
            if (v instanceof LocalDateTime l) return l.atZone(offsetZone);
            if (v instanceof OffsetDateTime o) return offsetsInJvmZone
                    ? o.atZoneSameInstant(ZoneId.systemDefault()) : o.toZonedDateTime();
        } else if (type == Instant.class) {
            if (v instanceof LocalDateTime l) return l.atZone(offsetZone).toInstant();
            if (v instanceof OffsetDateTime o) return o.toInstant();
            if (v instanceof ZonedDateTime z) return z.toInstant();
        } else if (type == OffsetTime.class) {
            if (v instanceof LocalTime t) return t.atOffset(offsetsInJvmZone
                    ? ZoneId.systemDefault().getRules().getOffset(Instant.now()) : ZoneOffset.UTC);
        } else if (type == String.class) {
            return string(v);
        }
        return null;
    }

    /** @return the text of a java.time value as the databases print it: a space between date and time */
    static String string(Object v) {
        if (v instanceof LocalDateTime l) {
            return l.toLocalDate() + " " + time(l.toLocalTime());
        }
        if (v instanceof LocalTime t) {
            return time(t);
        }
        if (v instanceof OffsetDateTime o) { // as the session zone, which is this JVM's, prints it
            OffsetDateTime here = o.atZoneSameInstant(ZoneId.systemDefault()).toOffsetDateTime();
            return here.toLocalDate() + " " + time(here.toLocalTime()) + offset(here.getOffset());
        }
        if (v instanceof OffsetTime o) {
            return time(o.toLocalTime()) + offset(o.getOffset());
        }
        return v.toString();
    }

    private static String time(LocalTime t) {
        String s = String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        if (t.getNano() == 0) {
            return s;
        }
        String f = String.format("%09d", t.getNano());
        int end = f.length();
        while (end > 1 && f.charAt(end - 1) == '0') {
            end--;
        }
        return s + "." + f.substring(0, end);
    }

    private static String offset(ZoneOffset o) {
        int total = o.getTotalSeconds();
        String sign = total < 0 ? "-" : "+";
        total = Math.abs(total);
        String s = sign + String.format("%02d", total / 3600);
        int minutes = total % 3600 / 60;
        int seconds = total % 60;
        if (minutes != 0 || seconds != 0) {
            s += String.format(":%02d", minutes);
        }
        if (seconds != 0) {
            s += String.format(":%02d", seconds);
        }
        return s;
    }
}
