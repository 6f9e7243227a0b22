package pool.client.internal;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;
import pool.protocol.OutParam;
import pool.protocol.Result;

/** A callable statement with OUT and INOUT parameters by index. */
final class RemoteCallableStatement extends UnsupportedCallableStatement {

    /** Registered OUT parameters: index to {type, scale}. */
    private final Map<Integer, int[]> outs = new HashMap<>();
    /** OUT parameters without an IN value (set by the application clears the mark: INOUT). */
    private final Map<Integer, Boolean> pureOut = new HashMap<>();
    private Object[] outValues;
    private boolean wasNull;

    RemoteCallableStatement(RemoteConnection connection, String sql) {
        super(connection, sql);
    }

    @Override
    public void registerOutParameter(int index, int sqlType) throws SQLException {
        register(index, sqlType, -1);
    }

    @Override
    public void registerOutParameter(int index, int sqlType, int scale) throws SQLException {
        register(index, sqlType, scale);
    }

    @Override
    public void registerOutParameter(int index, int sqlType, String typeName) throws SQLException {
        register(index, sqlType, -1);
    }

    /**
     * The {@code SQLType} forms, as the backend driver takes them: pgjdbc refuses them;
     * MariaDB Connector/J (and a connection whose driver is not known yet) registers the
     * parameter as with the {@code java.sql.Types} int, which for a {@code JDBCType} is its
     * vendor type number (Connector/J itself passes no type on: OUT values come back as the
     * routine declares them, which the registered type does not change there either).
     */
    @Override
    public void registerOutParameter(int index, java.sql.SQLType sqlType) throws SQLException {
        register(index, outType(sqlType), -1);
    }

    @Override
    public void registerOutParameter(int index, java.sql.SQLType sqlType, int scale) throws SQLException {
        register(index, outType(sqlType), scale);
    }

    @Override
    public void registerOutParameter(int index, java.sql.SQLType sqlType, String typeName) throws SQLException {
        register(index, outType(sqlType), -1);
    }

    private int outType(java.sql.SQLType type) throws SQLException {
        checkOpen();
        SQLException refused = connection.errors().sqlTypeForm("registerOutParameter", true);
        if (refused != null) {
            throw refused;
        }
        Integer number = type == null ? null : type.getVendorTypeNumber();
        return number == null ? java.sql.Types.NULL : number;
    }

    private void register(int index, int sqlType, int scale) throws SQLException {
        checkOpen();
        outs.put(index, new int[] {sqlType, scale});
        if (param(index) == null) {
            // A placeholder so the parameter list has no gap; it goes on the wire as a pure OUT parameter.
            set(index, Boolean.FALSE);
            pureOut.put(index, Boolean.TRUE);
        }
    }

    @Override
    void set(int index, Object value) throws SQLException {
        super.set(index, value);
        pureOut.remove(index);
    }

    @Override
    Object wire(int index, Object value) {
        int[] out = outs.get(index);
        if (out == null) {
            return value;
        }
        return new OutParam(out[0], out[1], pureOut.containsKey(index) ? null : value);
    }

    @Override
    void afterExecute(Result.Executed e) {
        outValues = e.outValues();
    }

    private Object out(int index) throws SQLException {
        checkOpen();
        if (outValues == null) {
            throw new SQLException("the statement has not been executed", "HY010");
        }
        if (index < 1 || index > outValues.length || !outs.containsKey(index)) {
            throw new SQLException("parameter " + index + " is not a registered OUT parameter", "07009");
        }
        Object v = outValues[index - 1];
        wasNull = v == null;
        return v;
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return wasNull;
    }

    @Override
    public Object getObject(int index) throws SQLException {
        Object v = out(index);
        if (v instanceof java.time.temporal.Temporal) { // the driver's class for the registered type
            int type = outs.get(index)[0];
            return Temporals.driverObject(v, type == java.sql.Types.TIMESTAMP ? "java.sql.Timestamp"
                    : type == java.sql.Types.DATE ? "java.sql.Date" : type == java.sql.Types.TIME ? "java.sql.Time" : null);
        }
        if (v instanceof pool.protocol.SqlArray a) {
            return new RemoteArray(connection, a);
        }
        if (v instanceof pool.protocol.XmlValue x) {
            return new RemoteSQLXML(x.text());
        }
        return v instanceof pool.protocol.VendorObject o ? VendorObjects.rebuild(o) : v;
    }

