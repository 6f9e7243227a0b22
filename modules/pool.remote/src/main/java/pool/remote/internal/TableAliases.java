package pool.remote.internal;

import java.lang.reflect.Method;
import java.sql.ResultSetMetaData;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The alias a query gives a column's table, where the driver keeps it apart from the table's
 * name and finds columns by it. MariaDB Connector/J 3 answers {@code getTableName} with the
 * table's own name but knows a column as {@code "alias.label"} in {@code findColumn}; no JDBC
 * method answers the alias, so it is read from the driver's column definition (its
 * {@code ResultSetMetaData}'s {@code getColumn(int)}, a {@code Column} with
 * {@code getTableAlias()}), found once per metadata class by that shape. Another driver, or
 * a Connector/J that changed shape, answers null: lookups by alias then fail as unknown labels.
 */
final class TableAliases {

    /** What reads an alias, per metadata class; {@link #NONE} where none can. */
    private static final ConcurrentHashMap<Class<?>, Method[]> READERS = new ConcurrentHashMap<>();
    private static final Method[] NONE = new Method[0];

    private TableAliases() {
    }

    /** @return the alias of column {@code column}'s table, or null */
    static String of(ResultSetMetaData md, int column) {
        Method[] reader = READERS.computeIfAbsent(md.getClass(), TableAliases::reader);
        if (reader == NONE) {
            return null;
        }
        try {
            Object definition = reader[0].invoke(md, column);
            return definition == null ? null : (String) reader[1].invoke(definition);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // the alias is a convenience of label lookups: without it they fail as unknown labels
        }
    }

    private static Method[] reader(Class<?> metadata) {
        if (!metadata.getName().startsWith("org.mariadb.jdbc.")) {
            return NONE;
        }
        try {
            Method getColumn = metadata.getDeclaredMethod("getColumn", int.class);
            Class<?> definition = Class.forName("org.mariadb.jdbc.client.Column", false, metadata.getClassLoader());
            Method alias = definition.getMethod("getTableAlias");
            if (!definition.isAssignableFrom(getColumn.getReturnType()) || alias.getReturnType() != String.class) {
                return NONE;
            }
            getColumn.setAccessible(true); // private; the driver's module (automatic) opens its packages
            return new Method[] {getColumn, alias};
        } catch (ReflectiveOperationException | RuntimeException e) {
            return NONE;
        }
    }
}
