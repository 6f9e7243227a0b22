package pool.protocol;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;

/**
 * Values (docs/protocol.md section 9): each written under the tag {@link ValueTypes} gives
 * its type, and read back strictly. {@code depth} is how deep a value sits in arrays, bounded
 * by {@link Wire#MAX_NESTING}.
 */
final class ValueCodec {

    /** Longest zone id of a {@code ZonedDateTime} or an {@link InZone}. */
    static final int MAX_ZONE_ID = 128;
    /** Longest class name of a {@link SqlArray}'s elements or a {@link VendorObject}. */
    static final int MAX_CLASS_NAME = 512;

    private static final LobParam.Kind[] LOB_KINDS = LobParam.Kind.values(); // wire order = declaration order
    private static final Object[] NO_OBJECTS = new Object[0];

    private ValueCodec() {
    }

    static void values(FrameWriter o, Object[] values, int depth) {
        o.length(values.length);
        for (Object v : values) {
            value(o, v, depth + 1);
        }
    }

    static Object[] values(FrameReader in, int depth) throws WireException {
        int n = in.length("values", 1);
        if (n == 0) {
            return NO_OBJECTS;
        }
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            values[i] = value(in, depth + 1);
        }
        return values;
    }

    static void value(FrameWriter o, Object v, int depth) {
        if (depth > Wire.MAX_NESTING) {
            throw new IllegalArgumentException("values nested deeper than " + Wire.MAX_NESTING);
        }
        // The common types first.
        if (v == null) {
            o.u8(ValueTypes.V_NULL);
        } else if (v instanceof String s) {
            o.u8(ValueTypes.V_STRING);
            o.string(s);
        } else if (v instanceof Integer i) {
            o.u8(ValueTypes.V_INT);
            o.i32(i);
        } else if (v instanceof Long l) {
            o.u8(ValueTypes.V_LONG);
            o.i64(l);
        } else if (v instanceof Boolean b) {
            o.u8(b ? ValueTypes.V_TRUE : ValueTypes.V_FALSE);
        } else if (v instanceof BigDecimal d) {
            o.u8(ValueTypes.V_BIG_DECIMAL);
            o.sint(d.scale());
            magnitude(o, d.unscaledValue());
        } else if (v instanceof SqlNull n) {
            o.u8(ValueTypes.V_SQL_NULL);
            o.sint(n.sqlType());
        } else if (v instanceof Double d) {
            o.u8(ValueTypes.V_DOUBLE);
            o.i64(Double.doubleToRawLongBits(d));
        } else if (v instanceof Float f) {
            o.u8(ValueTypes.V_FLOAT);
            o.i32(Float.floatToRawIntBits(f));
        } else if (v instanceof Short s) {
            o.u8(ValueTypes.V_SHORT);
            o.u16(s);
        } else if (v instanceof Byte b) {
            o.u8(ValueTypes.V_BYTE);
            o.u8(b);
        } else if (v instanceof Character c) {
            o.u8(ValueTypes.V_CHAR);
            o.u16(c);
        } else if (v instanceof BigInteger i) {
            o.u8(ValueTypes.V_BIG_INTEGER);
            magnitude(o, i);
        } else if (v instanceof byte[] b) {
            o.u8(ValueTypes.V_BYTES);
            o.length(b.length);
            o.bytes(b, 0, b.length);
        } else if (v instanceof UUID u) {
            o.u8(ValueTypes.V_UUID);
            o.i64(u.getMostSignificantBits());
            o.i64(u.getLeastSignificantBits());
        } else if (v instanceof java.sql.Timestamp t) {
            o.u8(ValueTypes.V_SQL_TIMESTAMP);
            o.slong(t.getTime());
            o.sint(t.getNanos());
        } else if (v instanceof java.sql.Date d) {
            o.u8(ValueTypes.V_SQL_DATE);
            o.slong(d.getTime());
        } else if (v instanceof java.sql.Time t) {
            o.u8(ValueTypes.V_SQL_TIME);
            o.slong(t.getTime());
        } else if (v instanceof LocalDate d) {
            o.u8(ValueTypes.V_LOCAL_DATE);
            o.slong(d.toEpochDay());
        } else if (v instanceof LocalTime t) {
            o.u8(ValueTypes.V_LOCAL_TIME);
            o.slong(t.toNanoOfDay());
        } else if (v instanceof LocalDateTime t) {
            o.u8(ValueTypes.V_LOCAL_DATE_TIME);
            localDateTime(o, t);
        } else if (v instanceof OffsetDateTime t) {
            o.u8(ValueTypes.V_OFFSET_DATE_TIME);
            localDateTime(o, t.toLocalDateTime());
            o.sint(t.getOffset().getTotalSeconds());
        } else if (v instanceof OffsetTime t) {
            o.u8(ValueTypes.V_OFFSET_TIME);
            o.slong(t.toLocalTime().toNanoOfDay());
            o.sint(t.getOffset().getTotalSeconds());
        } else if (v instanceof ZonedDateTime t) {
            o.u8(ValueTypes.V_ZONED_DATE_TIME);
            localDateTime(o, t.toLocalDateTime());
            o.sint(t.getOffset().getTotalSeconds());
            o.string(t.getZone().getId());
        } else if (v instanceof Instant t) {
            o.u8(ValueTypes.V_INSTANT);
            o.slong(t.getEpochSecond());
            o.sint(t.getNano());
        } else if (v instanceof LobParam l) {
            o.u8(ValueTypes.V_LOB);
            o.u8(l.kind().ordinal());
            o.varlong(l.length());
            if (l.data() != null) {
                o.u8(1);
                o.bytes(l.data(), 0, l.data().length);
            } else {
                o.u8(0);
                o.i64(l.spool());
            }
        } else if (v instanceof InZone z) {
            java.util.Date d = z.value();
            o.u8(d instanceof java.sql.Timestamp ? ValueTypes.V_TIMESTAMP_IN_ZONE : d instanceof java.sql.Date ? ValueTypes.V_DATE_IN_ZONE
                    : ValueTypes.V_TIME_IN_ZONE);
            o.slong(d.getTime());
            if (d instanceof java.sql.Timestamp t) {
                o.sint(t.getNanos());
            }
            o.string(z.zone());
            o.slong(z.gregorianChange() - InZone.DEFAULT_GREGORIAN_CHANGE); // 1 byte for the default
        } else if (v instanceof SqlArray a) {
            o.u8(ValueTypes.V_SQL_ARRAY);
            o.string(a.baseTypeName());
            o.sint(a.baseType());
            o.string(a.elementClass());
            values(o, a.elements(), depth);
        } else if (v instanceof VendorObject x) {
            o.u8(ValueTypes.V_VENDOR_OBJECT);
            o.string(x.className());
            o.string(x.typeName());
            o.string(x.text());
        } else if (v instanceof XmlValue x) {
            o.u8(ValueTypes.V_XML);
            o.string(x.text());
        } else if (v instanceof TypedParam p) {
            o.u8(ValueTypes.V_TYPED);
            o.sint(p.sqlType());
            o.sint(p.scale());
            value(o, p.value(), depth + 1);
        } else if (v instanceof OutParam p) {
            o.u8(ValueTypes.V_OUT_PARAM);
            o.sint(p.sqlType());
            o.sint(p.scale());
            value(o, p.in(), depth + 1);
        } else if (v instanceof String[] a) {
            o.u8(ValueTypes.V_STRING_ARRAY);
            o.length(a.length);
            for (String s : a) {
                o.string(s);
            }
        } else if (v instanceof Object[] a) {
            o.u8(ValueTypes.V_OBJECT_ARRAY);
            values(o, a, depth);
        } else if (!PrimitiveArrayCodec.write(o, v)) {
            throw new IllegalArgumentException("poold's wire format has no encoding for values of "
                    + v.getClass().getName());
        }
    }

    static Object value(FrameReader in, int depth) throws WireException {
        if (depth > Wire.MAX_NESTING) {
            throw in.fail("values nested deeper than " + Wire.MAX_NESTING);
        }
        in.spend();
        int tag = in.u8();
        switch (tag) {
            case ValueTypes.V_NULL: return null;
            case ValueTypes.V_SQL_NULL: return new SqlNull(in.sint());
            case ValueTypes.V_TRUE: return Boolean.TRUE;
            case ValueTypes.V_FALSE: return Boolean.FALSE;
            case ValueTypes.V_BYTE: return (byte) in.u8();
            case ValueTypes.V_SHORT: return (short) in.u16();
            case ValueTypes.V_INT: return in.i32();
            case ValueTypes.V_LONG: return in.i64();
            case ValueTypes.V_FLOAT: return Float.intBitsToFloat(in.i32());
            case ValueTypes.V_DOUBLE: return Double.longBitsToDouble(in.i64());
            case ValueTypes.V_CHAR: return (char) in.u16();
            case ValueTypes.V_STRING: return in.requiredString("string value");
            case ValueTypes.V_BIG_DECIMAL: {
                int scale = in.sint();
                return new BigDecimal(magnitude(in), scale);
            }
            case ValueTypes.V_BIG_INTEGER: return magnitude(in);
            case ValueTypes.V_BYTES: {
                int n = in.length("byte[] value", 1);
                return in.bytes(n);
            }
            case ValueTypes.V_UUID: return new UUID(in.i64(), in.i64());
            case ValueTypes.V_SQL_TIMESTAMP: return timestamp(in, in.slong());
            case ValueTypes.V_SQL_DATE: return new java.sql.Date(in.slong());
            case ValueTypes.V_SQL_TIME: return new java.sql.Time(in.slong());
            case ValueTypes.V_LOCAL_DATE: return LocalDate.ofEpochDay(in.slong());
            case ValueTypes.V_LOCAL_TIME: return LocalTime.ofNanoOfDay(in.slong());
            case ValueTypes.V_LOCAL_DATE_TIME: return localDateTime(in);
            case ValueTypes.V_OFFSET_DATE_TIME: return OffsetDateTime.of(localDateTime(in), ZoneOffset.ofTotalSeconds(in.sint()));
            case ValueTypes.V_OFFSET_TIME: {
                LocalTime t = LocalTime.ofNanoOfDay(in.slong());
                return OffsetTime.of(t, ZoneOffset.ofTotalSeconds(in.sint()));
            }
            case ValueTypes.V_ZONED_DATE_TIME: {
                LocalDateTime t = localDateTime(in);
                ZoneOffset offset = ZoneOffset.ofTotalSeconds(in.sint());
                String id = zone(in, in.requiredString("zone id"));
                return ZonedDateTime.ofInstant(t, offset, ZoneId.of(id));
            }
            case ValueTypes.V_INSTANT: {
                long seconds = in.slong();
                return Instant.ofEpochSecond(seconds, in.sint());
            }
            case ValueTypes.V_LOB: {
                LobParam.Kind kind = in.code(LOB_KINDS, "LOB kind");
                long length = in.varlong(10);
                if ((in.flags("LOB", 1) & 1) != 0) {
                    if (length > in.remaining()) {
                        throw in.fail("inline LOB of " + length + " bytes exceeds the " + in.remaining() + " bytes left");
                    }
                    return new LobParam(kind, length, in.bytes((int) length), 0);
                }
                return new LobParam(kind, length, null, in.i64());
            }
            case ValueTypes.V_TIMESTAMP_IN_ZONE:
            case ValueTypes.V_DATE_IN_ZONE:
            case ValueTypes.V_TIME_IN_ZONE: {
                long millis = in.slong();
                java.util.Date d;
                if (tag == ValueTypes.V_TIMESTAMP_IN_ZONE) {
                    d = timestamp(in, millis);
                } else {
                    d = tag == ValueTypes.V_DATE_IN_ZONE ? new java.sql.Date(millis) : new java.sql.Time(millis);
                }
                String zone = zone(in, in.requiredString("zone id"));
                return new InZone(d, zone, in.slong() + InZone.DEFAULT_GREGORIAN_CHANGE);
            }
            case ValueTypes.V_SQL_ARRAY: {
                String baseTypeName = in.requiredString("array base type name");
                int baseType = in.sint();
                String elementClass = className(in, in.string());
                return new SqlArray(baseTypeName, baseType, elementClass, values(in, depth));
            }
            case ValueTypes.V_VENDOR_OBJECT: {
                String className = className(in, in.requiredString("vendor class name"));
                String typeName = in.string();
                return new VendorObject(className, typeName, in.string());
            }
            case ValueTypes.V_XML: return new XmlValue(in.requiredString("SQLXML text"));
            case ValueTypes.V_OUT_PARAM: {
                int sqlType = in.sint();
                int scale = in.sint();
                return new OutParam(sqlType, scale, value(in, depth + 1));
            }
            case ValueTypes.V_TYPED: {
                int sqlType = in.sint();
                int scale = in.sint();
                Object typed = value(in, depth + 1);
                if (typed == null) {
                    throw in.fail("a typed parameter without a value");
                }
                return new TypedParam(typed, sqlType, scale);
            }
            case ValueTypes.V_OBJECT_ARRAY: return values(in, depth);
            case ValueTypes.V_STRING_ARRAY: {
                String[] a = new String[in.length("String[] value", 1)];
                for (int i = 0; i < a.length; i++) {
                    in.spend();
                    a[i] = in.string();
                }
                return a;
            }
            case ValueTypes.V_INT_ARRAY:
            case ValueTypes.V_LONG_ARRAY:
            case ValueTypes.V_DOUBLE_ARRAY:
            case ValueTypes.V_FLOAT_ARRAY:
            case ValueTypes.V_SHORT_ARRAY:
            case ValueTypes.V_CHAR_ARRAY:
            case ValueTypes.V_BOOLEAN_ARRAY:
                return PrimitiveArrayCodec.read(in, tag);
            default:
                throw in.fail("unknown value tag " + tag);
        }
    }

    /** @return {@code name}, checked to be no longer than {@link #MAX_CLASS_NAME} */
    private static String className(FrameReader in, String name) throws WireException {
        if (name != null && name.length() > MAX_CLASS_NAME) {
            throw in.fail("class name of " + name.length() + " characters");
        }
        return name;
    }

    /** @return {@code id}, checked to be a zone's id of at most {@link #MAX_ZONE_ID} characters */
    static String zone(FrameReader in, String id) throws WireException {
        if (id.length() > MAX_ZONE_ID) {
            throw in.fail("zone id of " + id.length() + " characters");
        }
        try {
            ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            throw in.invalid(e);
        }
        return id;
    }

    /** A {@code java.sql.Timestamp} of {@code millis} and the nanos that follow them. */
    private static java.sql.Timestamp timestamp(FrameReader in, long millis) throws WireException {
        java.sql.Timestamp t = new java.sql.Timestamp(millis);
        int nanos = in.sint();
        if (nanos < 0 || nanos > 999_999_999) {
            throw in.fail("timestamp nanos " + nanos + " out of range");
        }
        t.setNanos(nanos);
        return t;
    }

    private static void localDateTime(FrameWriter o, LocalDateTime t) {
        o.slong(t.toLocalDate().toEpochDay());
        o.slong(t.toLocalTime().toNanoOfDay());
    }

    private static LocalDateTime localDateTime(FrameReader in) throws WireException {
        LocalDate d = LocalDate.ofEpochDay(in.slong());
        return LocalDateTime.of(d, LocalTime.ofNanoOfDay(in.slong()));
    }

    private static void magnitude(FrameWriter o, BigInteger i) {
        byte[] b = i.toByteArray();
        if (b.length > Wire.MAX_MAGNITUDE_BYTES) {
            throw new IllegalArgumentException("number of " + b.length + " bytes, poold's limit is "
                    + Wire.MAX_MAGNITUDE_BYTES);
        }
        o.length(b.length);
        o.bytes(b, 0, b.length);
    }

    private static BigInteger magnitude(FrameReader in) throws WireException {
        int n = in.length("number magnitude", 1);
        if (n == 0 || n > Wire.MAX_MAGNITUDE_BYTES) {
            throw in.fail("number magnitude of " + n + " bytes, allowed 1.." + Wire.MAX_MAGNITUDE_BYTES);
        }
        return new BigInteger(in.bytes(n));
    }
}
