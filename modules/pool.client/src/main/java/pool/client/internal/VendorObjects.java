package pool.client.internal;

import java.lang.reflect.Method;
import pool.protocol.ValueTypes;
import pool.protocol.VendorObject;

/**
 * Driver types on the client: a {@link VendorObject} becomes an instance of the driver's own
 * class (pgjdbc's {@code PGInterval}, {@code PGobject}...) when that class is on the
 * application's class path, made as the driver makes it (no-argument constructor,
 * {@code setType}, {@code setValue}); else its text, a {@code String}. Only subclasses of
 * pgjdbc's {@code PGobject} are ever instantiated, whatever class name arrives.
 */
final class VendorObjects {

    private VendorObjects() {
    }

    /** @return the driver's object, or its text when the class is not here */
    static Object rebuild(VendorObject v) {
        if (v.text() == null) {
            return null;
        }
        Class<?> c = load(v.className());
        if (c == null || !ValueTypes.isVendorClass(c)) {
            return v.text();
        }
        try {
            Object o = c.getConstructor().newInstance();
            if (v.typeName() != null) {
                c.getMethod("setType", String.class).invoke(o, v.typeName());
            }
            c.getMethod("setValue", String.class).invoke(o, v.text());
            return o;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return v.text(); // a class of another version that cannot take the text: the text
        }
    }

    /** @return a driver object the application passed as a parameter, as it travels; null when it is none */
    static VendorObject wire(Object o) {
        if (!ValueTypes.isVendorClass(o.getClass())) {
            return null;
        }
        try {
            Method type = o.getClass().getMethod("getType");
            Method value = o.getClass().getMethod("getValue");
            return new VendorObject(o.getClass().getName(), (String) type.invoke(o), (String) value.invoke(o));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Class<?> load(String name) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        for (ClassLoader l : new ClassLoader[] {context, VendorObjects.class.getClassLoader()}) {
            if (l == null) {
                continue;
            }
            try {
                return Class.forName(name, false, l);
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next loader
            }
        }
        return null;
    }
}
