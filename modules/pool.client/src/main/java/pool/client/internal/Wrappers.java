package pool.client.internal;

import java.sql.SQLException;

/**
 * {@link java.sql.Wrapper} for the client's JDBC objects: they wrap nothing (the real
 * driver object lives in the daemon), so each unwraps only to what it is itself. The
 * generated {@code Unsupported*} bases answer with it; the classes without such a base
 * (the data source, the result-set and the database metadata) call it.
 */
public final class Wrappers {

    private Wrappers() {
    }

    /** @return {@code self} as {@code iface}; an SQLException (HY000) when it is not one */
    public static <T> T unwrap(Object self, Class<T> iface) throws SQLException {
        if (iface.isInstance(self)) {
            return iface.cast(self);
        }
        throw new SQLException("not a wrapper for " + iface.getName(), "HY000");
    }
}
