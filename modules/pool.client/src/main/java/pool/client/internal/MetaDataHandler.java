package pool.client.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.util.Map;
import pool.protocol.Op;
import pool.protocol.Result;

/**
 * {@code DatabaseMetaData} of a remote connection. The argument-less properties
 * (product name and version, driver, limits, supports...) come in one call, once per
 * data source, and are answered locally afterwards; methods with arguments (tables,
 * columns, keys, supportsConvert...) are one call each. A dynamic proxy, because the
 * interface has some 180 methods and all of them follow one of these two rules.
 * {@code getURL} and {@code getUserName} are answered here, with the poold URL and the
 * client user: the daemon does not send the backend's. Everything else, the driver's name and
 * version included, is the backend driver's answer, so that frameworks that detect the database
 * and driver by them (Hibernate's dialect and driver kind) see what they would see directly;
 * capabilities poold's remote JDBC lacks whatever the backend has answer false here
 * (docs/jdbc-methods.md lists them).
 */
final class MetaDataHandler implements InvocationHandler {

    private final RemoteConnection connection;

    private MetaDataHandler(RemoteConnection connection) {
        this.connection = connection;
    }

    static DatabaseMetaData proxy(RemoteConnection connection) {
        return (DatabaseMetaData) Proxy.newProxyInstance(DatabaseMetaData.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, new MetaDataHandler(connection));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        int arity = args == null ? 0 : args.length;
        switch (name) {
            case "getConnection": return connection;
            case "unwrap": return Wrappers.unwrap(proxy, (Class<?>) args[0]);
            case "isWrapperFor": return ((Class<?>) args[0]).isInstance(proxy);
            case "toString": return "DatabaseMetaData[" + connection + "]";
            case "hashCode": return System.identityHashCode(proxy);
            case "equals": return proxy == args[0];
            // The daemon keeps the backend's URL and database user to itself: these are the client's own.
            case "getURL": return connection.url();
            case "getUserName": return connection.user();
            // What the client's result sets are, whatever the backend's driver offers (see RemoteConnection)
            case "supportsResultSetType": return resultSetType((Integer) args[0]);
            case "supportsResultSetConcurrency":
                return resultSetType((Integer) args[0]) && (Integer) args[1] == ResultSet.CONCUR_READ_ONLY;
            case "ownUpdatesAreVisible": case "ownDeletesAreVisible": case "ownInsertsAreVisible":
            case "othersUpdatesAreVisible": case "othersDeletesAreVisible": case "othersInsertsAreVisible":
            case "updatesAreDetected": case "deletesAreDetected": case "insertsAreDetected":
                return false; // read-only results that never see changes made after they were read
            case "supportsNamedParameters": // CallableStatement parameters by name are refused
            case "supportsRefCursors": return false; // REF_CURSOR OUT parameters are not carried
            default: break;
        }
        if (arity == 0) {
            Map<String, Object> info = connection.metaInfo();
            if (info.containsKey(name)) {
                Object v = info.get(name);
                // getRowIdLifetime travels as its constant's name
                return method.getReturnType() == RowIdLifetime.class ? RowIdLifetime.valueOf((String) v) : v;
            }
            if (method.getReturnType() != ResultSet.class) {
                throw Unsupported.method("DatabaseMetaData." + name + "()");
            }
        }
        Result r = connection.exchange(new Op.MetaCall(name, args == null ? new Object[0] : args.clone()));
        if (r instanceof Result.Executed e) {
            RemoteStatement holder = new RemoteStatement(connection);
            return new RemoteResultSet(holder, e.rows(), e.cursor(), 0);
        }
        return ((Result.Value) r).value();
    }

    private static boolean resultSetType(int type) {
        return type == ResultSet.TYPE_FORWARD_ONLY || type == ResultSet.TYPE_SCROLL_INSENSITIVE;
    }
}
