package pool.protocol;

import java.util.Objects;

/**
 * A {@code java.sql.Timestamp}, {@code Date} or {@code Time} parameter with the zone it is
 * meant in: the zone of the {@code Calendar} the application passed to
 * {@code setTimestamp/setDate/setTime(int, x, Calendar)}, else the client JVM's default
 * zone, which is what the backend driver would have used in the application's JVM. The
 * daemon binds it with the same setter and a calendar of that zone, never in its own
 * JVM's zone, so the value means on the database what it means in the application.
 *
 * @param value the instant, a {@code java.sql.Timestamp} (with its nanos), {@code Date} or {@code Time}
 * @param zone  a zone id {@link java.time.ZoneId#of} accepts, at most 128 characters
 * @param gregorianChange the calendar's switch from the Julian to the Gregorian calendar, in
 *        epoch milliseconds ({@link java.util.GregorianCalendar#getGregorianChange()}): Hibernate,
 *        for one, passes a proleptic Gregorian calendar ({@code Long.MIN_VALUE}), and a date
 *        before October 1582 then means other fields than in the JDK's default calendar
 */
public record InZone(java.util.Date value, String zone, long gregorianChange) {

    /** The JDK's default switch to the Gregorian calendar: 1582-10-15T00:00Z. */
    public static final long DEFAULT_GREGORIAN_CHANGE = -12219292800000L;

    /** A value in {@code zone} with the JDK's default calendar. */
    public InZone(java.util.Date value, String zone) {
        this(value, zone, DEFAULT_GREGORIAN_CHANGE);
    }

    public InZone {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(zone, "zone");
        if (!(value instanceof java.sql.Timestamp || value instanceof java.sql.Date || value instanceof java.sql.Time)) {
            throw new IllegalArgumentException("an InZone value is a java.sql.Timestamp, Date or Time, not "
                    + value.getClass().getName());
        }
    }
}
