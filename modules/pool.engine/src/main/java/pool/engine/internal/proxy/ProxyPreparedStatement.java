package pool.engine.internal.proxy;

import java.sql.PreparedStatement;

/** A prepared statement handed to the application; see {@link ProxyStatement}. */
public class ProxyPreparedStatement extends DelegatingPreparedStatement {

    /** @param effects the {@link pool.engine.internal.sql.SessionEffects} of its SQL, counted at every execution */
    ProxyPreparedStatement(ProxyConnection connection, PreparedStatement delegate, int effects) {
        super(connection, delegate, effects);
    }
}
