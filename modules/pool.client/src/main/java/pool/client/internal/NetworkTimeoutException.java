package pool.client.internal;

import java.sql.SQLNonTransientConnectionException;
import pool.protocol.Protocol;

/**
 * A call's answer did not come within the connection's network timeout
 * ({@code Connection.setNetworkTimeout}); the daemon may still be running it. The connection
 * raises the backend driver's error of a socket timeout instead, and closes.
 */
final class NetworkTimeoutException extends SQLNonTransientConnectionException {

    private static final long serialVersionUID = 1L;

    NetworkTimeoutException(int millis, java.net.SocketTimeoutException cause) {
        super("no answer from poold within the network timeout of " + millis + " ms: the connection is closed",
                Protocol.STATE_LINK_FAILURE, cause);
    }
}
