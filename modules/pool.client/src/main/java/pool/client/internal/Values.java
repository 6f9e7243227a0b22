package pool.client.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.UUID;
import pool.protocol.SqlNull;
import pool.protocol.ValueTypes;

/**
 * Conversions between the values the protocol carries and what JDBC getters and
 * setters take, following the JDBC conversion table the drivers follow.
 */
final class Values {

    private Values() {
    }

    /**
     * @return {@code v} as a parameter value of a type the wire format carries: as it is where
     *         {@link ValueTypes} says both sides send it so, else as this side's rules make it
     */
    static Object parameter(Object v) throws SQLException {
        if (v == null) {
            return new SqlNull(Types.NULL);
        }
        if (ValueTypes.travelsAsIs(v)) {
            return v;
        }
        if (v instanceof java.util.Date d) { // java.sql's too: meant in this JVM's zone, as the driver takes them
            return Temporals.inZone(d, null);
        }
        if (v instanceof java.util.Calendar c) {
            return Temporals.inZone(new java.sql.Timestamp(c.getTimeInMillis()), c);
        }
        if (v instanceof Character c) {
            return c.toString();
        }
        if (v instanceof java.sql.Array a) {
            return RemoteArray.wire(a);
        }
        if (v instanceof RemoteSQLXML x) {
            return new pool.protocol.XmlValue(x.text());
        }
        if (v instanceof java.sql.SQLXML x) {
            return new pool.protocol.XmlValue(x.getString());
        }
        if (v instanceof Object[] a && !(v instanceof String[])) { // Integer[] and the like: element by element
            Object[] copy = new Object[a.length];
            for (int i = 0; i < a.length; i++) {
                copy[i] = a[i] == null ? null : parameter(a[i]);
            }
            return copy;
        }
        if (ValueTypes.isPrimitiveArray(v) || v instanceof String[]) {
            return v; // the wire carries these as they are; the daemon's driver takes them by setObject
        }
        pool.protocol.VendorObject vendor = VendorObjects.wire(v);
        if (vendor != null) {
            return vendor;
        }
        throw new SQLFeatureNotSupportedException("parameters of type " + v.getClass().getName()
                + " are not supported by poold's remote JDBC", "0A000");
    }

    static String string(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof byte[] b) {
            return HexFormat.of().formatHex(b);
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return v.toString();
    }

