package pool.engine.internal.proxy;

import java.sql.PreparedStatement;

/** A prepared statement handed to the application; see {@link ProxyStatement}. */
public class ProxyPreparedStatement extends DelegatingPreparedStatement {

    ProxyPreparedStatement(ProxyConnection connection, PreparedStatement delegate) {
        super(connection, delegate);
    }
}
