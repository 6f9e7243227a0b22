package pool.protocol;

import java.io.Serializable;

/**
 * The state of a freshly borrowed connection, so the client answers the common getters
 * of {@code Connection} without a call. Isolation, catalog and schema are not here:
 * some drivers ask the database for them, which would slow every borrow; the client
 * asks with {@link Op.Get} when the application wants them.
 */
public record SessionInfo(boolean autoCommit, boolean readOnly, int holdability) implements Serializable {
}