    static boolean bool(Object v) throws SQLException {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.intValue() != 0;
        }
        String s = v.toString().trim();
        if (s.equals("1") || s.equalsIgnoreCase("true") || s.equalsIgnoreCase("t") || s.equalsIgnoreCase("yes")) {
            return true;
        }
        if (s.equals("0") || s.equalsIgnoreCase("false") || s.equalsIgnoreCase("f") || s.equalsIgnoreCase("no")) {
            return false;
        }
        throw cannot(v, "boolean");
    }

    /** The integral getters' types, with the range each can return. */
    enum Integral {
        BYTE("byte", Byte.MIN_VALUE, Byte.MAX_VALUE), SHORT("short", Short.MIN_VALUE, Short.MAX_VALUE),
        INT("int", Integer.MIN_VALUE, Integer.MAX_VALUE), LONG("long", Long.MIN_VALUE, Long.MAX_VALUE);

        final String name;
        private final BigInteger min;
        private final BigInteger max;

        Integral(String name, long min, long max) {
            this.name = name;
            this.min = BigInteger.valueOf(min);
            this.max = BigInteger.valueOf(max);
        }
    }

    /**
     * getByte, getShort, getInt, getLong: a fraction is cut toward zero, as both drivers do; a
     * value out of the type's range fails as the driver's getter does (pgjdbc's and Connector/J's
     * throw), never wrapped around: an {@code int} field read from a {@code bigint} column holding
     * 3,000,000,000 must not become -1,294,967,296.
     */
    static long integral(Object v, Integral type, DriverErrors errors) throws SQLException {
        if (v == null) {
            return 0;
        }
        if (v instanceof Boolean b) {
            if (!errors.booleansAsNumbers()) {
                throw errors.badNumber(type.name, b ? "t" : "f");
            }
            return b ? 1 : 0;
        }
        BigInteger whole;
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            long l = ((Number) v).longValue();
            if (l >= type.min.longValue() && l <= type.max.longValue()) {
                return l;
            }
            whole = BigInteger.valueOf(l);
        } else if (v instanceof BigInteger i) {
            whole = i;
        } else if (v instanceof BigDecimal d) {
            whole = d.toBigInteger();
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw errors.badNumber(type.name, string(v));
            }
            whole = BigDecimal.valueOf(d).toBigInteger();
        } else {
            try {
                whole = errors.wholeOfText(v.toString(), type);
            } catch (NumberFormatException e) {
                throw errors.badNumber(type.name, string(v));
            }
        }
        if (whole.compareTo(type.min) < 0 || whole.compareTo(type.max) > 0) {
            throw errors.badNumber(type.name, string(v));
        }
        return whole.longValue();
    }

    static double doubleValue(Object v, String type, DriverErrors errors) throws SQLException {
        if (v == null) {
            return 0;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw errors.badNumber(type, string(v));
        }
    }

    static BigDecimal decimal(Object v) throws SQLException {
        return decimal(v, DriverErrors.POOLD);
    }

    static BigDecimal decimal(Object v, DriverErrors errors) throws SQLException {
        if (v == null || v instanceof BigDecimal) {
            return (BigDecimal) v;
        }
        if (v instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw errors.badNumber("BigDecimal", string(v));
            }
            // 100, not 100.0: both drivers read the server's text of the float, which has no ".0"
            BigDecimal b = BigDecimal.valueOf(d);
            if (b.scale() > 0) {
                BigDecimal stripped = b.stripTrailingZeros();
                b = stripped.scale() < 0 ? stripped.setScale(0) : stripped;
            }
            return b;
        }
        if (v instanceof Number n) {
            return BigDecimal.valueOf(n.longValue());
        }
        try {
            return errors.decimalOfText(v.toString());
        } catch (NumberFormatException e) {
            throw errors.badNumber("BigDecimal", string(v));
        }
    }

    static byte[] bytes(Object v) throws SQLException {
        if (v == null || v instanceof byte[]) {
            return (byte[]) v;
        }
        if (v instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        throw cannot(v, "byte[]");
    }

    static java.sql.Timestamp timestamp(Object v) throws SQLException {
        if (v == null || v instanceof java.sql.Timestamp) {
            return (java.sql.Timestamp) v;
        }
        if (v instanceof LocalDateTime l) {
            return java.sql.Timestamp.valueOf(l);
        }
        if (v instanceof OffsetDateTime o) {
            return java.sql.Timestamp.from(o.toInstant());
        }
        if (v instanceof ZonedDateTime z) {
            return java.sql.Timestamp.from(z.toInstant());
        }
        if (v instanceof Instant i) {
            return java.sql.Timestamp.from(i);
        }
        if (v instanceof LocalDate d) {
            return java.sql.Timestamp.valueOf(d.atStartOfDay());
        }
        if (v instanceof java.util.Date d) {
            return new java.sql.Timestamp(d.getTime());
        }
        String text = v.toString();
        try {
            return java.sql.Timestamp.valueOf(text);
        } catch (IllegalArgumentException e) {
            // a date alone is its midnight, as both drivers read it
            if (text.length() == 10) {
                try {
                    return java.sql.Timestamp.valueOf(LocalDate.parse(text).atStartOfDay());
                } catch (java.time.format.DateTimeParseException notADate) {
                    throw cannot(v, "Timestamp");
                }
            }
            throw cannot(v, "Timestamp");
        }
    }

    static java.sql.Date date(Object v) throws SQLException {
        if (v == null || v instanceof java.sql.Date) {
            return (java.sql.Date) v;
        }
        if (v instanceof LocalDate d) {
            return java.sql.Date.valueOf(d);
        }
        java.sql.Timestamp t = timestamp(v);
        return java.sql.Date.valueOf(t.toLocalDateTime().toLocalDate());
    }

    static java.sql.Time time(Object v) throws SQLException {
        if (v == null || v instanceof java.sql.Time) {
            return (java.sql.Time) v;
        }
        if (v instanceof LocalTime t) {
            return java.sql.Time.valueOf(t);
        }
        if (v instanceof OffsetTime o) {
            return java.sql.Time.valueOf(o.toLocalTime());
        }
        if (v instanceof String s) {
            try {
                return java.sql.Time.valueOf(s);
            } catch (IllegalArgumentException e) {
                throw cannot(v, "Time");
            }
        }
        return java.sql.Time.valueOf(timestamp(v).toLocalDateTime().toLocalTime());
    }

    /** pgjdbc's getTime of text: a time, else a date-time's time of day (a date's midnight). */
    static java.sql.Time timeOfText(String s) throws SQLException {
        try {
            return java.sql.Time.valueOf(s);
        } catch (IllegalArgumentException e) {
            return java.sql.Time.valueOf(timestamp(s).toLocalDateTime().toLocalTime());
        }
    }

    /** {@code getObject(column, type)}. */
    @SuppressWarnings("unchecked")
    static <T> T as(Object v, Class<T> type, DriverErrors errors) throws SQLException {
        if (v == null) {
            return null;
        }
        if (type.isInstance(v)) {
            return (T) v;
        }
        Object r;
        if (type == String.class) r = string(v);
        else if (type == Integer.class) r = (int) integral(v, Integral.INT, errors);
        else if (type == Long.class) r = integral(v, Integral.LONG, errors);
        else if (type == Short.class) r = (short) integral(v, Integral.SHORT, errors);
        else if (type == Byte.class) r = (byte) integral(v, Integral.BYTE, errors);
        else if (type == Double.class) r = doubleValue(v, "double", errors);
        else if (type == Float.class) r = (float) doubleValue(v, "float", errors);
        else if (type == BigDecimal.class) r = decimal(v, errors);
        else if (type == BigInteger.class) r = decimal(v, errors).toBigInteger();
        else if (type == Boolean.class) r = errors.bool(v);
        else if (type == byte[].class) r = bytes(v);
        else if (type == UUID.class) r = UUID.fromString(v.toString());
        else if (type == java.sql.Timestamp.class) r = timestamp(v);
        else if (type == java.sql.Date.class) r = date(v);
        else if (type == java.sql.Time.class) r = time(v);
        else if (type == LocalDateTime.class) r = timestamp(v).toLocalDateTime();
        else if (type == LocalDate.class) r = v instanceof java.sql.Date d ? d.toLocalDate() : timestamp(v).toLocalDateTime().toLocalDate();
        else if (type == LocalTime.class) r = time(v).toLocalTime();
        else if (type == Instant.class) r = timestamp(v).toInstant();
        else if (type == OffsetDateTime.class) r = v instanceof ZonedDateTime z ? z.toOffsetDateTime()
                : timestamp(v).toInstant().atZone(ZoneId.systemDefault()).toOffsetDateTime();
        else throw cannot(v, type.getName());
        return (T) r;
    }

    /**
     * A value this getter cannot make of the column's value: the class a driver's own refusal is
     * rewritten from ({@link DriverErrors#refused}), so that each driver's class and SQLState show.
     */
    static final class Refused extends SQLDataException {
        Refused(String message) {
            super(message, "22018");
        }
    }

    private static SQLException cannot(Object v, String type) {
        return new Refused("cannot convert a " + v.getClass().getSimpleName() + " value to " + type + ": "
                + abbreviate(string(v)));
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}
