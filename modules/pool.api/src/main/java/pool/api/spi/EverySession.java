package pool.api.spi;

import java.sql.SQLException;

/**
 * A borrowed connection whose work may run on more than one database session: a routed
 * connection reads on a replica's session and writes on the primary's. Session set-up that
 * must hold wherever the work runs (PostgreSQL's {@code SET TIME ZONE} for a client in another
 * zone) goes through here instead of a statement, which such a connection would count as a
 * change of its session and answer by sending everything after it to the primary.
 *
 * <p>Reach it with {@code connection.unwrap(EverySession.class)} after
 * {@code isWrapperFor(EverySession.class)}; a connection of one session does not implement it
 * (run the statement on it directly). As with any session change, the pool resets each session
 * the statement ran on when the connection goes back.
 */
public interface EverySession {

    /**
     * Runs {@code sql} on every session this borrow has taken and on each it takes later,
     * in the order of calls, without tying the connection to the primary.
     *
     * @param sql a statement that sets session state and returns no rows
     * @throws SQLException as the statement failed on a session the borrow already holds
     */
    void runOnEverySession(String sql) throws SQLException;
}
