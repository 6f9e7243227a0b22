package pool.api;

import java.sql.SQLNonTransientConnectionException;

/**
 * The connection was taken back by the pool's leak reclaim; the message says after
 * how long and where it was borrowed. SQLState 08003.
 */
public class ConnectionReclaimedException extends SQLNonTransientConnectionException {
    private static final long serialVersionUID = 1L;

    public ConnectionReclaimedException(String message) {
        super(message, "08003");
    }
}
