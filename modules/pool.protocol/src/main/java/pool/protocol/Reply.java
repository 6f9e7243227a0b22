package pool.protocol;

import java.util.List;

/**
 * The answer to a {@link Call}.
 *
 * @param session the session the call ran on (the new one if it borrowed); 0 when the
 *                borrow failed or the session was released or lost
 * @param opened  the state of a newly borrowed connection, null if nothing was borrowed
 * @param results one result per operation that ran, in order
 * @param error   the error that stopped the list, or null
 */
public record Reply(long session, SessionInfo opened, List<Result> results, SqlError error) {
    public Reply {
        results = List.copyOf(results);
    }
}
