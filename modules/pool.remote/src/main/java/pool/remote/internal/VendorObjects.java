package pool.remote.internal;

import java.lang.reflect.Method;
import java.sql.SQLException;
import pool.protocol.VendorObject;

/**
 * Driver types that travel as a {@link VendorObject}: pgjdbc's {@code PGobject} and its
 * subclasses, recognised by name (the daemon has no compile-time dependency on any driver).
 */
final class VendorObjects {

    static final String PG_OBJECT = "org.postgresql.util.PGobject";

    private VendorObjects() {
    }

    /** @return {@code v} as a vendor object, or null when it is not one this class knows */
    static VendorObject of(Object v, RowReader.SqlSupplier<String> asString) throws SQLException {
        if (!isPgObject(v.getClass())) {
            return null;
        }
        String type;
        try {
            Method getType = v.getClass().getMethod("getType");
            type = (String) getType.invoke(v);
        } catch (ReflectiveOperationException | RuntimeException e) {
            type = null; // still a value: its text and class travel
        }
        return new VendorObject(v.getClass().getName(), type, asString.get());
    }

    static boolean isPgObject(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            if (k.getName().equals(PG_OBJECT)) {
                return true;
            }
        }
        return false;
    }
}
