package pool.remote.internal;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import pool.protocol.Column;
import pool.protocol.Rows;
import pool.protocol.SqlArray;
import pool.protocol.ValueTypes;
import pool.protocol.VendorObject;
import pool.protocol.XmlValue;

/**
 * Reads result sets into {@link Rows} batches, turning every value into a type the
 * wire format carries (by the rules {@link ValueTypes} shares with the client, then the
 * daemon's own), so what the driver returns never decides what the client must decode.
 */
final class RowReader {

    /**
     * A batch ends early, after the row that brings it to this many bytes, as its frame will
     * carry them about (a byte array its length, a string its length in characters, any
     * other value 8): 4 MiB. Bounds a batch's frame and the heap both sides spend on it,
     * whatever the fetch size; the client fetches the rest as usual. The daemon holds a batch
     * up to twice while it answers (its values, then their frame, written to the socket as
     * it lies), beside what the driver holds of the result: with rows of large LOB columns,
     * as MariaDB's driver reads them whole, a batch is the rows up to the first that
     * reaches the bound, so a 64 MB daemon answers rows of several megabytes one per reply.
     */
    static final long MAX_BATCH_BYTES = 4L << 20;

    /** Rows a batch's array starts with; it doubles up to the batch size. */
    private static final int INITIAL_ROWS = 16;
    private static final Object[][] NO_ROWS = new Object[0][];

    private RowReader() {
    }

    /** The class name of what a column's values become on the way to the client (see {@link #normalize}). */
    private static String clientClass(String driverClass) {
        if (driverClass == null) {
            return null;
        }
        if (ValueTypes.carriesClass(driverClass)) {
            return driverClass;
        }
        switch (driverClass) {
            case "java.sql.Blob": return driverClass; // MariaDB Connector/J names BLOB columns so, though it reads them as byte[]
            case "java.sql.Array": return driverClass; // a SqlArray, an Array again on the client
            case "java.sql.SQLXML": return driverClass; // an XmlValue, an SQLXML again on the client
            case "java.util.Date": return java.sql.Timestamp.class.getName();
            case "java.lang.Object": return driverClass; // the driver does not say; neither can we
            case "byte[]": return driverClass; // MariaDB Connector/J's name for binary columns, which travel as byte[]
            default:
                if (driverClass.startsWith("org.postgresql.")) {
                    return driverClass; // a VendorObject: rebuilt on the client where the class is
                }
                return String.class.getName(); // Clob, Character, other driver types: their text
        }
    }

    static List<Column> columns(ResultSetMetaData md) throws SQLException {
        int n = md.getColumnCount();
        List<Column> columns = new ArrayList<>(n);
        for (int column = 1; column <= n; column++) {
            Column c;
            try {
                c = column(md, column); // every attribute at once: what drivers almost always answer
            } catch (SQLException | RuntimeException e) {
                c = columnAttributeByAttribute(md, column);
            }
            columns.add(c);
        }
        return List.copyOf(columns); // immutable: Rows keeps it as it is, no copy per batch
    }

    private static Column column(ResultSetMetaData md, int i) throws SQLException {
        return new Column(md.getColumnLabel(i), md.getColumnName(i), md.getColumnType(i), md.getColumnTypeName(i),
                clientClass(md.getColumnClassName(i)), md.getPrecision(i), md.getScale(i), md.isNullable(i),
                md.isSigned(i), md.isAutoIncrement(i), md.isCaseSensitive(i), md.isCurrency(i), md.isSearchable(i),
                md.isReadOnly(i), md.isWritable(i), md.isDefinitelyWritable(i), md.getColumnDisplaySize(i),
                md.getTableName(i), md.getSchemaName(i), md.getCatalogName(i), TableAliases.of(md, i));
    }

