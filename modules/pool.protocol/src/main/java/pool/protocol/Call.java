package pool.protocol;

import java.util.List;
import java.util.Objects;

/**
 * One round trip: operations to run in order on one session. A call carries no ticket:
 * it runs under the ticket its call channel was opened with ({@link CallChannel}).
 *
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
 * @param released sessions of this login the application closed since the client's last
 *                call, given back before anything else runs: a close in autocommit costs
 *                no call of its own (at most {@link #MAX_RELEASED}; never null)
 */
public record Call(long session, long handle, Borrow borrow, boolean releaseWhenIdle, List<Op> ops,
                   long[] released) {

    /** The most sessions one call gives back; a client sends the rest with its next call. */
    public static final int MAX_RELEASED = 4096;

    private static final long[] NONE = new long[0];

    public Call {
        ops = List.copyOf(ops);
        released = released == null || released.length == 0 ? NONE : released.clone();
        if (session == 0 && borrow == null && (!ops.isEmpty() || released.length == 0)) {
            throw new IllegalArgumentException("a call without a session must say how to borrow, or only give back sessions");
        }
        if (released.length > MAX_RELEASED) {
            throw new IllegalArgumentException("a call gives back at most " + MAX_RELEASED + " sessions");
        }
    }

    /** A call that gives nothing back. */
    public Call(long session, long handle, Borrow borrow, boolean releaseWhenIdle, List<Op> ops) {
        this(session, handle, borrow, releaseWhenIdle, ops, NONE);
    }

    /** @return a call that only gives back {@code released}: no session, no borrow, no operations */
    public static Call releaseOnly(long[] released) {
        return new Call(0, 0, null, false, List.of(), released);
    }

    /** @return whether this call only gives sessions back */
    public boolean releasesOnly() {
        return session == 0 && borrow == null;
    }

    @Override
    public long[] released() {
        return released.clone();
    }

    /** @return how many sessions this call gives back */
    public int releasedCount() {
        return released.length;
    }

    /** @return the {@code i}th session this call gives back */
    public long released(int i) {
        return released[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Call c && session == c.session && handle == c.handle
                && releaseWhenIdle == c.releaseWhenIdle && Objects.equals(borrow, c.borrow)
                && ops.equals(c.ops) && java.util.Arrays.equals(released, c.released);
    }

    @Override
    public int hashCode() {
        return Objects.hash(session, handle, borrow, releaseWhenIdle, ops) * 31
                + java.util.Arrays.hashCode(released);
    }

    @Override
    public String toString() {
        return "Call[session=" + session + ", handle=" + handle + ", borrow=" + borrow + ", releaseWhenIdle="
                + releaseWhenIdle + ", ops=" + ops + ", released=" + java.util.Arrays.toString(released) + "]";
    }
}
