package pool.engine.internal.proxy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A statement handed to the application: tracked by its connection so that reset can
 * close it if the application does not, and answering {@code getConnection()} with the
 * handle, never the physical connection.
 */
public class ProxyStatement extends DelegatingStatement {

    final ProxyConnection connection;
    /**
     * {@link pool.engine.internal.sql.SessionEffects} of the SQL it was prepared with; 0 for a
     * plain statement. A byte: beside the boolean it fits in the object's alignment padding,
     * so the statement handle allocated per prepare does not grow.
     */
    private final byte effects;
    /** Plain: the statement belongs to one borrower thread (JDBC objects are not shared). */
    private boolean closed;

    ProxyStatement(ProxyConnection connection, Statement delegate, int effects) {
        super(delegate);
        this.connection = connection;
        this.effects = (byte) effects;
    }

    @Override
    final SQLException onError(SQLException e) {
        return connection.onError(e);
    }

    @Override
    final void executing() throws SQLException {
        if (!closed) { // a stale statement must not mark the connection's next borrow
            connection.executing(effects);
        }
    }

    @Override
    final void executing(String sql) throws SQLException {
        if (!closed) {
            connection.executing(effects | connection.effectsOf(sql));
        }
    }

    @Override
    final void batched(String sql) {
        if (!closed) {
            connection.sessionMayChange(connection.effectsOf(sql));
        }
    }

    @Override
    final ResultSet wrap(ResultSet rs) {
        return rs == null ? null : new ProxyResultSet(this, rs);
    }

    /** Cancelled by the pool, from another thread, when its connection was taken away: see ProxyConnection#cancelStatements. */
    final void cancelByPool() {
        if (closed) {
            return;
        }
        try {
            delegate.cancel();
        } catch (SQLException | RuntimeException ignored) {
            // Best effort: the rollback timeout's abort ends what a cancel could not.
        }
    }

    /** Closed by reset on return: the physical statement goes, the connection stays. */
    final void closeByPool() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            delegate.close();
        } catch (SQLException ignored) {
            // see ConnectionState.reset
        }
    }

    @Override
    public final void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        connection.untrack(this);
        try {
            delegate.close();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public final boolean isClosed() throws SQLException {
        if (closed) {
            return true;
        }
        try {
            return delegate.isClosed();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public final Connection getConnection() throws SQLException {
        if (closed) {
            throw new SQLException("Statement is closed", "HY010");
        }
        return connection;
    }

    @Override
    public String toString() {
        return "ProxyStatement[" + delegate + "]";
    }

    @Override
    <T> T handedOut(T driverObject) {
        return connection.handedOut(driverObject);
    }
}
