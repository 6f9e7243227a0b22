package pool.client.internal;

import java.sql.SQLException;
import java.sql.Savepoint;

/** A savepoint on the daemon, named there by a number. */
record RemoteSavepoint(RemoteConnection owner, int id, String name) implements Savepoint {

    @Override
    public int getSavepointId() throws SQLException {
        if (name != null) {
            throw new SQLException("this savepoint is named; use getSavepointName()", "3B000");
        }
        return id;
    }

    @Override
    public String getSavepointName() throws SQLException {
        if (name == null) {
            throw new SQLException("this savepoint is unnamed; use getSavepointId()", "3B000");
        }
        return name;
    }
}
