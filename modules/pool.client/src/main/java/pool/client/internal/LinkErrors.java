package pool.client.internal;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import pool.protocol.Protocol;
import pool.protocol.WireException;

/** The exceptions of a link that failed, naming the pool and the daemon, each counted as a link failure. */
final class LinkErrors {

    private final Locator locator;
    private final Counters counters;

    LinkErrors(Locator locator, Counters counters) {
        this.locator = locator;
        this.counters = counters;
    }

    /** The daemon's answer could not be decoded: a daemon of another version, most likely. */
    SQLException protocolViolation(String what, WireException e) {
        counters.linkFailures.increment();
        return new SQLNonTransientConnectionException("could not read poold's answer while " + what + " pool '"
                + locator.pool() + "' at " + locator.host() + ":" + locator.port() + ": " + e.getMessage(),
                Protocol.STATE_PROTOCOL_VIOLATION, e);
    }

    /** The daemon went away (SQLState 08006); the next {@code getConnection()} reconnects. */
    SQLException linkFailure(String what, Exception e) {
        counters.linkFailures.increment();
        return new SQLNonTransientConnectionException("lost the link to poold while " + what + " pool '"
                + locator.pool() + "' at " + locator.host() + ":" + locator.port() + ": " + e.getMessage()
                + "; the next getConnection() reconnects", Protocol.STATE_LINK_FAILURE, e);
    }
}
