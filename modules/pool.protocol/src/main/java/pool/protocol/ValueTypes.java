package pool.protocol;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Set;
import java.util.UUID;

/**
 * The values poold's wire format carries: the tag of each type (docs/protocol.md section 9,
 * written and read by {@link Wire}), and the rules both sides share for what travels as it
 * is. The client turns an application's parameters into these types and the daemon a driver's
 * values; each adds only what is its own (the client's zones, the daemon's LOBs and driver
 * arrays), so neither can send what the other cannot decode.
 */
public final class ValueTypes {

    static final int V_NULL = 0;
    static final int V_SQL_NULL = 1;
    static final int V_TRUE = 2;
    static final int V_FALSE = 3;
    static final int V_BYTE = 4;
    static final int V_SHORT = 5;
    static final int V_INT = 6;
    static final int V_LONG = 7;
    static final int V_FLOAT = 8;
    static final int V_DOUBLE = 9;
    static final int V_CHAR = 10;
    static final int V_STRING = 11;
    static final int V_BIG_DECIMAL = 12;
    static final int V_BIG_INTEGER = 13;
    static final int V_BYTES = 14;
    static final int V_UUID = 15;
    static final int V_SQL_DATE = 16;
    static final int V_SQL_TIME = 17;
    static final int V_SQL_TIMESTAMP = 18;
    static final int V_LOCAL_DATE = 19;
    static final int V_LOCAL_TIME = 20;
    static final int V_LOCAL_DATE_TIME = 21;
    static final int V_OFFSET_DATE_TIME = 22;
    static final int V_OFFSET_TIME = 23;
    static final int V_ZONED_DATE_TIME = 24;
    static final int V_INSTANT = 25;
    static final int V_OUT_PARAM = 26;
    static final int V_OBJECT_ARRAY = 27;
    static final int V_STRING_ARRAY = 28;
    static final int V_BOOLEAN_ARRAY = 29;
    static final int V_CHAR_ARRAY = 30;
    static final int V_SHORT_ARRAY = 31;
    static final int V_INT_ARRAY = 32;
    static final int V_LONG_ARRAY = 33;
    static final int V_FLOAT_ARRAY = 34;
    static final int V_DOUBLE_ARRAY = 35;
    static final int V_TIMESTAMP_IN_ZONE = 36;
    static final int V_DATE_IN_ZONE = 37;
    static final int V_TIME_IN_ZONE = 38;
    static final int V_SQL_ARRAY = 39;
    static final int V_VENDOR_OBJECT = 40;
    static final int V_XML = 41;
    static final int V_TYPED = 42;
    static final int V_LOB = 60;

    /**
     * The classes that have a tag of their own and decode as an equal value of the same
     * class: numbers, text, bytes, UUIDs and the {@code java.time} types. The {@code java.sql}
     * date/time classes have tags too but are not here: the client sends them with their zone
     * ({@link InZone}), the daemon as they are ({@link #isSqlDateTime}).
     */
    private static final Set<Class<?>> AS_IS = Set.of(String.class, Boolean.class, Byte.class, Short.class,
            Integer.class, Long.class, Float.class, Double.class, BigDecimal.class, BigInteger.class, UUID.class,
            byte[].class, java.time.LocalDate.class, java.time.LocalTime.class, java.time.LocalDateTime.class,
            java.time.OffsetDateTime.class, java.time.OffsetTime.class, java.time.Instant.class,
            java.time.ZonedDateTime.class);

    /** The class of pgjdbc's objects that travel as a {@link VendorObject}, with its subclasses. */
    private static final String PG_OBJECT = "org.postgresql.util.PGobject";

    private ValueTypes() {
    }

    /**
     * @param v a value, not null
     * @return whether {@code v} travels as it is, whichever side sends it: one of the classes
     *         above, or a subclass of {@code BigDecimal} or {@code BigInteger}, which the format
     *         writes and the other side reads as the plain number
     */
    public static boolean travelsAsIs(Object v) {
        return AS_IS.contains(v.getClass()) || v instanceof BigDecimal || v instanceof BigInteger;
    }

    /**
     * @return whether values of the class named {@code className} travel under a tag of their
     *         own and decode as that class: those of {@link #travelsAsIs} and the {@code java.sql}
     *         date/time classes (what a column of that class shows the client)
     */
    public static boolean carriesClass(String className) {
        for (Class<?> c : AS_IS) {
            if (c.getName().equals(className)) {
                return true;
            }
        }
        return isSqlDateTime(className);
    }

    /**
     * @param v a value, not null
     * @return whether {@code v} is exactly a {@code java.sql.Timestamp}, {@code Date} or {@code Time}
     *         (a driver's subclass is not: the daemon sends the JDK's class)
     */
    public static boolean isSqlDateTime(Object v) {
        Class<?> c = v.getClass();
        return c == java.sql.Timestamp.class || c == java.sql.Date.class || c == java.sql.Time.class;
    }

    private static boolean isSqlDateTime(String className) {
        return className.equals("java.sql.Timestamp") || className.equals("java.sql.Date")
                || className.equals("java.sql.Time");
    }

    /** @return whether {@code v} (not null) is an array of a primitive type, which travels as it is */
    public static boolean isPrimitiveArray(Object v) {
        Class<?> c = v.getClass();
        return c.isArray() && c.getComponentType().isPrimitive();
    }

    /**
     * @return whether objects of {@code c} travel as a {@link VendorObject} (class, type name and
     *         text): pgjdbc's {@code PGobject} and its subclasses, recognised by name, since
     *         neither side depends on a driver
     */
    public static boolean isVendorClass(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            if (k.getName().equals(PG_OBJECT)) {
                return true;
            }
        }
        return false;
    }
}
