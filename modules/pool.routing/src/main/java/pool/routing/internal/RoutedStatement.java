package pool.routing.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A statement of a {@link LogicalConnection}: the physical statement is made on the
 * connection each execution is routed to, the first time it runs there, with the settings
 * (fetch size, timeouts...) and parameters set so far replayed on it. A prepared statement
 * keeps its physical statements (at most one per physical connection) across executions, so
 * the driver's server-side preparation is kept too.
 *
 * <p>Execution of a read that fails because its replica went away runs again on the route
 * the logical connection then gives (another replica or the primary), with the same
 * parameters. Batches go to the primary.
 */
final class RoutedStatement implements InvocationHandler {

    private final LogicalConnection connection;
    /** The Connection method that made it and its arguments, to make it again on another physical connection. */
    private final Method factory;
    private final Object[] factoryArgs;
    /** The text of a prepared or callable statement, else null. */
    private final String sql;
    private final Statement proxy;
    private final Map<Physical, Statement> delegates = new IdentityHashMap<>(2);
    /** Statement settings by setter name, replayed on every new physical statement. */
    private final Map<String, Call> settings = new LinkedHashMap<>();
    /** Parameters by index (or name), replayed likewise; cleared by clearParameters. */
    private final Map<String, Call> parameters = new LinkedHashMap<>();
    private Statement last;
    private Physical batch;
    private boolean closed;

    private record Call(Method method, Object[] args) {
    }

    private RoutedStatement(LogicalConnection connection, Method factory, Object[] args, Class<?> type) {
        this.connection = connection;
        this.factory = factory;
        this.factoryArgs = args;
        this.sql = type == Statement.class ? null : (String) args[0];
        this.proxy = (Statement) Proxy.newProxyInstance(RoutedStatement.class.getClassLoader(), new Class<?>[] {type}, this);
    }

    static Statement create(LogicalConnection connection, Method factory, Object[] args) throws SQLException {
        Class<?> type = switch (factory.getName()) {
            case "prepareStatement" -> PreparedStatement.class;
            case "prepareCall" -> CallableStatement.class;
            default -> Statement.class;
        };
        RoutedStatement s = new RoutedStatement(connection, factory, args, type);
        if (type == CallableStatement.class) {
            // A call may write and change the session; its OUT parameters are read where it ran.
            s.delegateOn(connection.route(s.sql, true));
        }
        return s.proxy;
    }

    @Override
    public Object invoke(Object self, Method m, Object[] args) throws Throwable {
        String name = m.getName();
        if (name.startsWith("execute")) {
            return execute(m, args);
        }
        switch (name) {
            case "addBatch" -> {
                Statement d;
                synchronized (this) {
                    checkOpen();
                    // A batch writes whatever its text, but a session change in it (SET, a
                    // temporary table...) must keep the connection on the primary as a statement would.
                    String text = args != null && args.length == 1 && args[0] instanceof String t ? t : sql;
                    if (batch == null || batch.released) {
                        batch = connection.route(text, true);
                    } else if (text != null) {
                        connection.batched(text);
                    }
                    d = delegateOn(batch);
                }
                return LogicalConnection.invoke(m, d, args);
            }
            case "clearBatch" -> {
                Statement d;
                synchronized (this) {
                    d = batch == null || batch.released ? null : delegates.get(batch);
                    batch = null;
                }
                return d == null ? null : LogicalConnection.invoke(m, d, args);
            }
            case "close" -> {
                close();
                return null;
            }
            case "isClosed" -> {
                synchronized (this) {
                    return closed;
                }
            }
            case "getConnection" -> {
                checkOpen();
                return connection.proxy();
            }
            case "clearParameters" -> {
                synchronized (this) {
                    parameters.clear();
                    for (Statement d : delegates.values()) {
                        LogicalConnection.invoke(m, d, args);
                    }
                }
                return null;
            }
            case "getResultSet", "getGeneratedKeys" -> {
                Statement d = lastOrNull();
                return d == null ? null : wrap((ResultSet) LogicalConnection.invoke(m, d, args));
            }
            case "getUpdateCount", "getLargeUpdateCount" -> {
                Statement d = lastOrNull();
                return d == null ? (name.equals("getUpdateCount") ? (Object) (-1) : (Object) (-1L))
                        : LogicalConnection.invoke(m, d, args);
            }
            case "getMoreResults" -> {
                Statement d = lastOrNull();
                return d == null ? Boolean.FALSE : LogicalConnection.invoke(m, d, args);
            }
            case "cancel" -> {
                Statement d = lastOrNull();
                return d == null ? null : LogicalConnection.invoke(m, d, args);
            }
            case "unwrap" -> {
                if (((Class<?>) args[0]).isInstance(proxy)) {
                    return proxy;
                }
                return LogicalConnection.invoke(m, any(), args);
            }
            case "isWrapperFor" -> {
                return ((Class<?>) args[0]).isInstance(proxy) || (Boolean) LogicalConnection.invoke(m, any(), args);
            }
            case "toString" -> {
                return "RoutedStatement[" + (sql == null ? "" : sql) + "]";
            }
            case "hashCode" -> {
                return System.identityHashCode(self);
            }
            case "equals" -> {
                return self == args[0];
            }
            default -> {
                if (name.startsWith("set") || name.equals("registerOutParameter") || name.equals("closeOnCompletion")) {
                    record(m, args);
                    return null;
                }
                return LogicalConnection.invoke(m, any(), args); // getters, metadata, OUT values
            }
        }
    }