    /** A column whose driver refused some attribute: those it refuses are null, 0 or false. */
    private static Column columnAttributeByAttribute(ResultSetMetaData md, int i) throws SQLException {
        return new Column(md.getColumnLabel(i), md.getColumnName(i), md.getColumnType(i),
                md.getColumnTypeName(i), clientClass(orNull(() -> md.getColumnClassName(i))), intOr(() -> md.getPrecision(i)),
                intOr(() -> md.getScale(i)), intOr(() -> md.isNullable(i)), boolOr(() -> md.isSigned(i)),
                boolOr(() -> md.isAutoIncrement(i)), boolOr(() -> md.isCaseSensitive(i)),
                boolOr(() -> md.isCurrency(i)), boolOr(() -> md.isSearchable(i)), boolOr(() -> md.isReadOnly(i)),
                boolOr(() -> md.isWritable(i)), boolOr(() -> md.isDefinitelyWritable(i)),
                intOr(() -> md.getColumnDisplaySize(i)), orNull(() -> md.getTableName(i)),
                orNull(() -> md.getSchemaName(i)), orNull(() -> md.getCatalogName(i)));
    }

    /**
     * Reads up to {@code max} rows.
     *
     * @param columns     the result's columns
     * @param sendColumns whether the batch carries {@code columns} to the client (its first batch)
     */
    static Rows read(ResultSet rs, List<Column> columns, int max, boolean sendColumns) throws SQLException {
        return read(rs, columns, max, sendColumns, false);
    }

    /**
     * As {@link #read(ResultSet, List, int, boolean)}; the rows are counted in the daemon's call
     * memory ({@link CallMemory}) of the call being answered.
     *
     * @param shortWhenFull whether the batch ends early once that memory is full: for a cursor's
     *                      batches, whose rest the client fetches
     */
    static Rows read(ResultSet rs, List<Column> columns, int max, boolean sendColumns, boolean shortWhenFull)
            throws SQLException {
        return read(rs, columns, new Budget(max), sendColumns, shortWhenFull);
    }

    /**
     * What one reply may still carry of rows: a batch, in rows and in bytes ({@link #MAX_BATCH_BYTES}),
     * shared by the results it brings (a statement's first result and those after it), so a reply
     * of several results is bounded as one of a single result is. Reading spends it.
     */
    static final class Budget {
        private int rows;
        private long bytes;

        Budget(int rows) {
            this.rows = Math.max(rows, 0);
            this.bytes = MAX_BATCH_BYTES;
        }

        int rows() {
            return rows;
        }

        void spend(int n, long b) {
            rows = Math.max(0, rows - n);
            bytes -= b;
        }
    }

    /** As {@link #read(ResultSet, List, int, boolean, boolean)}, spending {@code budget}. */
    static Rows read(ResultSet rs, List<Column> columns, Budget budget, boolean sendColumns, boolean shortWhenFull)
            throws SQLException {
        int max = budget.rows;
        long maxBytes = budget.bytes;
        int columnCount = columns.size();
        byte[] kinds = kinds(columns);
        // Most results are a few rows: start small, double as needed, trim once at the end.
        Object[][] rows = new Object[Math.min(max, INITIAL_ROWS)][];
        int n = 0;
        boolean last = false;
        long bytes = 0;
        CallMemory.Use memory = CallMemory.current();
        while (n < max && bytes < maxBytes) {
            if (!rs.next()) {
                last = true;
                break;
            }
            long rowStart = bytes;
            Object[] row = new Object[columnCount];
            for (int c = 0; c < columnCount; c++) {
                Object v = kinds == null || kinds[c] == PLAIN ? normalize(rs, c + 1, rs.getObject(c + 1))
                        : special(rs, c + 1, kinds[c]);
                if (v instanceof String s) {
                    bytes += s.length();
                } else if (v instanceof byte[] b) {
                    bytes += b.length;
                } else {
                    bytes += 8;
                }
                row[c] = v;
            }
            if (n == rows.length) {
                rows = Arrays.copyOf(rows, (int) Math.min(max, 2L * rows.length));
            }
            rows[n++] = row;
            // The row's values and their share of the reply's frame; when the daemon's calls hold all
            // they may, the batch ends here and the client fetches the rest in further calls.
            if (memory != null && !memory.spent(2 * (bytes - rowStart) + 16L * columnCount) && shortWhenFull) {
                break;
            }
        }
        budget.spend(n, bytes);
        return new Rows(sendColumns ? columns : null,
                n == rows.length ? rows : n == 0 ? NO_ROWS : Arrays.copyOf(rows, n), last);
    }

