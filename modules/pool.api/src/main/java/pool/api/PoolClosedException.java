package pool.api;

import java.sql.SQLNonTransientConnectionException;

/** The pool is closed or draining and takes no new borrows. SQLState 08003. */
public class PoolClosedException extends SQLNonTransientConnectionException {
    private static final long serialVersionUID = 1L;

    public PoolClosedException(String message) {
        super(message, "08003");
    }
}
