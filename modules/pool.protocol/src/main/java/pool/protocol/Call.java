package pool.protocol;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One round trip: operations to run in order on one session.
 *
 * @param ticket  the login ticket
 * @param session the session to run on, or 0 to borrow a new one first
 * @param handle  the client's random name for its connection, sent with every call: a
 *                {@code cancel} can reach a statement running in the very call that
 *                borrows, before the client has learnt the session number
 * @param borrow  how to borrow when {@code session} is 0, else ignored
 * @param releaseWhenIdle give the connection back after the operations if it is then in
 *                autocommit with no open result set (the client's transaction-pooling
 *                mode: borrow, query, rows and return in one round trip)
 * @param ops     the operations; closes the client deferred (cursors it abandoned)
 *                come first, so they cost no call of their own
 */
public record Call(String ticket, long session, long handle, Borrow borrow, boolean releaseWhenIdle, List<Op> ops) implements Serializable {
    public Call {
        Objects.requireNonNull(ticket, "ticket");
        ops = List.copyOf(ops);
        if (session == 0 && borrow == null) {
            throw new IllegalArgumentException("a call without a session must say how to borrow");
        }
    }
}