    // How a column's values are read: getObject, unless the column is one of these kinds.
    private static final byte PLAIN = 0;
    private static final byte SERIALIZED = 1;
    private static final byte LOCAL_DATE = 2;
    private static final byte LOCAL_TIME = 3;
    private static final byte LOCAL_DATE_TIME = 4;
    private static final byte OFFSET_DATE_TIME = 5;
    private static final byte OFFSET_TIME = 6;
    private static final byte NUMBER_AS_BOOLEAN = 7;

    /**
     * How each column is read, or null when every column is read with {@code getObject}
     * (results of numbers and text: no per-value work added to them).
     *
     * <p>Dates and times are read as zone-free {@code java.time} fields: {@code getObject}
     * would return {@code java.sql} values made in the daemon's zone, which mean another
     * instant in a client's zone. The client makes the {@code java.sql} value of the fields
     * in its own zone (or a {@code Calendar}'s), as the driver would have in its JVM.
     * {@code timestamptz}/{@code timetz} keep their offset.
     */
    static byte[] kinds(List<Column> columns) {
        byte[] kinds = null;
        for (int c = 0; c < columns.size(); c++) {
            byte k = kind(columns.get(c));
            if (k != PLAIN) {
                if (kinds == null) {
                    kinds = new byte[columns.size()];
                }
                kinds[c] = k;
            }
        }
        return kinds;
    }

    private static byte kind(Column c) {
        String name = c.typeName() == null ? "" : c.typeName();
        if (numberAsBoolean(c, name)) {
            return NUMBER_AS_BOOLEAN;
        }
        switch (c.type()) {
            case Types.JAVA_OBJECT:
                return SERIALIZED;
            case Types.DATE:
                return name.equalsIgnoreCase("year") ? PLAIN : LOCAL_DATE; // MariaDB's YEAR reports DATE
            case Types.TIME:
                return name.equalsIgnoreCase("timetz") ? OFFSET_TIME : LOCAL_TIME;
            case Types.TIMESTAMP:
                return name.equalsIgnoreCase("timestamptz") ? OFFSET_DATE_TIME : LOCAL_DATE_TIME;
            case Types.TIME_WITH_TIMEZONE:
                return OFFSET_TIME;
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return OFFSET_DATE_TIME;
            default:
                return PLAIN;
        }
    }

    /**
     * A number column the driver answers as a Boolean ({@code getObject}): MariaDB's TINYINT(1),
     * which Connector/J reads as a Boolean but whose {@code getInt} is the number stored (2 as
     * much as 1). Not PostgreSQL's {@code bool} or a {@code bit}, which are no numbers.
     */
    private static boolean numberAsBoolean(Column c, String name) {
        return "java.lang.Boolean".equals(c.className()) && (c.type() == Types.BOOLEAN || c.type() == Types.BIT
                || c.type() == Types.TINYINT) && !name.equalsIgnoreCase("bool") && !name.equalsIgnoreCase("bit");
    }

    private static Object special(ResultSet rs, int column, byte kind) throws SQLException {
        if (kind == SERIALIZED) {
            return rs.getBytes(column);
        }
        if (kind == NUMBER_AS_BOOLEAN) {
            // 0 and 1 travel as the Boolean getObject gives; another number as itself, which the
            // client answers as true to getObject and as the number to the numeric getters and getString
            Object b = rs.getObject(column);
            if (b == null) {
                return null;
            }
            int n = rs.getInt(column);
            return n == 0 || n == 1 ? normalize(rs, column, b) : (Object) n;
        }
        Class<?> type = switch (kind) {
            case LOCAL_DATE -> java.time.LocalDate.class;
            case LOCAL_TIME -> java.time.LocalTime.class;
            case LOCAL_DATE_TIME -> java.time.LocalDateTime.class;
            case OFFSET_DATE_TIME -> java.time.OffsetDateTime.class;
            default -> java.time.OffsetTime.class;
        };
        Object v;
        try {
            v = rs.getObject(column, type);
        } catch (SQLException | RuntimeException e) {
            // A value java.time cannot hold (MariaDB's TIME beyond 24 hours, a zero date): as the driver gives it.
            return normalize(rs, column, rs.getObject(column));
        }
        return v == null || type.isInstance(v) ? v : normalize(rs, column, v);
    }

