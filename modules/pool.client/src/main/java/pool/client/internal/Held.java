package pool.client.internal;

/**
 * The session one connection holds now (0 for none) and the grant it was borrowed under,
 * as the lease renewals see them. Kept apart from the connection, so the renewal set does
 * not keep an abandoned connection reachable.
 */
final class Held {
    /**
     * What the connection was borrowed through (a token of its data source): the data source's
     * {@code close()} gives back the sessions of its own connections only. Null: none.
     */
    final Object origin;

    Held(Object origin) {
        this.origin = origin;
    }

    /** Written before {@link #session} when a borrow succeeds, so a reader that sees the session sees its grant. */
    volatile Grant grant;
    volatile long session;
    /** The channel a call of this connection waits on for its answer; null between calls. */
    volatile Channel inFlight;
    /** Set by {@code Connection.abort}: a call in flight, or about to be, must not wait for its answer. */
    volatile boolean aborted;

    void session(long session) {
        this.session = session;
    }

    /**
     * Stops the call in flight from waiting: its channel is closed under it, as a driver's
     * abort closes its socket. A call that takes its channel later sees {@link #aborted}
     * (set first) and closes it itself: one of the two always closes it.
     */
    void abort() {
        aborted = true;
        Channel c = inFlight;
        if (c != null) {
            c.close();
        }
    }
}
