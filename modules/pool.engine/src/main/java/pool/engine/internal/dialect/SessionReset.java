package pool.engine.internal.dialect;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * How one connection's database session is brought back to what a new connection has:
 * role, settings, schema search path, temporary objects, prepared statements, cursors,
 * listeners, locks and variables all as the server gives a new session. The pool then
 * runs its init SQL and applies its defaults again.
 */
public interface SessionReset {

    /**
     * Records, once the pool has set the new connection up, what {@link #reset} must
     * bring back beside the server's defaults (MariaDB: session variables the driver and
     * the init SQL set). Default: nothing.
     */
    default void capture(Connection raw) throws SQLException {
    }

    /**
     * Resets the session; the connection is in no transaction the pool knows of.
     *
     * @throws SQLException when the reset failed: the connection is closed, never handed on
     */
    void reset(Connection raw) throws SQLException;
}