    @Override
    public java.sql.Array getArray(int index) throws SQLException {
        Object v = out(index);
        if (v == null || v instanceof pool.protocol.SqlArray) {
            return v == null ? null : new RemoteArray(connection, (pool.protocol.SqlArray) v);
        }
        throw new java.sql.SQLDataException("OUT parameter " + index + " is not an array", "22018");
    }

    @Override
    public java.sql.SQLXML getSQLXML(int index) throws SQLException {
        Object v = out(index);
        return v == null ? null : new RemoteSQLXML(v.toString());
    }

    @Override
    public String getNString(int index) throws SQLException {
        return getString(index);
    }

    @Override
    public java.io.Reader getCharacterStream(int index) throws SQLException {
        String s = getString(index);
        return s == null ? null : new java.io.StringReader(s);
    }

    @Override
    @SuppressWarnings("deprecation")
    public BigDecimal getBigDecimal(int index, int scale) throws SQLException {
        BigDecimal d = getBigDecimal(index);
        return d == null ? null : d.setScale(scale, java.math.RoundingMode.HALF_UP);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getObject(int index, Class<T> type) throws SQLException {
        Object v = out(index);
        if (v instanceof java.time.temporal.Temporal && type != null) {
            Object converted = Temporals.as(v, type, connection.offsetsInJvmZone());
            if (converted != null) {
                return (T) converted;
            }
        }
        return Values.as(v, type, connection.errors());
    }

    @Override
    public String getString(int index) throws SQLException {
        return Values.string(out(index));
    }

    @Override
    public boolean getBoolean(int index) throws SQLException {
        return Values.bool(out(index));
    }

    @Override
    public byte getByte(int index) throws SQLException {
        return (byte) Values.integral(out(index), Values.Integral.BYTE, connection.errors());
    }

    @Override
    public short getShort(int index) throws SQLException {
        return (short) Values.integral(out(index), Values.Integral.SHORT, connection.errors());
    }

    @Override
    public int getInt(int index) throws SQLException {
        return (int) Values.integral(out(index), Values.Integral.INT, connection.errors());
    }

    @Override
    public long getLong(int index) throws SQLException {
        return Values.integral(out(index), Values.Integral.LONG, connection.errors());
    }

    @Override
    public float getFloat(int index) throws SQLException {
        return (float) Values.doubleValue(out(index), "float", connection.errors());
    }

    @Override
    public double getDouble(int index) throws SQLException {
        return Values.doubleValue(out(index), "double", connection.errors());
    }

    @Override
    public BigDecimal getBigDecimal(int index) throws SQLException {
        return Values.decimal(out(index), connection.errors());
    }

    @Override
    public byte[] getBytes(int index) throws SQLException {
        return Values.bytes(out(index));
    }

    @Override
    public Date getDate(int index) throws SQLException {
        return Temporals.date(out(index), null);
    }

    @Override
    public Time getTime(int index) throws SQLException {
        return Temporals.time(out(index), null);
    }

    @Override
    public Timestamp getTimestamp(int index) throws SQLException {
        return Temporals.timestamp(out(index), null);
    }

    @Override
    public Date getDate(int index, java.util.Calendar cal) throws SQLException {
        return Temporals.date(out(index), cal);
    }

    @Override
    public Time getTime(int index, java.util.Calendar cal) throws SQLException {
        return Temporals.time(out(index), cal);
    }

    @Override
    public Timestamp getTimestamp(int index, java.util.Calendar cal) throws SQLException {
        return Temporals.timestamp(out(index), Temporals.reading(cal, connection.offsetsInJvmZone()));
    }
}
