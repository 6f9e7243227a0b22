package pool.engine.internal.proxy;

import java.sql.SQLException;

/** What a connection handle needs from its pool. */
public interface ProxyOwner {

    /** @return whether {@code e} means the physical connection is broken */
    boolean isFatal(SQLException e);

    /** The application closed {@code handle}: take its connection back (reset, then idle or destroy). */
    void returned(ProxyConnection handle);
}
