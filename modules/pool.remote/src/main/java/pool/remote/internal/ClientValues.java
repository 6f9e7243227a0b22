package pool.remote.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import pool.protocol.InZone;

/**
 * What makes a client's date/time values mean on the database what they would mean through
 * the backend driver in the client's JVM, whatever the daemon's own zone: the client's
 * zone (from its login) and the driver's way with offsets.
 *
 * <ul>
 * <li>{@link InZone} parameters are bound with the setter the application called and a
 *     calendar of their zone, as the driver would have bound them in the application's JVM.</li>
 * <li>MariaDB Connector/J writes an {@code OffsetDateTime}, {@code ZonedDateTime} or
 *     {@code Instant} as the local date-time of its JVM's zone: those go as the local date-time
 *     of the client's zone. pgjdbc sends offsets as they are: nothing to do.</li>
 * <li>PostgreSQL's session {@code TimeZone}, which pgjdbc sets to its JVM's zone at connect
 *     (and which decides {@code timestamptz} text, {@code now()::timestamp}, casts between
 *     {@code timestamptz} and {@code timestamp}/{@code date}), is set to the client's zone for
 *     the session when it differs from the daemon's; the pool's reset restores it on return.</li>
 * </ul>
 */
final class ClientValues {

    /** The daemon JVM's zone, which pgjdbc gave its sessions at connect. */
    private static final ZoneId DAEMON_ZONE = ZoneId.systemDefault();

    /** A client in the daemon's zone with a driver that needs nothing done. */
    static final ClientValues DAEMON = new ClientValues(null, GenericDialect.PLAIN);

    /** The client's zone; null when unknown (the daemon's is used). */
    final ZoneId zone;
    /** The pool's dialect. */
    final Dialect dialect;
    /** The driver converts offsets in its JVM's zone (MariaDB Connector/J). */
    final boolean offsetsInJvmZone;

    ClientValues(ZoneId zone, Dialect dialect) {
        this.zone = zone;
        this.dialect = dialect;
        this.offsetsInJvmZone = dialect.offsetsInJvmZone();
    }

    /** @return the rules for a session of {@code login} on a connection of a pool of {@code dialect} */
    static ClientValues of(Login login, Dialect dialect) {
        return new ClientValues(login.zone, dialect);
    }

    private ZoneId zone() {
        return zone != null ? zone : DAEMON_ZONE;
    }

    /** Binds a {@code java.sql} date/time value in its own zone. */
    static void bind(PreparedStatement ps, int index, InZone v) throws SQLException {
        GregorianCalendar cal = new GregorianCalendar(TimeZone.getTimeZone(ZoneId.of(v.zone())));
        if (v.gregorianChange() != InZone.DEFAULT_GREGORIAN_CHANGE) {
            cal.setGregorianChange(new java.util.Date(v.gregorianChange()));
        }
        if (v.value() instanceof java.sql.Timestamp t) {
            ps.setTimestamp(index, t, cal);
        } else if (v.value() instanceof java.sql.Date d) {
            ps.setDate(index, d, cal);
        } else {
            ps.setTime(index, (java.sql.Time) v.value(), cal);
        }
    }

    /**
     * An OUT parameter registered as a date, time or timestamp, as zone-free fields (like a
     * column's): the client makes the {@code java.sql} value of them in its zone. Where the
     * driver has no {@code getObject(index, LocalDateTime.class)} for OUT parameters (pgjdbc),
     * the fields of its {@code Timestamp}, which it made in the daemon's zone: the same fields,
     * except a time that falls in a DST gap of the daemon's zone.
     *
     * @return the fields, or null when the parameter is of another type or SQL NULL
     */
    static Object outTemporal(java.sql.CallableStatement cs, int index, int sqlType) throws SQLException {
        Class<?> type = sqlType == java.sql.Types.TIMESTAMP ? LocalDateTime.class
                : sqlType == java.sql.Types.DATE ? java.time.LocalDate.class
                : sqlType == java.sql.Types.TIME ? java.time.LocalTime.class : null;
        if (type == null) {
            return null;
        }
        try {
            return cs.getObject(index, type);
        } catch (SQLException | RuntimeException notForOutParameters) {
            java.util.Date v = cs.getObject(index) instanceof java.util.Date d ? d : null;
            if (v instanceof java.sql.Timestamp t) {
                return type == LocalDateTime.class ? t.toLocalDateTime() : type == java.time.LocalDate.class
                        ? t.toLocalDateTime().toLocalDate() : t.toLocalDateTime().toLocalTime();
            }
            if (v instanceof java.sql.Date d) {
                return d.toLocalDate();
            }
            if (v instanceof java.sql.Time t) {
                return t.toLocalTime();
            }
            return null;
        }
    }

    /** @return whether {@code v} is an offset value this driver would convert in the client's JVM zone */
    boolean convertsOffset(Object v) {
        return offsetsInJvmZone && (v instanceof OffsetDateTime || v instanceof ZonedDateTime || v instanceof Instant);
    }

    /** @return an offset value as the local date-time of the client's zone, as its driver would write it */
    LocalDateTime local(Object v) {
        Instant i = v instanceof OffsetDateTime o ? o.toInstant() : v instanceof ZonedDateTime z ? z.toInstant()
                : (Instant) v;
        return LocalDateTime.ofInstant(i, zone());
    }

    /**
     * Sets the database session's zone to the client's where the dialect keeps one
     * ({@link Dialect#applySessionZone}); nothing when the client is in the daemon's zone (no
     * cost for the common case).
     */
    void applySessionZone(Connection c) {
        if (zone != null && !zone.equals(DAEMON_ZONE)) {
            dialect.applySessionZone(c, zone);
        }
    }
}
