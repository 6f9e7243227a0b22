package pool.client.internal;

import java.sql.SQLException;
import java.sql.Savepoint;

/** A savepoint on the daemon, named there by a number. */
record RemoteSavepoint(RemoteConnection owner, int id, int savepointId, String name) implements Savepoint {

    @Override
    public int getSavepointId() throws SQLException {
        if (name != null) {
            throw owner.errors().idOfNamedSavepoint();
        }
        return savepointId; // the driver's numbering; id is poold's handle
    }

    @Override
    public String getSavepointName() throws SQLException {
        if (name == null) {
            throw owner.errors().nameOfUnnamedSavepoint();
        }
        return name;
    }
}
