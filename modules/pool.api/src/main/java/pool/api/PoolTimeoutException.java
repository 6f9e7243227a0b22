package pool.api;

import java.sql.SQLTransientConnectionException;

/** No connection became available within the borrow timeout. SQLState 08001. */
public class PoolTimeoutException extends SQLTransientConnectionException {
    private static final long serialVersionUID = 1L;

    public PoolTimeoutException(String message, Throwable cause) {
        super(message, "08001", cause);
    }
}
