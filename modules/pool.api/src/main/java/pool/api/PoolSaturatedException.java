package pool.api;

import java.sql.SQLTransientConnectionException;

/** A borrow was refused at once because maxPending borrowers already wait. SQLState 08001. */
public class PoolSaturatedException extends SQLTransientConnectionException {
    private static final long serialVersionUID = 1L;

    public PoolSaturatedException(String message) {
        super(message, "08001");
    }
}
