package pool.client.internal;

/**
 * The session one connection holds now (0 for none), as the lease renewals see it. Kept
 * apart from the connection, so the renewal set does not keep an abandoned connection
 * reachable.
 */
final class Held {
    volatile long session;

    void session(long session) {
        this.session = session;
    }
}
