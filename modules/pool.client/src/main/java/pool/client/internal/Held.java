package pool.client.internal;

/**
 * The session one connection holds now (0 for none) and the grant it was borrowed under,
 * as the lease renewals see them. Kept apart from the connection, so the renewal set does
 * not keep an abandoned connection reachable.
 */
final class Held {
    /** Written before {@link #session} when a borrow succeeds, so a reader that sees the session sees its grant. */
    volatile Grant grant;
    volatile long session;

    void session(long session) {
        this.session = session;
    }
}
