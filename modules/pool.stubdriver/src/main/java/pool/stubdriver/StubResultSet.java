package pool.stubdriver;

import java.sql.SQLException;
import java.sql.Statement;

/** A forward-only result set of {@code rows} rows with one int column whose value is the row number. */
public final class StubResultSet extends BaseResultSet {

    private final StubStatement statement;
    private final int rows;
    private int row;
    private volatile boolean closed;

    StubResultSet(StubStatement statement, int rows) {
        this.statement = statement;
        this.rows = rows;
    }

    @Override
    void check() throws SQLException {
        if (closed) {
            throw new SQLException("stub: result set is closed", "HY010");
        }
        statement.connection.check();
    }

    void closeQuietly() {
        closed = true;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean next() throws SQLException {
        check();
        if (row < rows) {
            row++;
            return true;
        }
        return false;
    }

    @Override
    public int getInt(int column) throws SQLException {
        check();
        return row;
    }

    @Override
    public int getInt(String column) throws SQLException {
        return getInt(1);
    }

    @Override
    public long getLong(int column) throws SQLException {
        return getInt(column);
    }

    @Override
    public long getLong(String column) throws SQLException {
        return getInt(1);
    }

    @Override
    public String getString(int column) throws SQLException {
        return Integer.toString(getInt(column));
    }

    @Override
    public String getString(String column) throws SQLException {
        return getString(1);
    }

    @Override
    public Object getObject(int column) throws SQLException {
        return getInt(column);
    }

    @Override
    public boolean wasNull() throws SQLException {
        check();
        return false;
    }

    @Override
    public Statement getStatement() throws SQLException {
        check();
        return statement;
    }
}
