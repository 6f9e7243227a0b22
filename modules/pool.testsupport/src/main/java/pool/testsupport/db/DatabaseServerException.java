package pool.testsupport.db;

import java.io.Serial;

/** A test database server could not be started, stopped or reconfigured; the message says why. */
public final class DatabaseServerException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public DatabaseServerException(String message) {
        super(message);
    }

    public DatabaseServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
