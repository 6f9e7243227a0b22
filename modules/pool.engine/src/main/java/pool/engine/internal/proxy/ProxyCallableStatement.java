package pool.engine.internal.proxy;

import java.sql.CallableStatement;

/** A callable statement handed to the application; see {@link ProxyStatement}. */
public final class ProxyCallableStatement extends DelegatingCallableStatement {

    /** @param effects the {@link pool.engine.internal.sql.SessionEffects} of its SQL, counted at every execution */
    ProxyCallableStatement(ProxyConnection connection, CallableStatement delegate, int effects) {
        super(connection, delegate, effects);
    }
}
