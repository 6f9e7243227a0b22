package pool.stubdriver;

// GENERATED from java.sql.Statement by a one-off generator: every method checks the
// object is usable (check()) and returns a neutral value. Hand-written subclasses override
// what tests and benchmarks observe. Regenerate rather than edit by hand.
@SuppressWarnings({"deprecation", "unused"})
abstract class BaseStatement implements java.sql.Statement {

    /** Throws when this object may not be used (closed, broken). */
    abstract void check() throws java.sql.SQLException;

    @Override
    public void addBatch(java.lang.String p0) throws java.sql.SQLException {
        check();
    }

    @Override
    public void cancel() throws java.sql.SQLException {
        check();
    }

    @Override
    public void clearBatch() throws java.sql.SQLException {
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
    public void closeOnCompletion() throws java.sql.SQLException {
        check();
    }

    @Override
    public boolean execute(java.lang.String p0, int[] p1) throws java.sql.SQLException {
        check();
        return false;
    }

    @Override
    public boolean execute(java.lang.String p0, java.lang.String[] p1) throws java.sql.SQLException {
        check();
        return false;
    }

    @Override
    public boolean execute(java.lang.String p0, int p1) throws java.sql.SQLException {
        check();
        return false;
    }

    @Override
    public boolean execute(java.lang.String p0) throws java.sql.SQLException {
        check();
        return false;
    }

    @Override
    public int[] executeBatch() throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public java.sql.ResultSet executeQuery(java.lang.String p0) throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public int executeUpdate(java.lang.String p0, int[] p1) throws java.sql.SQLException {
        check();
        return 0;
    }

    @Override
    public int executeUpdate(java.lang.String p0, java.lang.String[] p1) throws java.sql.SQLException {
        check();
        return 0;
    }

    @Override
    public int executeUpdate(java.lang.String p0, int p1) throws java.sql.SQLException {
        check();
        return 0;
    }

    @Override
    public int executeUpdate(java.lang.String p0) throws java.sql.SQLException {
        check();
        return 0;
    }

    @Override
    public java.sql.Connection getConnection() throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public int getFetchDirection() throws java.sql.SQLException {
        check();
        return 0;
    }

    @Override
    public int getFetchSize() throws java.sql.SQLException {
        check();
        return 0;
    }

    @Override
    public java.sql.ResultSet getGeneratedKeys() throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public int getMaxFieldSize() throws java.sql.SQLException {
        check();
        return 0;
    }

    @Override
    public int getMaxRows() throws java.sql.SQLException {
        check();
        return 0;
    }

    @Override
    public boolean getMoreResults() throws java.sql.SQLException {
        check();
        return false;
    }

    @Override
    public boolean getMoreResults(int p0) throws java.sql.SQLException {
        check();
        return false;
    }

    @Override
    public int getQueryTimeout() throws java.sql.SQLException {
        check();
        return 0;
    }

    @Override
    public java.sql.ResultSet getResultSet() throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public int getResultSetConcurrency() throws java.sql.SQLException {
        check();
        return 0;
    }

    @Override
    public int getResultSetHoldability() throws java.sql.SQLException {
        check();
        return 0;
    }

    @Override
    public int getResultSetType() throws java.sql.SQLException {
        check();
        return 0;
    }

    @Override
    public int getUpdateCount() throws java.sql.SQLException {
        check();
        return 0;
    }

    @Override
    public java.sql.SQLWarning getWarnings() throws java.sql.SQLException {
        check();
        return null;
    }

    @Override
    public boolean isCloseOnCompletion() throws java.sql.SQLException {
        check();
        return false;
    }

    @Override
    public boolean isClosed() throws java.sql.SQLException {
        check();
        return false;
    }

    @Override
    public boolean isPoolable() throws java.sql.SQLException {
        check();
        return false;
    }

    @Override
    public void setCursorName(java.lang.String p0) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setEscapeProcessing(boolean p0) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setFetchDirection(int p0) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setFetchSize(int p0) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setMaxFieldSize(int p0) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setMaxRows(int p0) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setPoolable(boolean p0) throws java.sql.SQLException {
        check();
    }

    @Override
    public void setQueryTimeout(int p0) throws java.sql.SQLException {
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
