package pool.remote.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import pool.protocol.Column;
import pool.protocol.Op;
import pool.protocol.Result;
import pool.protocol.Rows;

/**
 * Answers {@code DatabaseMetaData} questions. Only methods of that interface whose
 * arguments and result are plain values or a result set can be called, so a client
 * cannot reach anything but read-only metadata through it.
 *
 * <p>{@link #BACKEND_IDENTITY} never leaves the daemon: the backend's URL (its address,
 * and whatever secret it carries) and its database user are the pool's, not the
 * client's business. The client answers those two itself, with its own poold URL and
 * client user; a client that asks anyway is refused.
 */
final class MetaRunner {

    private static final Set<Class<?>> SCALARS = Set.of(String.class, int.class, long.class, boolean.class);
    /** Argument-less answers that travel as their enum constant's name: the wire has no enums. */
    private static final Set<Class<?>> NAMED = Set.of(RowIdLifetime.class);
    private static final Set<Class<?>> ARGUMENTS = Set.of(String.class, int.class, boolean.class, String[].class,
            int[].class);

    /** What would tell a client the backend's address, credentials or database user. */
    static final Set<String> BACKEND_IDENTITY = Set.of("getURL", "getUserName");

    /** Argument-less scalar methods, fetched together by {@link Op.MetaInfo}. */
    private static final List<Method> PROPERTIES = Arrays.stream(DatabaseMetaData.class.getMethods())
            .filter(m -> m.getParameterCount() == 0
                    && (SCALARS.contains(m.getReturnType()) || NAMED.contains(m.getReturnType()))
                    && !Modifier.isStatic(m.getModifiers()) && !BACKEND_IDENTITY.contains(m.getName()))
            .sorted(Comparator.comparing(Method::getName))
            .toList();

    private MetaRunner() {
    }

    static Result.Meta info(Session session) throws SQLException {
        DatabaseMetaData md = session.connection.getMetaData();
        List<String> names = new ArrayList<>(PROPERTIES.size());
        List<Object> values = new ArrayList<>(PROPERTIES.size());
        for (Method m : PROPERTIES) {
            try {
                Object v = m.invoke(md);
                names.add(m.getName());
                values.add(v instanceof Enum<?> e ? e.name() : v);
            } catch (InvocationTargetException e) {
                // A driver that does not know one property: the client reports it unsupported.
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return new Result.Meta(names, values.toArray());
    }

    static Result call(Session session, Op.MetaCall op) throws SQLException {
        Method method = find(op.method(), op.args());
        DatabaseMetaData md = session.connection.getMetaData();
        Object value;
        try {
            value = method.invoke(md, op.args());
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof SQLException s) {
                throw s;
            }
            throw new SQLException("DatabaseMetaData." + op.method() + " failed: " + e.getCause(), "HY000", e.getCause());
        } catch (IllegalAccessException | IllegalArgumentException e) {
            throw new SQLException("DatabaseMetaData." + op.method() + ": arguments do not fit: " + e.getMessage(),
                    "HY000");
        }
        if (value instanceof ResultSet rs) {
            try (rs) {
                // Metadata results are small (tables, columns of a schema); read them whole.
                List<Column> columns = RowReader.columns(rs.getMetaData());
                Rows rows = RowReader.read(rs, columns, Integer.MAX_VALUE, true);
                return new Result.Executed(-1, rows, 0, null, null, null);
            }
        }
        return new Result.Value(value);
    }

    private static Method find(String name, Object[] args) throws SQLException {
        if (BACKEND_IDENTITY.contains(name)) {
            throw new SQLFeatureNotSupportedException("DatabaseMetaData." + name + " is answered by the client:"
                    + " poold does not tell clients the backend's URL or database user", "0A000");
        }
        for (Method m : DatabaseMetaData.class.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length
                    && (SCALARS.contains(m.getReturnType()) || m.getReturnType() == ResultSet.class)
                    && Arrays.stream(m.getParameterTypes()).allMatch(ARGUMENTS::contains)
                    && fits(m.getParameterTypes(), args)) {
                return m;
            }
        }
        throw new SQLFeatureNotSupportedException("DatabaseMetaData." + name + " with " + args.length
                + " arguments is not available remotely", "0A000");
    }

    private static boolean fits(Class<?>[] types, Object[] args) {
        for (int i = 0; i < types.length; i++) {
            Object a = args[i];
            Class<?> t = types[i];
            boolean ok = a == null ? !t.isPrimitive()
                    : t == int.class ? a instanceof Integer : t == boolean.class ? a instanceof Boolean : t.isInstance(a);
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
