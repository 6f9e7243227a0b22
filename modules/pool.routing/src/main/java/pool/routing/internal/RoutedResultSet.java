package pool.routing.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A result set whose {@code getStatement()} answers the routed statement, not the physical one,
 * and whose close tells the routed statement (which closes too when {@code closeOnCompletion()}
 * closed the physical statement under it).
 */
final class RoutedResultSet implements InvocationHandler {

    private final ResultSet delegate;
    private final Statement statement;
    private final Runnable onClose;

    private RoutedResultSet(ResultSet delegate, Statement statement, Runnable onClose) {
        this.delegate = delegate;
        this.statement = statement;
        this.onClose = onClose;
    }

    static ResultSet wrap(ResultSet rs, Statement statement, Runnable onClose) {
        return (ResultSet) Proxy.newProxyInstance(RoutedResultSet.class.getClassLoader(),
                new Class<?>[] {ResultSet.class}, new RoutedResultSet(rs, statement, onClose));
    }

    @Override
    public Object invoke(Object self, Method m, Object[] args) throws Throwable {
        return switch (m.getName()) {
            case "getStatement" -> statement;
            case "close" -> {
                try {
                    yield LogicalConnection.invoke(m, delegate, args);
                } finally {
                    onClose.run();
                }
            }
            case "hashCode" -> System.identityHashCode(self);
            case "equals" -> self == args[0];
            case "unwrap" -> ((Class<?>) args[0]).isInstance(self) ? self : LogicalConnection.invoke(m, delegate, args);
            default -> LogicalConnection.invoke(m, delegate, args);
        };
    }
}
