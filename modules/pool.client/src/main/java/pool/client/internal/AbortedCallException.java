package pool.client.internal;

import java.sql.SQLNonTransientConnectionException;
import pool.protocol.Protocol;

/**
 * A call whose connection was aborted ({@code Connection.abort}) while it waited for the
 * daemon's answer: its channel was closed under it, as a driver's abort closes its socket.
 * Whether the daemon ran the call is unknown; the session is let go of as after a network
 * timeout (its statement cancelled, the session given back).
 */
final class AbortedCallException extends SQLNonTransientConnectionException {

    private static final long serialVersionUID = 1L;

    AbortedCallException(java.io.IOException cause) {
        super("the connection was aborted while this call waited for poold's answer", Protocol.STATE_LINK_FAILURE, cause);
    }
}
