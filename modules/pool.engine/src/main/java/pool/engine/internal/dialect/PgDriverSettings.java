package pool.engine.internal.dialect;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * pgjdbc's own settings of one connection, which live in the driver, not in the server's
 * session: no SQL resets them. An application reaches them through
 * {@code unwrap(PGConnection.class)} ({@code setPrepareThreshold}, {@code setDefaultFetchSize},
 * {@code setAutosave}, {@code setAdaptiveFetch}); taken when the connection is set up and put
 * back by the reset, so that the next borrower gets the connection as the pool made it.
 * Reflective: the engine runs over whatever pgjdbc the application or the image brings and does
 * not require its module; a setting its version lacks is skipped.
 */
final class PgDriverSettings {

    /** The {@code PGConnection} properties restored, by their getter and setter name. */
    private static final List<String> PROPERTIES = List.of("PrepareThreshold", "DefaultFetchSize", "Autosave",
            "AdaptiveFetch");

    static final PgDriverSettings NONE = new PgDriverSettings(List.of());

    private record Setting(Method getter, Method setter, Object value) {
    }

    private final List<Setting> settings;

    private PgDriverSettings(List<Setting> settings) {
        this.settings = settings;
    }

    /** @return {@code raw}'s driver settings now; {@link #NONE} when it is not pgjdbc's */
    static PgDriverSettings capture(Connection raw) {
        Class<?> api = pgApi(raw);
        Object pg = unwrap(raw, api);
        if (pg == null) {
            return NONE;
        }
        List<Setting> found = new ArrayList<>(PROPERTIES.size());
        for (String p : PROPERTIES) {
            try {
                // Through the public interface: the implementing class's module may not open its methods.
                Method get = api.getMethod("get" + p);
                Method set = api.getMethod("set" + p, get.getReturnType());
                found.add(new Setting(get, set, get.invoke(pg)));
            } catch (ReflectiveOperationException | RuntimeException absent) {
                // an older pgjdbc without this setting: nothing to restore
            }
        }
        return new PgDriverSettings(List.copyOf(found));
    }

    /** Puts back every setting that changed since {@link #capture}. */
    void restore(Connection raw) {
        if (settings.isEmpty()) {
            return;
        }
        Object pg = unwrap(raw, settings.get(0).getter.getDeclaringClass());
        if (pg == null) {
            return;
        }
        for (Setting s : settings) {
            try {
                if (!s.value.equals(s.getter.invoke(pg))) {
                    s.setter.invoke(pg, s.value);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // leave it: the driver refused its own earlier value, nothing better to set
            }
        }
    }

    /** @return pgjdbc's {@code PGConnection} as {@code raw}'s driver sees it, or null for another driver */
    private static Class<?> pgApi(Connection raw) {
        try {
            return Class.forName("org.postgresql.PGConnection", false, raw.getClass().getClassLoader());
        } catch (ClassNotFoundException | RuntimeException e) {
            return null;
        }
    }

    private static Object unwrap(Connection raw, Class<?> api) {
        try {
            return api != null && raw.isWrapperFor(api) ? raw.unwrap(api) : null;
        } catch (java.sql.SQLException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return settings.isEmpty() ? "no driver settings" : "pgjdbc's " + String.join(", ",
                settings.stream().map(s -> s.setter.getName().substring(3) + "=" + s.value).toList());
    }
}
