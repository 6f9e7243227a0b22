package pool.client.internal;

import java.sql.SQLNonTransientException;

/** A call that could not be encoded (larger than a frame may be): nothing reached the daemon. */
final class UnsentCallException extends SQLNonTransientException {

    private static final long serialVersionUID = 1L;

    UnsentCallException(String message, String sqlState, Throwable cause) {
        super(message, sqlState, cause);
    }
}
