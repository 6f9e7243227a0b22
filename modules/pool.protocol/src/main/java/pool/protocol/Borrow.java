package pool.protocol;

import java.util.Objects;
import pool.api.Intent;
import pool.api.Priority;

/**
 * How to borrow the session a {@link Call} opens. The tenant travels with the ticket;
 * intent and priority travel here because they may differ per connection.
 *
 * @param intent        read/write intent, for read/write routing
 * @param priority      waiting priority
 * @param timeoutMillis longest wait for a connection, or -1 for the pool's borrowTimeout
 */
public record Borrow(Intent intent, Priority priority, long timeoutMillis) {
    /** Read-write, normal priority, the pool's timeout. */
    public static final Borrow DEFAULT = new Borrow(Intent.READ_WRITE, Priority.NORMAL, -1);

    public Borrow {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(priority, "priority");
    }
}
