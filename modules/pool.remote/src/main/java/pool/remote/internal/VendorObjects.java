package pool.remote.internal;

import java.lang.reflect.Method;
import java.sql.SQLException;
import pool.protocol.ValueTypes;
import pool.protocol.VendorObject;

/**
 * Driver types that travel as a {@link VendorObject}: those {@link ValueTypes#isVendorClass}
 * names (the daemon has no compile-time dependency on any driver).
 */
final class VendorObjects {

    private VendorObjects() {
    }

    /** @return {@code v} as a vendor object, or null when it is not one this class knows */
    static VendorObject of(Object v, RowReader.SqlSupplier<String> asString) throws SQLException {
        if (!ValueTypes.isVendorClass(v.getClass())) {
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
}