    /**
     * Which columns hold Java-serialized objects (JDBC {@code JAVA_OBJECT}, H2's
     * {@code JAVA_OBJECT}/{@code OTHER}): their values are read as the bytes they are
     * stored as. {@code getObject} would have the driver deserialize whatever bytes a
     * client stored there, inside the daemon: a gadget chain's way in.
     *
     * @return a flag per column, or null when no column does (almost every result)
     */
    static boolean[] serializedObjects(List<Column> columns) {
        boolean[] flags = null;
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).type() == Types.JAVA_OBJECT) {
                if (flags == null) {
                    flags = new boolean[columns.size()];
                }
                flags[c] = true;
            }
        }
        return flags;
    }

    /** Reads all rows (generated keys: as many as rows were inserted). */
    static Rows readAll(ResultSet rs) throws SQLException {
        return read(rs, columns(rs.getMetaData()), Integer.MAX_VALUE, true);
    }

    static Object normalize(ResultSet rs, int column, Object v) throws SQLException {
        if (asIs(v)) {
            return v;
        }
        return normalizeOther(v, () -> rs.getString(column));
    }

    /** Normalizes a value that did not come from a result set column (OUT parameters). */
    static Object normalize(Object v, SqlSupplier<String> asString) throws SQLException {
        if (asIs(v)) {
            return v;
        }
        return normalizeOther(v, asString);
    }

    /** @return whether {@code v} goes to the client as it is: the shared rule, and the JDK's {@code java.sql} dates */
    private static boolean asIs(Object v) {
        return v == null || ValueTypes.travelsAsIs(v) || ValueTypes.isSqlDateTime(v);
    }

    private static Object normalizeOther(Object v, SqlSupplier<String> asString) throws SQLException {
        // Driver subclasses of the java.sql date types become the plain JDK classes.
        if (v instanceof java.sql.Timestamp t) {
            java.sql.Timestamp copy = new java.sql.Timestamp(t.getTime());
            copy.setNanos(t.getNanos());
            return copy;
        }
        if (v instanceof java.sql.Date d) {
            return new java.sql.Date(d.getTime());
        }
        if (v instanceof java.sql.Time t) {
            return new java.sql.Time(t.getTime());
        }
        if (v instanceof java.util.Date d) {
            return new java.sql.Timestamp(d.getTime());
        }
        if (v instanceof Temporal) {
            return v.toString(); // a java.time type the wire format does not carry (e.g. Year): its ISO text
        }
        if (v instanceof Character c) {
            return c.toString();
        }
        if (v instanceof Clob c) {
            try {
                return c.getSubString(1, (int) Math.min(Integer.MAX_VALUE, c.length()));
            } finally {
                c.free();
            }
        }
        if (v instanceof Blob b) {
            try {
                return b.getBytes(1, (int) Math.min(Integer.MAX_VALUE, b.length()));
            } finally {
                b.free();
            }
        }
        if (v instanceof SQLXML x) {
            try {
                String text = x.getString();
                return text == null ? null : new XmlValue(text);
            } finally {
                x.free();
            }
        }
        if (v instanceof Array a) {
            try {
                return array(a);
            } finally {
                a.free();
            }
        }
        if (v instanceof Object[] arr) {
            return normalizeArray(arr);
        }
        if (ValueTypes.isPrimitiveArray(v)) {
            return v;
        }
        if (v instanceof Number n) {
            return new BigDecimal(n.toString()); // a driver's own Number type
        }
        VendorObject vendor = VendorObjects.of(v, asString);
        if (vendor != null) {
            return vendor;
        }
        // hstore maps and other driver types: their text form, as the driver's getString gives it.
        return asString.get();
    }

    /** A driver's array: its element type and the class of its Java array, so the client returns the same. */
    private static SqlArray array(Array a) throws SQLException {
        Object elements = a.getArray();
        String elementClass = elements == null ? null : elements.getClass().getName();
        Class<?> fields = elements == null ? null : fieldsOf(a.getBaseTypeName());
        Object normalized = normalizeArray(fields == null ? elements : zoneFree(a, elements, fields));
        Object[] boxed;
        if (normalized instanceof Object[] objects) {
            boxed = objects;
        } else if (normalized == null) {
            boxed = new Object[0];
        } else { // a primitive array: its values boxed, its class kept
            int n = java.lang.reflect.Array.getLength(normalized);
            boxed = new Object[n];
            for (int i = 0; i < n; i++) {
                boxed[i] = java.lang.reflect.Array.get(normalized, i);
            }
        }
        int baseType;
        try {
            baseType = a.getBaseType();
        } catch (SQLException | RuntimeException e) {
            baseType = 0;
        }
        return new SqlArray(a.getBaseTypeName(), baseType, elementClass, boxed);
    }

    /**
     * @return the {@code java.time} class whose fields an element of this base type is read as
     *         (a date or time without zone), or null when the element goes as the driver gives it
     */
    private static Class<?> fieldsOf(String baseTypeName) {
        return baseTypeName == null ? null : switch (baseTypeName.toLowerCase(Locale.ROOT)) {
            case "timestamp" -> LocalDateTime.class;
            case "date" -> LocalDate.class;
            case "time" -> LocalTime.class;
            default -> null;
        };
    }

    /**
     * The elements of a date/time array as zone-free fields, as columns of those types travel:
     * the driver's {@code getArray()} made them in this JVM's zone, which is not the client's.
     * Read through the array's result set (one row per element; nested arrays recursively),
     * so that a time in a DST gap of this JVM's zone is not moved. A driver whose array
     * result set cannot give {@code java.time} values gets its elements' fields in this JVM's
     * zone instead, which is the same outside such gaps.
     */
    private static Object[] zoneFree(Array a, Object elements, Class<?> type) throws SQLException {
        try {
            return fieldsThroughResultSet(a, type);
        } catch (SQLException | RuntimeException e) {
            return fieldsInThisZone((Object[]) elements);
        }
    }

    private static Object[] fieldsThroughResultSet(Array a, Class<?> type) throws SQLException {
        List<Object> out = new ArrayList<>();
        try (ResultSet rs = a.getResultSet()) {
            boolean nested = rs.getMetaData().getColumnType(2) == Types.ARRAY;
            while (rs.next()) {
                if (nested) {
                    Array inner = rs.getArray(2);
                    if (inner == null) {
                        out.add(null);
                        continue;
                    }
                    try {
                        out.add(fieldsThroughResultSet(inner, type));
                    } finally {
                        inner.free();
                    }
                } else {
                    out.add(rs.getObject(2, type));
                }
            }
        }
        return out.toArray();
    }

    private static Object[] fieldsInThisZone(Object[] elements) {
        Object[] out = new Object[elements.length];
        for (int i = 0; i < out.length; i++) {
            Object e = elements[i];
            out[i] = e instanceof Object[] inner ? fieldsInThisZone(inner)
                    : e instanceof java.sql.Timestamp t ? t.toLocalDateTime()
                    : e instanceof java.sql.Date d ? d.toLocalDate()
                    : e instanceof java.sql.Time t ? t.toLocalTime()
                    : e;
        }
        return out;
    }

    private static Object normalizeArray(Object array) throws SQLException {
        if (!(array instanceof Object[] arr)) {
            return array; // primitive array
        }
        Object[] out = new Object[arr.length];
        for (int i = 0; i < arr.length; i++) {
            Object e = arr[i];
            out[i] = normalize(e, () -> String.valueOf(e));
        }
        return out;
    }

    /** A supplier that may throw SQLException. */
    interface SqlSupplier<T> {
        T get() throws SQLException;
    }

    private static String orNull(SqlSupplier<String> s) {
        try {
            return s.get();
        } catch (SQLException | RuntimeException e) {
            return null; // drivers differ in which metadata they offer; missing is not an error
        }
    }

    private static int intOr(SqlSupplier<Integer> s) {
        try {
            return s.get();
        } catch (SQLException | RuntimeException e) {
            return 0;
        }
    }

    private static boolean boolOr(SqlSupplier<Boolean> s) {
        try {
            return s.get();
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
