package pool.client.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Array;
import java.sql.SQLDataException;
import java.sql.SQLXML;
import java.time.temporal.Temporal;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import pool.protocol.Column;
import pool.protocol.ObjectValue;
import pool.protocol.SqlArray;
import pool.protocol.VendorObject;
import pool.protocol.XmlValue;
import pool.protocol.Rows;

/**
 * A read-only result set: its rows and the position in them are {@link ResultRows}' (one
 * batch at a time, or kept for scrolling); this class reads the values of the current row.
 */
final class RemoteResultSet extends UnsupportedResultSet {

    private final RemoteStatement statement;
    private final List<Column> columns;
    private final ResultRows rows;
    /** Column index by lower-case label; made on the first lookup by label (most reads go by index). */
    private Map<String, Integer> byLabel;
    private boolean closed;
    private boolean wasNull;

    RemoteResultSet(RemoteStatement statement, Rows first, long cursor, int fetchSize) {
        this(statement, first, cursor, fetchSize, false);
    }

    RemoteResultSet(RemoteStatement statement, Rows first, long cursor, int fetchSize, boolean holdsTransaction) {
        this(statement, first, cursor, fetchSize, holdsTransaction, false);
    }

    /** @param moreResults the statement may have results after this one ({@link ResultRows#close(boolean, boolean)}) */
    RemoteResultSet(RemoteStatement statement, Rows first, long cursor, int fetchSize, boolean holdsTransaction,
                    boolean moreResults) {
        this.statement = statement;
        this.columns = first.columns() == null ? List.of() : first.columns();
        this.rows = new ResultRows(statement.connection, first, cursor, fetchSize, holdsTransaction, moreResults);
    }

