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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import pool.protocol.Column;
import pool.protocol.ObjectValue;
import pool.protocol.SqlArray;
import pool.protocol.VendorObject;
import pool.protocol.XmlValue;
import pool.protocol.Op;
import pool.protocol.Result;
import pool.protocol.Rows;

/**
 * A forward-only, read-only result set holding one batch of rows at a time: the next
 * batch is fetched when the application reads past this one, so a result of any size
 * needs memory for one batch only.
 */
final class RemoteResultSet extends UnsupportedResultSet {

    private final RemoteStatement statement;
    private final List<Column> columns;
    /** Column index by lower-case label; made on the first lookup by label (most reads go by index). */
    private Map<String, Integer> byLabel;
    private Object[][] rows;
    private boolean last;
    private long cursor;
    /** The daemon runs this result in a transaction of its own (autocommit streaming): closing it early is a call. */
    private final boolean holdsTransaction;
    private int fetchSize;
    private int pos = -1;
    private long rowNumber;
    private boolean afterLast;
    private boolean closed;
    private boolean wasNull;
    /**
     * The rows read so far of a {@code TYPE_SCROLL_INSENSITIVE} result, or null when it is
     * forward-only: see {@link ScrollBuffer} for its memory bound.
     */
    private ScrollBuffer scroll;
    /** A scrollable result's position: 0 before the first row, 1..n on a row, n + 1 after the last. */
    private long cursorRow;

    RemoteResultSet(RemoteStatement statement, Rows first, long cursor, int fetchSize) {
        this(statement, first, cursor, fetchSize, false);
    }

    RemoteResultSet(RemoteStatement statement, Rows first, long cursor, int fetchSize, boolean holdsTransaction) {
        this.statement = statement;
        this.holdsTransaction = holdsTransaction;
        this.columns = first.columns() == null ? List.of() : first.columns();
        this.rows = first.data();
        this.last = first.last();
        this.cursor = cursor;
        this.fetchSize = fetchSize;
        if (cursor != 0 && !last) {
            statement.connection.cursorOpened();
        }
    }

    /** Makes this result scroll-insensitive: its rows are kept as they are read (see {@link ScrollBuffer}). */
    RemoteResultSet scrollable() throws SQLException {
        scroll = new ScrollBuffer();
        scroll.add(rows);
        rows = null;
        return this;
    }

    /** Reads batches until the scrollable result holds {@code n} rows or all of them. */
    private void readTo(long n) throws SQLException {
        while (scroll.size() < n && !last) {
            fetch();
            scroll.add(rows);
            rows = null;
        }
    }

    private boolean moveTo(long target) throws SQLException {
        if (target <= 0) {
            cursorRow = 0;
            return false;
        }
        readTo(target);
        if (target > scroll.size()) {
            cursorRow = scroll.size() + 1;
            return false;
        }
        cursorRow = target;
        return true;
    }

    private void checkScrollable(String method) throws SQLException {
        checkOpen();
        if (scroll == null) {
            throw new SQLException("ResultSet." + method + " needs a scrollable result set: create the statement with"
                    + " ResultSet.TYPE_SCROLL_INSENSITIVE", "24000");
        }
    }

    @Override
    public boolean absolute(int row) throws SQLException {
        checkScrollable("absolute(int)");
        if (row < 0) {
            readTo(Long.MAX_VALUE);
            return moveTo(scroll.size() + 1 + row);
        }
        return moveTo(row);
    }

    @Override
    public boolean relative(int rows) throws SQLException {
        checkScrollable("relative(int)");
        return moveTo(cursorRow + rows);
    }

    @Override
    public boolean previous() throws SQLException {
        checkScrollable("previous()");
        return moveTo(cursorRow - 1);
    }

    @Override
    public boolean first() throws SQLException {
        checkScrollable("first()");
        return moveTo(1);
    }

    @Override
    public boolean last() throws SQLException {
        checkScrollable("last()");
        readTo(Long.MAX_VALUE);
        return moveTo(scroll.size());
    }

    @Override
    public void beforeFirst() throws SQLException {
        checkScrollable("beforeFirst()");
        cursorRow = 0;
    }

    @Override
    public void afterLast() throws SQLException {
        checkScrollable("afterLast()");
        readTo(Long.MAX_VALUE);
        cursorRow = scroll.size() + 1;
    }

