package pool.stubdriver;

// GENERATED from java.sql.CallableStatement by a one-off generator: every method checks the
// object is usable (check()) and returns a neutral value. Hand-written subclasses override
// what tests and benchmarks observe. Regenerate rather than edit by hand.
@SuppressWarnings({"deprecation", "unused"})
abstract class BaseCallableStatement extends StubPreparedStatement implements java.sql.CallableStatement {


    BaseCallableStatement(StubConnection connection, String sql) {
        super(connection, sql);
    }

    @Override
    public java.sql.Array getArray(java.lang.String p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.Array getArray(int p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.math.BigDecimal getBigDecimal(java.lang.String p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.math.BigDecimal getBigDecimal(int p0, int p1) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.math.BigDecimal getBigDecimal(int p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.Blob getBlob(java.lang.String p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.Blob getBlob(int p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public boolean getBoolean(java.lang.String p0) throws java.sql.SQLException {
        check();
        return false;
    }

    @Override
    public boolean getBoolean(int p0) throws java.sql.SQLException {
        check();
        return false;
    }

    @Override
    public byte getByte(java.lang.String p0) throws java.sql.SQLException {
        check();
        return 0;
    }

    @Override
    public byte getByte(int p0) throws java.sql.SQLException {
        check();
        return 0;
    }

    @Override
    public byte[] getBytes(java.lang.String p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public byte[] getBytes(int p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.io.Reader getCharacterStream(java.lang.String p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.io.Reader getCharacterStream(int p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.Clob getClob(java.lang.String p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.Clob getClob(int p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.Date getDate(java.lang.String p0, java.util.Calendar p1) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.Date getDate(java.lang.String p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.Date getDate(int p0, java.util.Calendar p1) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.Date getDate(int p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public double getDouble(java.lang.String p0) throws java.sql.SQLException {
        check();
        return 0;
    }

    @Override
    public double getDouble(int p0) throws java.sql.SQLException {
        check();
        return 0;
    }

    @Override
    public float getFloat(java.lang.String p0) throws java.sql.SQLException {
        check();
        return 0;
    }

    @Override
    public float getFloat(int p0) throws java.sql.SQLException {
        check();
        return 0;
    }

    @Override
    public int getInt(java.lang.String p0) throws java.sql.SQLException {
        check();
        return 0;
    }

    @Override
    public int getInt(int p0) throws java.sql.SQLException {
        check();
        return 0;
    }

    @Override
    public long getLong(java.lang.String p0) throws java.sql.SQLException {
        check();
        return 0;
    }

    @Override
    public long getLong(int p0) throws java.sql.SQLException {
        check();
        return 0;
    }

    @Override
    public java.io.Reader getNCharacterStream(java.lang.String p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.io.Reader getNCharacterStream(int p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.NClob getNClob(java.lang.String p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.NClob getNClob(int p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.lang.String getNString(java.lang.String p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.lang.String getNString(int p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public <T> T getObject(java.lang.String p0, java.lang.Class<T> p1) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.lang.Object getObject(java.lang.String p0, java.util.Map<java.lang.String, java.lang.Class<?>> p1) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.lang.Object getObject(java.lang.String p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public <T> T getObject(int p0, java.lang.Class<T> p1) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.lang.Object getObject(int p0, java.util.Map<java.lang.String, java.lang.Class<?>> p1) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.lang.Object getObject(int p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.Ref getRef(java.lang.String p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.Ref getRef(int p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.RowId getRowId(java.lang.String p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.RowId getRowId(int p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.SQLXML getSQLXML(java.lang.String p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.SQLXML getSQLXML(int p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public short getShort(java.lang.String p0) throws java.sql.SQLException {
        check();
        return 0;
    }

    @Override
    public short getShort(int p0) throws java.sql.SQLException {
        check();
        return 0;
    }

    @Override
    public java.lang.String getString(java.lang.String p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.lang.String getString(int p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.Time getTime(java.lang.String p0, java.util.Calendar p1) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.Time getTime(java.lang.String p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.Time getTime(int p0, java.util.Calendar p1) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.Time getTime(int p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.Timestamp getTimestamp(java.lang.String p0, java.util.Calendar p1) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.Timestamp getTimestamp(java.lang.String p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.Timestamp getTimestamp(int p0, java.util.Calendar p1) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.Timestamp getTimestamp(int p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.net.URL getURL(java.lang.String p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.net.URL getURL(int p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public void registerOutParameter(java.lang.String p0, int p1, java.lang.String p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void registerOutParameter(java.lang.String p0, int p1, int p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void registerOutParameter(java.lang.String p0, int p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void registerOutParameter(int p0, int p1, java.lang.String p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void registerOutParameter(int p0, int p1, int p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void registerOutParameter(int p0, int p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setAsciiStream(java.lang.String p0, java.io.InputStream p1, int p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setAsciiStream(java.lang.String p0, java.io.InputStream p1, long p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setAsciiStream(java.lang.String p0, java.io.InputStream p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setBigDecimal(java.lang.String p0, java.math.BigDecimal p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setBinaryStream(java.lang.String p0, java.io.InputStream p1, int p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setBinaryStream(java.lang.String p0, java.io.InputStream p1, long p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setBinaryStream(java.lang.String p0, java.io.InputStream p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setBlob(java.lang.String p0, java.io.InputStream p1, long p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setBlob(java.lang.String p0, java.io.InputStream p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setBlob(java.lang.String p0, java.sql.Blob p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setBoolean(java.lang.String p0, boolean p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setByte(java.lang.String p0, byte p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setBytes(java.lang.String p0, byte[] p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setCharacterStream(java.lang.String p0, java.io.Reader p1, int p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setCharacterStream(java.lang.String p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setCharacterStream(java.lang.String p0, java.io.Reader p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setClob(java.lang.String p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setClob(java.lang.String p0, java.io.Reader p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setClob(java.lang.String p0, java.sql.Clob p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setDate(java.lang.String p0, java.sql.Date p1, java.util.Calendar p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setDate(java.lang.String p0, java.sql.Date p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setDouble(java.lang.String p0, double p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setFloat(java.lang.String p0, float p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setInt(java.lang.String p0, int p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setLong(java.lang.String p0, long p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setNCharacterStream(java.lang.String p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setNCharacterStream(java.lang.String p0, java.io.Reader p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setNClob(java.lang.String p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setNClob(java.lang.String p0, java.io.Reader p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setNClob(java.lang.String p0, java.sql.NClob p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setNString(java.lang.String p0, java.lang.String p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setNull(java.lang.String p0, int p1, java.lang.String p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setNull(java.lang.String p0, int p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setObject(java.lang.String p0, java.lang.Object p1, int p2, int p3) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setObject(java.lang.String p0, java.lang.Object p1, int p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setObject(java.lang.String p0, java.lang.Object p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setRowId(java.lang.String p0, java.sql.RowId p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setSQLXML(java.lang.String p0, java.sql.SQLXML p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setShort(java.lang.String p0, short p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setString(java.lang.String p0, java.lang.String p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setTime(java.lang.String p0, java.sql.Time p1, java.util.Calendar p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setTime(java.lang.String p0, java.sql.Time p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setTimestamp(java.lang.String p0, java.sql.Timestamp p1, java.util.Calendar p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setTimestamp(java.lang.String p0, java.sql.Timestamp p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setURL(java.lang.String p0, java.net.URL p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public boolean wasNull() throws java.sql.SQLException {
        check();
        return false;
    }

}
