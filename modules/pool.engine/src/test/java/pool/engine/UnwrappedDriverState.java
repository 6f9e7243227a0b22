package pool.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import pool.api.ConnectionPool;

/**
 * The JDBC state a borrower can change on the driver's own connection behind the pool's back
 * (after {@code unwrap}), and the check that the next borrower of the same connection finds
 * none of it.
 */
final class UnwrappedDriverState {

    /** Names the physical connection: its server session's id. */
    interface SessionId {
        String of(Connection c) throws SQLException;
    }

    private UnwrappedDriverState() {
    }

    /** What a borrower sees of the connection's JDBC state. */
    static String of(Connection c) throws SQLException {
        return "autoCommit=" + c.getAutoCommit() + " readOnly=" + c.isReadOnly() + " isolation="
                + c.getTransactionIsolation() + " catalog=" + c.getCatalog() + " networkTimeout="
                + c.getNetworkTimeout() + " holdability=" + c.getHoldability() + " clientInfo="
                + new java.util.TreeMap<>(c.getClientInfo());
    }

    /**
     * Borrows, changes every piece of that state on the unwrapped {@code driverConnection}, gives the
     * connection back, and checks the next borrow of the same session finds the state it started with.
     */
    static void changedThenPutBack(ConnectionPool pool, String driverConnection, SessionId session)
            throws Exception {
        Class<? extends Connection> api = Class.forName(driverConnection).asSubclass(Connection.class);
        String id;
        String before;
        try (Connection c = pool.getConnection()) {
            id = session.of(c);
            Connection raw = c.unwrap(api);
            before = of(raw);
            raw.setNetworkTimeout(Runnable::run, 4321);
            raw.setClientInfo("ApplicationName", "borrower-one");
            raw.setHoldability(ResultSet.CLOSE_CURSORS_AT_COMMIT == raw.getHoldability()
                    ? ResultSet.HOLD_CURSORS_OVER_COMMIT : ResultSet.CLOSE_CURSORS_AT_COMMIT);
            raw.setReadOnly(true);
            raw.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            raw.setAutoCommit(false);
        }
        try (Connection c = pool.getConnection()) {
            assertEquals(id, session.of(c), "the same physical connection");
            assertEquals(before, of(c.unwrap(api)));
            assertEquals(before, of(c));
        }
    }
}