    @Override
    public boolean isLast() throws SQLException {
        checkOpen();
        if (scroll == null) {
            throw Unsupported.method("ResultSet.isLast() on a forward-only result (use TYPE_SCROLL_INSENSITIVE)");
        }
        if (cursorRow < 1 || cursorRow > scroll.size()) {
            return false;
        }
        readTo(cursorRow + 1);
        return cursorRow == scroll.size();
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("result set is closed", "HY010");
        }
    }

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (scroll != null) {
            return cursorRow <= scroll.size() && moveTo(cursorRow + 1);
        }
        if (afterLast) {
            return false;
        }
        pos++;
        while (pos >= rows.length) {
            if (last) {
                afterLast = true;
                rows = new Object[0][]; // let the last batch go
                pos = 0;
                return false;
            }
            fetch();
        }
        rowNumber++;
        return true;
    }

    private void fetch() throws SQLException {
        Result.Fetched f = (Result.Fetched) statement.connection.exchange(new Op.Fetch(cursor, fetchSize));
        rows = f.rows().data();
        last = f.rows().last();
        if (last) {
            cursor = 0; // the daemon closed it with the last batch
            statement.connection.cursorEnded();
        }
        pos = 0;
    }

    private Object value(int column) throws SQLException {
        checkOpen();
        if (scroll != null) {
            if (cursorRow < 1 || cursorRow > scroll.size()) {
                throw new SQLException("the result set is not on a row", "24000");
            }
            if (column < 1 || column > columns.size()) {
                throw new SQLException("column index " + column + " is out of range 1.." + columns.size(), "07009");
            }
            Object v = scroll.row(cursorRow - 1)[column - 1];
            wasNull = v == null;
            return v;
        }
        if (rowNumber == 0 || afterLast) {
            throw new SQLException("the result set is not on a row (call next() first)", "24000");
        }
        if (column < 1 || column > columns.size()) {
            throw new SQLException("column index " + column + " is out of range 1.." + columns.size(), "07009");
        }
        Object v = rows[pos][column - 1];
        wasNull = v == null;
        return v;
    }

    @Override
    public int findColumn(String label) throws SQLException {
        checkOpen();
        if (byLabel == null) {
            Map<String, Integer> map = new HashMap<>(columns.size() * 2);
            for (int c = columns.size() - 1; c >= 0; c--) {
                String l = columns.get(c).label();
                if (l != null) {
                    map.put(l.toLowerCase(Locale.ROOT), c + 1); // the first of equal labels wins
                }
            }
            byLabel = map;
        }
        Integer i = label == null ? null : byLabel.get(label.toLowerCase(Locale.ROOT));
        if (i == null) {
            throw new SQLException("no column labelled '" + label + "' in this result set", "42S22");
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
        close(false);
    }

    /**
     * Closes the result set. The daemon's cursor of a result not read to the end is closed
     * with the next call, at no cost of its own; but when it holds a transaction the daemon
     * opened for it (a streamed result in autocommit), that is ended now, by a call of its
     * own, unless {@code callFollows}: the caller is about to make a call that carries it.
     */
    void close(boolean callFollows) throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        rows = null;
        if (scroll != null) {
            scroll.free();
            scroll = null;
        }
        try {
            if (cursor != 0 && !last) {
                long open = cursor;
                cursor = 0;
                statement.connection.cursorEnded();
                if (holdsTransaction && !callFollows) {
                    statement.connection.closeCursorNow(open);
                } else {
                    statement.connection.defer(new Op.CloseCursor(open)); // rides along with the next call
                }
            }
        } finally {
            statement.resultSetClosed(this);
        }
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
        return scroll != null ? ResultSet.TYPE_SCROLL_INSENSITIVE : ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public int getConcurrency() throws SQLException {
        checkOpen();
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return ResultSet.FETCH_FORWARD;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != ResultSet.FETCH_FORWARD && scroll == null) {
            throw Unsupported.method("ResultSet.setFetchDirection(int) other than FETCH_FORWARD on a forward-only result"
                    + " (use TYPE_SCROLL_INSENSITIVE)");
        }
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) {
            throw new SQLException("fetch size must not be negative: " + rows, "HY024");
        }
        fetchSize = rows;
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        if (scroll != null) {
            return cursorRow >= 1 && cursorRow <= scroll.size() ? (int) Math.min(Integer.MAX_VALUE, cursorRow) : 0;
        }
        return afterLast ? 0 : (int) Math.min(Integer.MAX_VALUE, rowNumber);
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        if (scroll != null) {
            readTo(1);
            return cursorRow == 0 && scroll.size() > 0;
        }
        return rowNumber == 0 && (rows.length > 0 || !last);
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        if (scroll != null) {
            return scroll.size() > 0 && cursorRow > scroll.size();
        }
        return afterLast && rowNumber > 0;
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        if (scroll != null) {
            return cursorRow == 1 && scroll.size() > 0;
        }
        return rowNumber == 1 && !afterLast;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
    }

    // ---- getters by index

    @Override
    public Object getObject(int i) throws SQLException {
        Object v = value(i);
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
        if (v instanceof Temporal && type != null) {
            Object converted = Temporals.as(v, type, statement.connection.offsetsInJvmZone);
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
        return Values.as(v, type);
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
        return v instanceof Temporal ? Temporals.string(v) : Values.string(v);
    }

    @Override
    public String getNString(int i) throws SQLException {
        return getString(i);
    }

    @Override
    public boolean getBoolean(int i) throws SQLException {
        return Values.bool(value(i));
    }

    @Override
    public byte getByte(int i) throws SQLException {
        return (byte) Values.longValue(value(i), "byte");
    }

    @Override
    public short getShort(int i) throws SQLException {
        return (short) Values.longValue(value(i), "short");
    }

    @Override
    public int getInt(int i) throws SQLException {
        return (int) Values.longValue(value(i), "int");
    }

    @Override
    public long getLong(int i) throws SQLException {
        return Values.longValue(value(i), "long");
    }

    @Override
    public float getFloat(int i) throws SQLException {
        return (float) Values.doubleValue(value(i));
    }

    @Override
    public double getDouble(int i) throws SQLException {
        return Values.doubleValue(value(i));
    }

    @Override
    public BigDecimal getBigDecimal(int i) throws SQLException {
        return Values.decimal(value(i));
    }

    @Override
    public BigDecimal getBigDecimal(int i, int scale) throws SQLException {
        BigDecimal d = getBigDecimal(i);
        return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
    }

    @Override
    public byte[] getBytes(int i) throws SQLException {
        return Values.bytes(value(i));
    }

    @Override
    public Date getDate(int i) throws SQLException {
        return Temporals.date(value(i), null);
    }

    @Override
    public Time getTime(int i) throws SQLException {
        return Temporals.time(value(i), null);
    }

    @Override
    public Timestamp getTimestamp(int i) throws SQLException {
        return Temporals.timestamp(value(i), null);
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
        return Temporals.timestamp(value(i), Temporals.reading(cal, statement.connection.offsetsInJvmZone));
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

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return Wrappers.unwrap(this, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
