package pool.client.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pool.protocol.Column;
import pool.protocol.Rows;
import pool.protocol.SqlArray;

/**
 * A SQL array on the client: one read from a column ({@code getArray}, {@code getObject}) or
 * made by {@code Connection.createArrayOf}, which costs no call (the daemon makes the driver's
 * array when the statement runs). Its elements are in memory; {@link #getArray()} returns an
 * array of the class the driver's {@code getArray()} returned on the daemon
 * ({@code Integer[]} for {@code int4[]}, {@code String[]} for {@code text[]}...).
 */
final class RemoteArray implements Array {

    /** Element classes an array is rebuilt with; anything else comes back as {@code Object[]}. */
    private static final Set<String> ELEMENT_CLASSES = Set.of("java.lang.String", "java.lang.Integer",
            "java.lang.Long", "java.lang.Short", "java.lang.Byte", "java.lang.Boolean", "java.lang.Double",
            "java.lang.Float", "java.lang.Character", "java.math.BigDecimal", "java.math.BigInteger", "java.util.UUID",
            "java.sql.Date", "java.sql.Time", "java.sql.Timestamp", "java.time.LocalDate", "java.time.LocalTime",
            "java.time.LocalDateTime", "java.time.OffsetDateTime", "java.time.OffsetTime", "java.lang.Object");

    private final RemoteConnection connection;
    private final String baseTypeName;
    private final int baseType;
    private final String elementClass;
    private Object[] elements;

    RemoteArray(RemoteConnection connection, SqlArray a) throws SQLException {
        this.connection = connection;
        this.baseTypeName = a.baseTypeName();
        this.baseType = a.baseType();
        this.elementClass = a.elementClass();
        this.elements = inThisZone(a.elements(), leafClassName(a.elementClass()));
    }

    /**
     * The daemon sends the elements of a date/time array as zone-free fields, as it sends such
     * columns: they become the driver's {@code java.sql} class here, in this JVM's zone, as the
     * driver makes them in the application's JVM.
     */
    private static Object[] inThisZone(Object[] values, String leaf) throws SQLException {
        if (leaf == null || !leaf.startsWith("java.sql.")) {
            return values;
        }
        Object[] out = values;
        for (int i = 0; i < values.length; i++) {
            Object e = values[i];
            Object made = e instanceof Object[] inner ? inThisZone(inner, leaf)
                    : !(e instanceof LocalDate || e instanceof LocalTime || e instanceof LocalDateTime) ? e
                    : switch (leaf) {
                        case "java.sql.Timestamp" -> Temporals.timestamp(e, null);
                        case "java.sql.Date" -> Temporals.date(e, null);
                        case "java.sql.Time" -> Temporals.time(e, null);
                        default -> e;
                    };
            if (made != e) {
                if (out == values) {
                    out = values.clone();
                }
                out[i] = made;
            }
        }
        return out;
    }

    /** @return the leaf class's name of an array class name ({@code [[Ljava.sql.Date;}: java.sql.Date), or null */
    private static String leafClassName(String arrayClass) {
        if (arrayClass == null) {
            return null;
        }
        int dims = 0;
        while (dims < arrayClass.length() && arrayClass.charAt(dims) == '[') {
            dims++;
        }
        return dims > 0 && arrayClass.startsWith("L", dims) && arrayClass.endsWith(";")
                ? arrayClass.substring(dims + 1, arrayClass.length() - 1) : null;
    }

    /** {@code Connection.createArrayOf(typeName, elements)}: the elements copied, checked to be wire values. */
    static RemoteArray of(RemoteConnection connection, String typeName, Object[] elements) throws SQLException {
        if (typeName == null) {
            throw new SQLException("createArrayOf needs the element type's name", "HY009");
        }
        Object[] copy = elements == null ? new Object[0] : new Object[elements.length];
        for (int i = 0; i < copy.length; i++) {
            Object e = elements[i];
            copy[i] = e == null ? null : e instanceof Object[] inner ? of(connection, typeName, inner).elements
                    : Values.parameter(e);
        }
        String cls = elements == null ? null : elements.getClass().getName();
        return new RemoteArray(connection, new SqlArray(typeName, 0, cls, copy));
    }

