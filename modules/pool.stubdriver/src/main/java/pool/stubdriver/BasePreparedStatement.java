package pool.stubdriver;

// GENERATED from java.sql.PreparedStatement by a one-off generator: every method checks the
// object is usable (check()) and returns a neutral value. Hand-written subclasses override
// what tests and benchmarks observe. Regenerate rather than edit by hand.
@SuppressWarnings({"deprecation", "unused"})
abstract class BasePreparedStatement extends StubStatement implements java.sql.PreparedStatement {


    BasePreparedStatement(StubConnection connection) {
        super(connection);
    }

    @Override
    public void addBatch() throws java.sql.SQLException {
        check();
    }

    @Override
    public void clearParameters() throws java.sql.SQLException {
        check();
    }

    @Override
    public boolean execute() throws java.sql.SQLException {
        check();
        return false;
    }

    @Override
    public java.sql.ResultSet executeQuery() throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public int executeUpdate() throws java.sql.SQLException {
        check();
        return 0;
    }

    @Override
    public java.sql.ResultSetMetaData getMetaData() throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.ParameterMetaData getParameterMetaData() throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public void setArray(int p0, java.sql.Array p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setAsciiStream(int p0, java.io.InputStream p1, int p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setAsciiStream(int p0, java.io.InputStream p1, long p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setAsciiStream(int p0, java.io.InputStream p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setBigDecimal(int p0, java.math.BigDecimal p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setBinaryStream(int p0, java.io.InputStream p1, int p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setBinaryStream(int p0, java.io.InputStream p1, long p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setBinaryStream(int p0, java.io.InputStream p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setBlob(int p0, java.io.InputStream p1, long p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setBlob(int p0, java.io.InputStream p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setBlob(int p0, java.sql.Blob p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setBoolean(int p0, boolean p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setByte(int p0, byte p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setBytes(int p0, byte[] p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setCharacterStream(int p0, java.io.Reader p1, int p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setCharacterStream(int p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setCharacterStream(int p0, java.io.Reader p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setClob(int p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setClob(int p0, java.io.Reader p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setClob(int p0, java.sql.Clob p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setDate(int p0, java.sql.Date p1, java.util.Calendar p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setDate(int p0, java.sql.Date p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setDouble(int p0, double p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setFloat(int p0, float p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setInt(int p0, int p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setLong(int p0, long p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setNCharacterStream(int p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setNCharacterStream(int p0, java.io.Reader p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setNClob(int p0, java.io.Reader p1, long p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setNClob(int p0, java.io.Reader p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setNClob(int p0, java.sql.NClob p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setNString(int p0, java.lang.String p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setNull(int p0, int p1, java.lang.String p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setNull(int p0, int p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setObject(int p0, java.lang.Object p1, int p2, int p3) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setObject(int p0, java.lang.Object p1, int p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setObject(int p0, java.lang.Object p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setRef(int p0, java.sql.Ref p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setRowId(int p0, java.sql.RowId p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setSQLXML(int p0, java.sql.SQLXML p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setShort(int p0, short p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setString(int p0, java.lang.String p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setTime(int p0, java.sql.Time p1, java.util.Calendar p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setTime(int p0, java.sql.Time p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setTimestamp(int p0, java.sql.Timestamp p1, java.util.Calendar p2) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setTimestamp(int p0, java.sql.Timestamp p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setURL(int p0, java.net.URL p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setUnicodeStream(int p0, java.io.InputStream p1, int p2) throws java.sql.SQLException {
        check();
    }

}