    /** Runs an execute* method where the logical connection routes it; again elsewhere if its replica went away. */
    private Object execute(Method m, Object[] args) throws Throwable {
        String text = args != null && args.length > 0 && args[0] instanceof String s ? s : sql;
        boolean writes = m.getName().contains("Update") || m.getName().contains("Batch");
        boolean wrote = writes || connection.writes(text);
        for (int attempt = 0; ; attempt++) {
            Physical p;
            Statement d;
            synchronized (this) {
                checkOpen();
                if (m.getName().contains("Batch") && batch != null && !batch.released) {
                    p = batch;
                    batch = null;
                } else {
                    p = connection.route(text, writes);
                }
                d = delegateOn(p);
                last = d;
            }
            try {
                Object result = LogicalConnection.invoke(m, d, args);
                if (p.replica != null) {
                    // Counted once it ran: an attempt that failed over counts where it ran in the end.
                    p.replica.servedRead();
                }
                return result instanceof ResultSet rs ? wrap(rs) : result;
            } catch (SQLException e) {
                // A batch is not run again: its statements were added to the physical statement
                // that failed, and a new one would run an empty batch.
                if (attempt < 3 && !m.getName().contains("Batch") && connection.failedOver(p, e)) {
                    synchronized (this) {
                        delegates.remove(p);
                    }
                    continue;
                }
                throw e;
            } finally {
                if (wrote) {
                    connection.wroteOn(p);
                }
            }
        }
    }

    /** @return the physical statement on {@code p}, made and set up the first time */
    private synchronized Statement delegateOn(Physical p) throws SQLException {
        delegates.entrySet().removeIf(e -> e.getKey().released);
        Statement d = delegates.get(p);
        if (d != null) {
            return d;
        }
        try {
            d = (Statement) LogicalConnection.invoke(factory, p.connection, factoryArgs);
            for (Call c : settings.values()) {
                LogicalConnection.invoke(c.method, d, c.args);
            }
            for (Call c : parameters.values()) {
                LogicalConnection.invoke(c.method, d, c.args);
            }
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new SQLException(t);
        }
        delegates.put(p, d);
        connection.statementOpened(p);
        return d;
    }

    private synchronized void record(Method m, Object[] args) throws Throwable {
        checkOpen();
        boolean parameter = m.getDeclaringClass() != Statement.class;
        if (parameter) {
            String key = m.getName().equals("registerOutParameter") ? "out:" + args[0] : "in:" + args[0];
            parameters.remove(key);
            parameters.put(key, new Call(m, args));
        } else {
            settings.remove(m.getName());
            settings.put(m.getName(), new Call(m, args));
        }
        delegates.entrySet().removeIf(e -> e.getKey().released);
        for (Statement d : delegates.values()) {
            LogicalConnection.invoke(m, d, args);
        }
    }

    private synchronized Statement lastOrNull() {
        return last;
    }

    /** Some physical statement to answer a question: the last executed, else one made where a read would go. */
    private Statement any() throws SQLException {
        synchronized (this) {
            checkOpen();
            if (last != null) {
                return last;
            }
        }
        return delegateOn(connection.answering());
    }

    private ResultSet wrap(ResultSet rs) {
        return rs == null ? null : RoutedResultSet.wrap(rs, proxy, this::resultSetClosed);
    }

    /**
     * One of its result sets was closed. With {@code closeOnCompletion()} the driver has closed
     * the physical statement then: this statement closes too, so that its connection is no
     * longer counted as in use by it (a replica connection reads have left goes back to its
     * pool now, not at the borrow's end) and {@code isClosed()} says what JDBC says.
     */
    private void resultSetClosed() {
        Statement d;
        synchronized (this) {
            if (closed || !settings.containsKey("closeOnCompletion")) {
                return;
            }
            d = last;
        }
        try {
            if (d != null && d.isClosed()) {
                close();
            }
        } catch (SQLException e) {
            // the physical statement is closed already: nothing of it is left to lose
        }
    }

    private synchronized void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("statement is closed", "HY010");
        }
    }

    private void close() throws SQLException {
        Map<Physical, Statement> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new IdentityHashMap<>(delegates);
            delegates.clear();
            last = null;
        }
        SQLException failed = null;
        for (Map.Entry<Physical, Statement> d : toClose.entrySet()) {
            try {
                d.getValue().close();
            } catch (SQLException e) {
                failed = e;
            } finally {
                connection.statementClosed(d.getKey());
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
