package pool.ormtests.jdbc;

import java.util.List;
import java.util.Set;
import pool.ormtests.Backend;

/**
 * The cells of the conversion matrix ({@link ConversionSteps}) where poold answers otherwise
 * than the driver, on purpose or for want of a way, each with its reason; docs/jdbc-methods.md
 * ("Getter conversions that differ") lists the same, with what to use instead. A listed cell is
 * not compared; every other cell is.
 *
 * @param backend the database
 * @param type    the column type's name in {@link ConversionTypes}
 * @param getters the getters' names as the matrix names its columns
 * @param value   the row's literal, or null for every row
 * @param why     the reason
 */
record Unmatched(Backend backend, String type, Set<String> getters, String value, String why) {

    private static final Set<String> TIMES_OF_TEXT = Set.of("getTime", "getTimestamp", "getObject(Time)",
            "getObject(Timestamp)", "getObject(LocalTime)", "getObject(LocalDateTime)", "getObject(OffsetDateTime)",
            "getObject(ZonedDateTime)", "getObject(Instant)");

    private static final List<Unmatched> ALL = List.of(
            // pgjdbc 42.7 throws an ArrayIndexOutOfBoundsException (its bug) for getDate of text that
            // is no date, and of a time '00:00:00' (but answers 1970-01-01 for another time of day)
            pg("*", Set.of("getDate"), null, "pgjdbc's ArrayIndexOutOfBoundsException; poold: SQLException 22007"),
            pg("text", Set.of("getTimestamp"), "'12:30:00'", "pgjdbc reads a time of day as a timestamp on 1970-01-01"),
            pg("double", Set.of("getString", "getBytes"), "1e300", "Java's text of a double beyond 1e15 (1.0E300)"),
            maria("double", Set.of("getString", "getObject(String)"), "1e300", "Java's text of a double beyond 1e15"),
            maria("text", TIMES_OF_TEXT, null, "Connector/J's own parse of text as a date-time (' 12 ' is 0001-11-30)"),
            maria("date", Set.of("getTime", "getObject(OffsetDateTime)", "getObject(ZonedDateTime)", "getObject(Instant)"),
                    null, "Connector/J's java.time rules for a DATE column"),
            maria("time", Set.of("getObject(LocalDateTime)", "getObject(ZonedDateTime)", "getObject(Instant)"), null,
                    "Connector/J reads a TIME as a date-time on 1970-01-01 for these classes"));

    private static Unmatched pg(String type, Set<String> getters, String value, String why) {
        return new Unmatched(Backend.POSTGRES, type, getters, value, why);
    }

    private static Unmatched maria(String type, Set<String> getters, String value, String why) {
        return new Unmatched(Backend.MARIADB, type, getters, value, why);
    }

    /** @return the reason the cell is not compared, or null */
    static String why(Backend backend, String type, String getter, String value) {
        for (Unmatched u : ALL) {
            boolean typeMatches = u.type.equals(type) || u.type.equals("*") && !Set.of("date", "timestamp",
                    "timestamptz").contains(type);
            if (u.backend == backend && typeMatches && u.getters.contains(getter)
                    && (u.value == null || u.value.equals(value)) && !"null".equals(value)) {
                return u.why;
            }
        }
        return null;
    }
}
