package pool.routing.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;

/**
 * Database metadata whose {@code getConnection()} answers the logical connection, not the
 * physical one under it: a caller that closed that one gave it back to its server's pool while
 * the borrow still held it, and statements made on it were not routed.
 */
final class RoutedMetaData implements InvocationHandler {

    private final DatabaseMetaData delegate;
    private final Connection connection;

    private RoutedMetaData(DatabaseMetaData delegate, Connection connection) {
        this.delegate = delegate;
        this.connection = connection;
    }

    static DatabaseMetaData wrap(DatabaseMetaData md, Connection connection) {
        return md == null ? null : (DatabaseMetaData) Proxy.newProxyInstance(RoutedMetaData.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, new RoutedMetaData(md, connection));
    }

    @Override
    public Object invoke(Object self, Method m, Object[] args) throws Throwable {
        return switch (m.getName()) {
            case "getConnection" -> connection;
            case "hashCode" -> System.identityHashCode(self);
            case "equals" -> self == args[0];
            case "unwrap" -> ((Class<?>) args[0]).isInstance(self) ? self : LogicalConnection.invoke(m, delegate, args);
            case "isWrapperFor" -> ((Class<?>) args[0]).isInstance(self) || (Boolean) LogicalConnection.invoke(m, delegate, args);
            default -> LogicalConnection.invoke(m, delegate, args);
        };
    }
}