    /** @return {@code a}, any JDBC array, as it travels */
    static SqlArray wire(Array a) throws SQLException {
        if (a instanceof RemoteArray r) {
            return new SqlArray(r.baseTypeName, r.baseType, r.elementClass, r.live());
        }
        Object values = a.getArray();
        Object[] elements = values instanceof Object[] o ? o : new Object[0];
        Object[] copy = new Object[elements.length];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = elements[i] == null ? null : Values.parameter(elements[i]);
        }
        return new SqlArray(a.getBaseTypeName(), a.getBaseType(), values == null ? null : values.getClass().getName(), copy);
    }

    private Object[] live() throws SQLException {
        if (elements == null) {
            throw new SQLException("this Array has been freed", "HY010");
        }
        return elements;
    }

    @Override
    public String getBaseTypeName() throws SQLException {
        live();
        return baseTypeName;
    }

    @Override
    public int getBaseType() throws SQLException {
        live();
        return baseType;
    }

    @Override
    public Object getArray() throws SQLException {
        return typed(live(), elementClass);
    }

    @Override
    public Object getArray(Map<String, Class<?>> map) throws SQLException {
        noTypeMap(map);
        return getArray();
    }

    @Override
    public Object getArray(long index, int count) throws SQLException {
        return typed(slice(index, count), elementClass);
    }

    @Override
    public Object getArray(long index, int count, Map<String, Class<?>> map) throws SQLException {
        noTypeMap(map);
        return getArray(index, count);
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        return resultSet(1, live());
    }

    @Override
    public ResultSet getResultSet(Map<String, Class<?>> map) throws SQLException {
        noTypeMap(map);
        return getResultSet();
    }

    @Override
    public ResultSet getResultSet(long index, int count) throws SQLException {
        return resultSet(index, slice(index, count));
    }

    @Override
    public ResultSet getResultSet(long index, int count, Map<String, Class<?>> map) throws SQLException {
        noTypeMap(map);
        return getResultSet(index, count);
    }

    @Override
    public void free() {
        elements = null;
    }

    @Override
    public String toString() {
        return elements == null ? "freed Array" : new SqlArray(baseTypeName, baseType, elementClass, elements).text();
    }

    private Object[] slice(long index, int count) throws SQLException {
        Object[] all = live();
        if (index < 1 || count < 0 || index - 1 + count > all.length) {
            throw new SQLException("elements " + index + ".." + (index - 1 + count) + " are outside the array's 1.."
                    + all.length, "2202E");
        }
        return Arrays.copyOfRange(all, (int) index - 1, (int) index - 1 + count);
    }

    /** The JDBC form: a row per element, INDEX (1-based) and VALUE. */
    private ResultSet resultSet(long first, Object[] values) throws SQLException {
        List<Column> columns = List.of(
                new Column("INDEX", "INDEX", Types.INTEGER, "int4", Integer.class.getName(), 10, 0,
                        ResultSetMetaData.columnNoNulls, true, false, false, false, true, true, false, false, 11, "", "", ""),
                new Column("VALUE", "VALUE", baseType, baseTypeName, null, 0, 0, ResultSetMetaData.columnNullable, false,
                        false, true, false, true,
                        true, false, false, 0, "", "", ""));
        List<Object[]> rows = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            rows.add(new Object[] {(int) (first + i), values[i]});
        }
        return new RemoteResultSet(new RemoteStatement(connection), new Rows(columns, rows.toArray(new Object[0][]), true),
                0, 0);
    }

    private static void noTypeMap(Map<String, Class<?>> map) throws SQLException {
        if (map != null && !map.isEmpty()) {
            throw new SQLFeatureNotSupportedException("user-defined type mappings (SQLData) are not supported by poold's"
                    + " remote JDBC: call getArray() without a map", "0A000");
        }
    }

    /** @return {@code values} as an array of the class named (nested for more dimensions), else as they are */
    static Object typed(Object[] values, String arrayClass) {
        if (arrayClass == null || !arrayClass.startsWith("[")) {
            return values.clone();
        }
        String component = arrayClass.substring(1);
        if (component.startsWith("[")) { // more dimensions: each element an array of the component class
            Class<?> componentClass = arrayClassOf(component);
            Object out = java.lang.reflect.Array.newInstance(componentClass, values.length);
            for (int i = 0; i < values.length; i++) {
                Object e = values[i];
                java.lang.reflect.Array.set(out, i, e instanceof Object[] inner ? typed(inner, component)
                        : componentClass.isInstance(e) ? e : null);
            }
            return out;
        }
        Class<?> leaf = leaf(component);
        Object out = java.lang.reflect.Array.newInstance(leaf, values.length);
        for (int i = 0; i < values.length; i++) {
            Object e = values[i];
            if (e != null && !(leaf.isPrimitive() || leaf.isInstance(e))) {
                return values.clone(); // not what the class says: as they are
            }
            if (e != null || !leaf.isPrimitive()) {
                java.lang.reflect.Array.set(out, i, e);
            }
        }
        return out;
    }

    /** @return the class of an array type descriptor whose leaf is allowed (else Object of as many dimensions) */
    private static Class<?> arrayClassOf(String descriptor) {
        int dims = 0;
        while (dims < descriptor.length() && descriptor.charAt(dims) == '[') {
            dims++;
        }
        Class<?> c = leaf(descriptor.substring(dims));
        for (int i = 0; i < dims; i++) {
            c = c.arrayType();
        }
        return c;
    }

    /** @return the class of an element descriptor ({@code Ljava.lang.Integer;}, {@code I}), Object if not allowed */
    private static Class<?> leaf(String descriptor) {
        switch (descriptor) {
            case "I": return int.class;
            case "J": return long.class;
            case "S": return short.class;
            case "B": return byte.class;
            case "Z": return boolean.class;
            case "D": return double.class;
            case "F": return float.class;
            case "C": return char.class;
            default: break;
        }
        if (descriptor.startsWith("L") && descriptor.endsWith(";")) {
            String name = descriptor.substring(1, descriptor.length() - 1);
            if (ELEMENT_CLASSES.contains(name)) {
                try {
                    return Class.forName(name, false, ClassLoader.getPlatformClassLoader()); // JDK classes only
                } catch (ClassNotFoundException e) {
                    return Object.class;
                }
            }
        }
        return Object.class;
    }
}
