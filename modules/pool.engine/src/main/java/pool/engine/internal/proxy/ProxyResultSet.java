package pool.engine.internal.proxy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A result set handed to the application, so that {@code getStatement()} answers with
 * the statement handle (and through it the connection handle), never the physical ones.
 * Closing the statement (by the application or by reset) closes the physical result set.
 */
public final class ProxyResultSet extends DelegatingResultSet {

    private final ProxyStatement statement;
    private final ProxyConnection connection;

    ProxyResultSet(ProxyStatement statement, ResultSet delegate) {
        super(delegate);
        this.statement = statement;
        this.connection = statement.connection;
    }

    ProxyResultSet(ProxyConnection connection, ResultSet delegate) {
        super(delegate);
        this.statement = null;
        this.connection = connection;
    }

    @Override
    SQLException onError(SQLException e) {
        return connection.onError(e);
    }

    @Override
    public void close() throws SQLException {
        try {
            delegate.close();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean isClosed() throws SQLException {
        try {
            return delegate.isClosed();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    // Row changes run on the driver's own statement, behind the application's: out of auto-commit
    // they begin a transaction no execute of the application's shows (see ProxyConnection#reachedTheServer),
    // and once the connection was taken away (reclaimed, shut down) they must not reach the database.

    @Override
    public void updateRow() throws SQLException {
        connection.executing(0);
        super.updateRow();
    }

    @Override
    public void insertRow() throws SQLException {
        connection.executing(0);
        super.insertRow();
    }

    @Override
    public void deleteRow() throws SQLException {
        connection.executing(0);
        super.deleteRow();
    }

    @Override
    public void refreshRow() throws SQLException {
        connection.executing(0);
        super.refreshRow();
    }

    @Override
    public Statement getStatement() throws SQLException {
        if (statement != null) {
            return statement;
        }
        try {
            delegate.getStatement(); // still fails if the result set is closed
            return null; // metadata result sets: no statement handle to show
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    <T> T handedOut(T driverObject) {
        return connection.handedOut(driverObject);
    }
}
