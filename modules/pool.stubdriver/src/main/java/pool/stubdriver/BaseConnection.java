package pool.stubdriver;

// GENERATED from java.sql.Connection by a one-off generator: every method checks the
// object is usable (check()) and returns a neutral value. Hand-written subclasses override
// what tests and benchmarks observe. Regenerate rather than edit by hand.
@SuppressWarnings({"deprecation", "unused"})
abstract class BaseConnection implements java.sql.Connection {

    /** Throws when this object may not be used (closed, broken). */
    abstract void check() throws java.sql.SQLException;

    @Override
    public void abort(java.util.concurrent.Executor p0) throws java.sql.SQLException {
        check();
    }

    @Override
    public void clearWarnings() throws java.sql.SQLException {
        check();
    }

    @Override
    public void close() throws java.sql.SQLException {
        check();
    }

    @Override
    public void commit() throws java.sql.SQLException {
        check();
    }

    @Override
    public java.sql.Array createArrayOf(java.lang.String p0, java.lang.Object[] p1) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.Blob createBlob() throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.Clob createClob() throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.NClob createNClob() throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.SQLXML createSQLXML() throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.Statement createStatement() throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.Statement createStatement(int p0, int p1, int p2) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.Statement createStatement(int p0, int p1) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.Struct createStruct(java.lang.String p0, java.lang.Object[] p1) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public boolean getAutoCommit() throws java.sql.SQLException {
        check();
        return false;
    }

    @Override
    public java.lang.String getCatalog() throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.util.Properties getClientInfo() throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.lang.String getClientInfo(java.lang.String p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public int getHoldability() throws java.sql.SQLException {
        check();
        return 0;
    }

    @Override
    public java.sql.DatabaseMetaData getMetaData() throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public int getNetworkTimeout() throws java.sql.SQLException {
        check();
        return 0;
    }

    @Override
    public java.lang.String getSchema() throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public int getTransactionIsolation() throws java.sql.SQLException {
        check();
        return 0;
    }

    @Override
    public java.util.Map<java.lang.String, java.lang.Class<?>> getTypeMap() throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.SQLWarning getWarnings() throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public boolean isClosed() throws java.sql.SQLException {
        check();
        return false;
    }

    @Override
    public boolean isReadOnly() throws java.sql.SQLException {
        check();
        return false;
    }

    @Override
    public boolean isValid(int p0) throws java.sql.SQLException {
        check();
        return false;
    }

    @Override
    public java.lang.String nativeSQL(java.lang.String p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.CallableStatement prepareCall(java.lang.String p0, int p1, int p2, int p3) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.CallableStatement prepareCall(java.lang.String p0, int p1, int p2) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.CallableStatement prepareCall(java.lang.String p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.PreparedStatement prepareStatement(java.lang.String p0, int[] p1) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.PreparedStatement prepareStatement(java.lang.String p0, java.lang.String[] p1) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.PreparedStatement prepareStatement(java.lang.String p0, int p1, int p2, int p3) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.PreparedStatement prepareStatement(java.lang.String p0, int p1, int p2) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.PreparedStatement prepareStatement(java.lang.String p0, int p1) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.PreparedStatement prepareStatement(java.lang.String p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public void releaseSavepoint(java.sql.Savepoint p0) throws java.sql.SQLException {
        check();
    }

    @Override
    public void rollback() throws java.sql.SQLException {
        check();
    }

    @Override
    public void rollback(java.sql.Savepoint p0) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setAutoCommit(boolean p0) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setCatalog(java.lang.String p0) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setClientInfo(java.lang.String p0, java.lang.String p1) throws java.sql.SQLClientInfoException {
    }

    @Override
    public void setClientInfo(java.util.Properties p0) throws java.sql.SQLClientInfoException {
    }

    @Override
    public void setHoldability(int p0) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setNetworkTimeout(java.util.concurrent.Executor p0, int p1) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setReadOnly(boolean p0) throws java.sql.SQLException {
        check();
    }

    @Override
    public java.sql.Savepoint setSavepoint() throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.Savepoint setSavepoint(java.lang.String p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public void setSchema(java.lang.String p0) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setTransactionIsolation(int p0) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setTypeMap(java.util.Map<java.lang.String, java.lang.Class<?>> p0) throws java.sql.SQLException {
        check();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws java.sql.SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new java.sql.SQLException("stub: not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
