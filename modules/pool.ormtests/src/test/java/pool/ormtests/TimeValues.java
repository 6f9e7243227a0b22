package pool.ormtests;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * The dates and times every time step writes and reads: the issue's own example, the DST
 * edges of both runs' zones, dates before 1900 (local mean time, offsets in seconds), the
 * Julian-Gregorian switch of {@code java.util} calendars, before the epoch with microseconds.
 */
public final class TimeValues {

    public static final List<LocalDateTime> LOCAL_DATE_TIMES = List.of(
            LocalDateTime.of(2024, 2, 29, 8, 0),          // issue 17: stored as 02:30 with the client at +05:30, the daemon in UTC
            LocalDateTime.of(2024, 3, 10, 2, 30),         // does not exist in New York (spring forward)
            LocalDateTime.of(2024, 11, 3, 1, 30),         // twice in New York (fall back)
            LocalDateTime.of(2024, 3, 31, 2, 30),         // does not exist in Berlin
            LocalDateTime.of(2024, 10, 27, 2, 30),        // twice in Berlin
            LocalDateTime.of(1899, 12, 31, 23, 59, 59),   // before 1900
            LocalDateTime.of(1850, 6, 15, 12, 0),         // local mean time everywhere: offsets with seconds
            LocalDateTime.of(1883, 11, 18, 12, 0),        // the day the US railways switched to standard time
            LocalDateTime.of(1582, 10, 10, 0, 0),         // inside the Julian-Gregorian gap of java.util.GregorianCalendar
            LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000), // before the epoch, microseconds
            LocalDateTime.of(2038, 1, 19, 3, 14, 8),      // past 32-bit seconds
            LocalDateTime.of(2024, 6, 1, 0, 0));          // midnight

    public static final List<LocalDate> LOCAL_DATES = List.of(
            LocalDate.of(2024, 2, 29),                    // issue 17: read back as 2024-02-28
            LocalDate.of(2024, 3, 10),
            LocalDate.of(2024, 3, 31),
            LocalDate.of(1899, 12, 31),
            LocalDate.of(1850, 6, 15),
            LocalDate.of(1582, 10, 10),
            LocalDate.of(1969, 12, 31),
            LocalDate.of(2038, 1, 19));

    public static final List<LocalTime> LOCAL_TIMES = List.of(
            LocalTime.MIDNIGHT,
            LocalTime.of(8, 0),
            LocalTime.of(2, 30),                          // in New York's and Berlin's gap on their DST days
            LocalTime.of(5, 30),
            LocalTime.of(12, 34, 56, 789_000_000),
            LocalTime.of(23, 59, 59, 999_999_000));

    /** Zones the zoned values are in: no DST, both runs' DST zones, UTC, +14:00, -03:30. */
    public static final List<ZoneId> ZONES = List.of(ZoneId.of("Asia/Kolkata"), ZoneId.of("America/New_York"),
            ZoneId.of("Europe/Berlin"), ZoneOffset.UTC, ZoneId.of("Pacific/Kiritimati"), ZoneId.of("America/St_Johns"));

    public static final List<ZonedDateTime> ZONED_DATE_TIMES = java.util.stream.IntStream
            .range(0, LOCAL_DATE_TIMES.size())
            .mapToObj(i -> ZonedDateTime.of(LOCAL_DATE_TIMES.get(i), ZONES.get(i % ZONES.size())))
            .toList();

    public static final List<OffsetDateTime> OFFSET_DATE_TIMES = ZONED_DATE_TIMES.stream()
            .map(ZonedDateTime::toOffsetDateTime).toList();

    public static final List<Instant> INSTANTS = ZONED_DATE_TIMES.stream().map(ZonedDateTime::toInstant).toList();

    public static final List<OffsetTime> OFFSET_TIMES = List.of(
            OffsetTime.of(8, 0, 0, 0, ZoneOffset.ofHoursMinutes(5, 30)),
            OffsetTime.of(23, 59, 59, 999_999_000, ZoneOffset.ofHours(-8)),
            OffsetTime.of(0, 0, 0, 0, ZoneOffset.UTC),
            OffsetTime.of(2, 30, 0, 0, ZoneOffset.ofHours(1)),
            OffsetTime.of(12, 0, 0, 0, ZoneOffset.ofHoursMinutes(-3, -30)));

    public static final List<Duration> DURATIONS = List.of(
            Duration.ZERO,
            Duration.ofMillis(1500),
            Duration.ofHours(25),
            Duration.parse("P3DT4H5M6.123456S"),
            Duration.ofHours(-1),
            Duration.ofNanos(-1000));

    private TimeValues() {
    }
}
