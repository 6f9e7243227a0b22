package pool.engine.internal.proxy;

import java.sql.SQLException;
import java.util.concurrent.Executor;
import pool.api.ConnectionReclaimedException;

/**
 * The null object a handle switches to when it is closed, reclaimed or its pool shut
 * down (Agroal's idea): every use throws, with a message saying why; {@code close()}
 * and {@code isClosed()} answer harmlessly. No check is sprinkled over the live path.
 */
public final class ClosedConnection extends ThrowingConnection {

    /** After the application's own close. */
    public static final ClosedConnection CLOSED = new ClosedConnection(
            "Connection is closed: it was returned to the pool; borrow another one", false);

    private final String message;
    private final boolean reclaimed;

    private ClosedConnection(String message, boolean reclaimed) {
        this.message = message;
        this.reclaimed = reclaimed;
    }

    /** @return the null object of a connection taken back by leak reclaim; uses throw ConnectionReclaimedException */
    public static ClosedConnection reclaimed(String message) {
        return new ClosedConnection(message, true);
    }

    /** @return the null object of a connection closed by the pool itself (shutdown, eviction) */
    /** @return the stand-in of a connection still borrowed when its pool {@code pool} was closed */
    public static ClosedConnection closedAtShutdown(String pool) {
        return closedByPool("Connection is closed: pool '" + pool
                + "' was shut down while it was borrowed (its transaction was rolled back)");
    }

    public static ClosedConnection closedByPool(String message) {
        return new ClosedConnection(message, false);
    }

    /** @return why this connection can no longer be used */
    public String message() {
        return message;
    }

    @Override
    SQLException unusable() {
        return reclaimed ? new ConnectionReclaimedException(message) : new SQLException(message, "08003");
    }

    @Override
    public void close() {
        // Double close is harmless (JDBC says close on a closed connection is a no-op).
    }

    @Override
    public boolean isClosed() {
        return true;
    }

    @Override
    public boolean isValid(int timeout) throws SQLException {
        if (timeout < 0) {
            throw new SQLException("timeout must not be negative", "22023");
        }
        return false;
    }

    @Override
    public void abort(Executor executor) {
        // Nothing left to abort.
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
