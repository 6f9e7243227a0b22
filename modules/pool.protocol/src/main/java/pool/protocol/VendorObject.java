package pool.protocol;

import java.util.Objects;

/**
 * A value of a driver's own type (pgjdbc's {@code PGobject} and its subclasses:
 * {@code PGInterval}, {@code PGmoney}, the geometric types, and {@code PGobject} itself for
 * {@code inet}, {@code json}, {@code jsonb}...), by its class name, its database type name and
 * its text: the client rebuilds it as the driver does (a new instance, {@code setType},
 * {@code setValue}) when the class is on its class path, and answers the text as a
 * {@code String} when it is not; the daemon likewise for a parameter.
 *
 * @param className the driver's class, e.g. {@code org.postgresql.util.PGInterval}
 * @param typeName  the database type, e.g. {@code interval}, {@code inet}
 * @param text      the value as the database prints it; null for SQL NULL
 */
public record VendorObject(String className, String typeName, String text) implements ObjectValue {
    public VendorObject {
        Objects.requireNonNull(className, "className");
    }

    @Override
    public String toString() {
        return text;
    }
}