    /** Makes this result scroll-insensitive: its rows are kept as they are read (see {@link ScrollBuffer}). */
    RemoteResultSet scrollable() throws SQLException {
        rows.scrollable();
        return this;
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw statement.connection.errors().resultSetClosed();
        }
    }

    private void checkScrollable(String method) throws SQLException {
        checkOpen();
        rows.checkScrollable(method);
    }

    @Override
    public boolean next() throws SQLException {
        if (closed && statement.connection.errors().lenientClosedResultSet()) {
            return false;
        }
        checkOpen();
        return rows.next();
    }

    @Override
    public boolean absolute(int row) throws SQLException {
        checkScrollable("absolute(int)");
        return rows.absolute(row);
    }

    @Override
    public boolean relative(int n) throws SQLException {
        checkScrollable("relative(int)");
        return rows.relative(n);
    }

    @Override
    public boolean previous() throws SQLException {
        checkScrollable("previous()");
        return rows.previous();
    }

    @Override
    public boolean first() throws SQLException {
        checkScrollable("first()");
        return rows.first();
    }

    @Override
    public boolean last() throws SQLException {
        checkScrollable("last()");
        return rows.last();
    }

    @Override
    public void beforeFirst() throws SQLException {
        checkScrollable("beforeFirst()");
        rows.beforeFirst();
    }

    @Override
    public void afterLast() throws SQLException {
        checkScrollable("afterLast()");
        rows.afterLast();
    }

    @Override
    public boolean isLast() throws SQLException {
        checkOpen();
        return rows.isLast();
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return rows.row();
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return rows.isBeforeFirst();
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return rows.isAfterLast();
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return rows.isFirst();
    }

    private Object value(int column) throws SQLException {
        if (closed && statement.connection.errors().lenientClosedResultSet()) {
            if (column < 1 || column > columns.size()) {
                throw statement.connection.errors().columnIndex(column, columns.size());
            }
            throw statement.connection.errors().notOnARow();
        }
        checkOpen();
        Object[] row = rows.current();
        if (column < 1 || column > columns.size()) {
            throw statement.connection.errors().columnIndex(column, columns.size());
        }
        Object v = row[column - 1];
        wasNull = v == null;
        return v;
    }

    @Override
    public int findColumn(String label) throws SQLException {
        checkOpen();
        if (byLabel == null) {
            byLabel = statement.connection.errors().labels(columns);
        }
        Integer i = label == null ? null : byLabel.get(label.toLowerCase(Locale.ROOT));
        if (i == null) {
            throw statement.connection.errors().noSuchLabel(label, columns);
        }
        return i;
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return wasNull;
    }

    @Override
    public void close() throws SQLException {
        close(false, true);
    }

    /** Closes the result set; see {@link ResultRows#close(boolean, boolean)}. */
    void close(boolean callFollows, boolean keepFurther) throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            rows.close(callFollows, keepFurther);
        } finally {
            statement.resultSetClosed(this);
        }
    }

    /** Its statement moved on without it ({@link ResultRows#orphan}). */
    void orphan() {
        rows.orphan();
    }

    /** The statement moves past this result, which stays open ({@link ResultRows#keep}). */
    void keep() throws SQLException {
        rows.keep();
    }

    /** @return the statement's results after this one that arrived with its end (see {@link ResultRows#takeFurther}) */
    List<pool.protocol.Result.Further> takeFurther() {
        return rows.takeFurther();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return new RemoteResultSetMetaData(columns);
    }

    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return statement;
    }

    @Override
    public int getType() throws SQLException {
        checkOpen();
        return rows.isScrollable() ? ResultSet.TYPE_SCROLL_INSENSITIVE : ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public int getConcurrency() throws SQLException {
        checkOpen();
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return statement.connection.errors().resultSetHoldability();
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return ResultSet.FETCH_FORWARD;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != ResultSet.FETCH_FORWARD && !rows.isScrollable()) {
            throw Unsupported.method("ResultSet.setFetchDirection(int) other than FETCH_FORWARD on a forward-only result"
                    + " (use TYPE_SCROLL_INSENSITIVE)");
        }
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return rows.fetchSize();
    }

    @Override
    public void setFetchSize(int n) throws SQLException {
        checkOpen();
        if (n < 0) {
            throw statement.connection.errors().negativeFetchSize(n);
        }
        rows.fetchSize(n);
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        if (statement.connection.errors().resultSetWarningsAreTheStatements()) {
            return statement.takeWarnings();
        }
        checkOpen();
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
        if (statement.connection.errors().resultSetWarningsAreTheStatements()) {
            statement.dropWarnings();
            return;
        }
        checkOpen();
    }

    // ---- getters by index

    @Override
    public Object getObject(int i) throws SQLException {
        Object v = value(i);
        if (v instanceof Integer n && "java.lang.Boolean".equals(columns.get(i - 1).className())) {
            return n != 0; // a TINYINT(1) holding another number than 0 or 1 (the daemon's RowReader)
        }
        if (v instanceof Temporal) {
            return Temporals.driverObject(v, columns.get(i - 1).className());
        }
        return v instanceof ObjectValue o ? object(o) : v;
    }

    /** The JDBC object of an array, XML or driver value. */
    private Object object(ObjectValue v) throws SQLException {
        if (v instanceof SqlArray a) {
            return new RemoteArray(statement.connection, a);
        }
        if (v instanceof XmlValue x) {
            return new RemoteSQLXML(x.text());
        }
        return VendorObjects.rebuild((VendorObject) v);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getObject(int i, Class<T> type) throws SQLException {
        if (type == java.sql.Blob.class) {
            return type.cast(getBlob(i));
        } else if (type == java.sql.Clob.class || type == java.sql.NClob.class) {
            return type.cast(getClob(i));
        }
        Object v = value(i);
        DriverErrors errors = statement.connection.errors();
        SQLException refused = type == null ? null : errors.objectAs(columns.get(i - 1), type, v);
        if (refused != null) {
            throw refused;
        }
        if (type == String.class && !(v instanceof ObjectValue)) {
            return type.cast(getString(i)); // what Connector/J answers, and pgjdbc for text columns
        }
        if (type == Date.class && errors.dateKeepsTimeOfDay()) {
            return (T) getDate(i);
        }
        if (v instanceof Temporal && type != null) {
            Object converted = Temporals.as(v, type, statement.connection.offsetsInJvmZone());
            if (converted != null) {
                return (T) converted;
            }
        }
        if (v instanceof ObjectValue o && type != null) {
            Object made = object(o);
            if (type.isInstance(made)) {
                return (T) made;
            }
            if (type == String.class) {
                return (T) o.text();
            }
        }
        if (type == byte[].class) {
            return (T) getBytes(i);
        }
        if (v != null && type != null && (Number.class.isAssignableFrom(type))) {
            v = errors.numeric(v, columns.get(i - 1), type == Float.class ? "float" : type == Double.class ? "double"
                    : type == BigDecimal.class || type == java.math.BigInteger.class ? "BigDecimal"
                    : type == Byte.class ? "byte" : "int");
        }
        Object value = v;
        return converted(() -> Values.as(value, type, errors));
    }

    @FunctionalInterface
    private interface Conversion<T> {
        T run() throws SQLException;
    }

    /** Runs a getter's conversion, its refusal raised as the driver raises it. */
    private <T> T converted(Conversion<T> conversion) throws SQLException {
        try {
            return conversion.run();
        } catch (Values.Refused e) {
            throw statement.connection.errors().refused(e);
        }
    }

    /** A numeric getter's value of column {@code i}, read as the driver reads it ({@link DriverErrors#numeric}). */
    private Object number(int i, String getter) throws SQLException {
        return statement.connection.errors().numeric(value(i), columns.get(i - 1), getter);
    }

    @Override
    public Array getArray(int i) throws SQLException {
        Object v = value(i);
        if (v == null || v instanceof SqlArray) {
            return v == null ? null : new RemoteArray(statement.connection, (SqlArray) v);
        }
        throw new SQLDataException("column " + i + " is not an array: a " + v.getClass().getSimpleName(), "22018");
    }

    @Override
    public Array getArray(String label) throws SQLException {
        return getArray(findColumn(label));
    }

    @Override
    public SQLXML getSQLXML(int i) throws SQLException {
        Object v = value(i);
        return v == null ? null : new RemoteSQLXML(v instanceof ObjectValue o ? o.text() : Values.string(v));
    }

    @Override
    public SQLXML getSQLXML(String label) throws SQLException {
        return getSQLXML(findColumn(label));
    }

    @Override
    public String getString(int i) throws SQLException {
        Object v = value(i);
        return statement.connection.errors().string(v, columns.get(i - 1));
    }

    @Override
    public String getNString(int i) throws SQLException {
        return getString(i);
    }

    @Override
    public boolean getBoolean(int i) throws SQLException {
        Object v = value(i);
        return converted(() -> statement.connection.errors().bool(v));
    }

    @Override
    public byte getByte(int i) throws SQLException {
        return (byte) Values.integral(number(i, "byte"), Values.Integral.BYTE, statement.connection.errors());
    }

    @Override
    public short getShort(int i) throws SQLException {
        return (short) Values.integral(number(i, "short"), Values.Integral.SHORT, statement.connection.errors());
    }

    @Override
    public int getInt(int i) throws SQLException {
        return (int) Values.integral(number(i, "int"), Values.Integral.INT, statement.connection.errors());
    }

    @Override
    public long getLong(int i) throws SQLException {
        return Values.integral(number(i, "long"), Values.Integral.LONG, statement.connection.errors());
    }

    @Override
    public float getFloat(int i) throws SQLException {
        return (float) Values.doubleValue(number(i, "float"), "float", statement.connection.errors());
    }

    @Override
    public double getDouble(int i) throws SQLException {
        return Values.doubleValue(number(i, "double"), "double", statement.connection.errors());
    }

    @Override
    public BigDecimal getBigDecimal(int i) throws SQLException {
        return Values.decimal(number(i, "BigDecimal"), statement.connection.errors());
    }

    @Override
    public BigDecimal getBigDecimal(int i, int scale) throws SQLException {
        BigDecimal d = getBigDecimal(i);
        return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
    }

    @Override
    public byte[] getBytes(int i) throws SQLException {
        Object v = value(i);
        return converted(() -> statement.connection.errors().bytes(v, columns.get(i - 1)));
    }

    @Override
    public Date getDate(int i) throws SQLException {
        Object v = value(i);
        if (v instanceof java.time.LocalDateTime && statement.connection.errors().dateKeepsTimeOfDay()) {
            return new Date(Temporals.timestamp(v, null).getTime());
        }
        return converted(() -> Temporals.date(v, null));
    }

    @Override
    public Time getTime(int i) throws SQLException {
        Object v = value(i);
        if (v instanceof String text && statement.connection.errors().readsDateTimeTextForTime()) {
            return converted(() -> Values.timeOfText(text));
        }
        return converted(() -> Temporals.time(v, null));
    }

    @Override
    public Timestamp getTimestamp(int i) throws SQLException {
        Object v = value(i);
        return converted(() -> Temporals.timestamp(v, null));
    }

    @Override
    public Date getDate(int i, Calendar cal) throws SQLException {
        return Temporals.date(value(i), cal);
    }

    @Override
    public Time getTime(int i, Calendar cal) throws SQLException {
        return Temporals.time(value(i), cal);
    }

    @Override
    public Timestamp getTimestamp(int i, Calendar cal) throws SQLException {
        return Temporals.timestamp(value(i), Temporals.reading(cal, statement.connection.offsetsInJvmZone()));
    }

    @Override
    public Date getDate(String label, Calendar cal) throws SQLException {
        return getDate(findColumn(label), cal);
    }

    @Override
    public Time getTime(String label, Calendar cal) throws SQLException {
        return getTime(findColumn(label), cal);
    }

    @Override
    public Timestamp getTimestamp(String label, Calendar cal) throws SQLException {
        return getTimestamp(findColumn(label), cal);
    }

    @Override
    public InputStream getBinaryStream(int i) throws SQLException {
        byte[] b = getBytes(i);
        return b == null ? null : new ByteArrayInputStream(b);
    }

    @Override
    public Reader getCharacterStream(int i) throws SQLException {
        String s = getString(i);
        return s == null ? null : new StringReader(s);
    }

    @Override
    public java.sql.Blob getBlob(int i) throws SQLException {
        Object v = value(i);
        return Lobs.blob(statement.connection, columns.get(i - 1), v);
    }

    @Override
    public java.sql.Clob getClob(int i) throws SQLException {
        Object v = value(i);
        return Lobs.clob(statement.connection, columns.get(i - 1), v);
    }

    @Override
    public java.sql.NClob getNClob(int i) throws SQLException {
        Object v = value(i);
        return Lobs.clob(statement.connection, columns.get(i - 1), v);
    }

    @Override
    public InputStream getAsciiStream(int i) throws SQLException {
        String s = getString(i);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Override
    public Reader getNCharacterStream(int i) throws SQLException {
        return getCharacterStream(i);
    }

    @Override
    public java.sql.Blob getBlob(String label) throws SQLException {
        return getBlob(findColumn(label));
    }

    @Override
    public java.sql.Clob getClob(String label) throws SQLException {
        return getClob(findColumn(label));
    }

    @Override
    public java.sql.NClob getNClob(String label) throws SQLException {
        return getNClob(findColumn(label));
    }

    @Override
    public InputStream getAsciiStream(String label) throws SQLException {
        return getAsciiStream(findColumn(label));
    }

    @Override
    public Reader getNCharacterStream(String label) throws SQLException {
        return getCharacterStream(findColumn(label));
    }

    // ---- getters by label

    @Override
    public Object getObject(String label) throws SQLException {
        return getObject(findColumn(label));
    }

    @Override
    public <T> T getObject(String label, Class<T> type) throws SQLException {
        return getObject(findColumn(label), type);
    }

    @Override
    public String getString(String label) throws SQLException {
        return getString(findColumn(label));
    }

    @Override
    public String getNString(String label) throws SQLException {
        return getString(findColumn(label));
    }

    @Override
    public boolean getBoolean(String label) throws SQLException {
        return getBoolean(findColumn(label));
    }

    @Override
    public byte getByte(String label) throws SQLException {
        return getByte(findColumn(label));
    }

    @Override
    public short getShort(String label) throws SQLException {
        return getShort(findColumn(label));
    }

    @Override
    public int getInt(String label) throws SQLException {
        return getInt(findColumn(label));
    }

    @Override
    public long getLong(String label) throws SQLException {
        return getLong(findColumn(label));
    }

    @Override
    public float getFloat(String label) throws SQLException {
        return getFloat(findColumn(label));
    }

    @Override
    public double getDouble(String label) throws SQLException {
        return getDouble(findColumn(label));
    }

    @Override
    public BigDecimal getBigDecimal(String label) throws SQLException {
        return getBigDecimal(findColumn(label));
    }

    @Override
    public BigDecimal getBigDecimal(String label, int scale) throws SQLException {
        return getBigDecimal(findColumn(label), scale);
    }

    @Override
    public byte[] getBytes(String label) throws SQLException {
        return getBytes(findColumn(label));
    }

    @Override
    public Date getDate(String label) throws SQLException {
        return getDate(findColumn(label));
    }

    @Override
    public Time getTime(String label) throws SQLException {
        return getTime(findColumn(label));
    }

    @Override
    public Timestamp getTimestamp(String label) throws SQLException {
        return getTimestamp(findColumn(label));
    }

    @Override
    public InputStream getBinaryStream(String label) throws SQLException {
        return getBinaryStream(findColumn(label));
    }

    @Override
    public Reader getCharacterStream(String label) throws SQLException {
        return getCharacterStream(findColumn(label));
    }
}
