package pool.engine.internal.proxy;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Database metadata whose {@code getConnection()} answers with the handle, not the physical connection. */
public final class ProxyDatabaseMetaData extends DelegatingDatabaseMetaData {

    private final ProxyConnection connection;

    ProxyDatabaseMetaData(ProxyConnection connection, DatabaseMetaData delegate) {
        super(delegate);
        this.connection = connection;
    }

    @Override
    SQLException onError(SQLException e) {
        return connection.onError(e);
    }

    @Override
    ResultSet wrap(ResultSet rs) {
        connection.reachedTheServer(); // a catalog query: after a commit it begins the next transaction
        return rs == null ? null : new ProxyResultSet(connection, rs);
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    <T> T handedOut(T driverObject) {
        return connection.handedOut(driverObject);
    }
}
