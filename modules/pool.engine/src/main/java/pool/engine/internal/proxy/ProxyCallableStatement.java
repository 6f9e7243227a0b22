package pool.engine.internal.proxy;

import java.sql.CallableStatement;

/** A callable statement handed to the application; see {@link ProxyStatement}. */
public final class ProxyCallableStatement extends DelegatingCallableStatement {

    ProxyCallableStatement(ProxyConnection connection, CallableStatement delegate) {
        super(connection, delegate);
    }
}
