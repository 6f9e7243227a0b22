package pool.engine.internal.dialect;

import java.sql.Connection;
import java.time.Duration;
import java.util.Properties;

/**
 * Databases without a session reset the pool trusts (H2, and any the engine does not
 * know): a connection whose session may have changed is closed on return and replaced.
 * H2 has no statement that discards a session's variables, schema and settings, so
 * closing is the safe reset; a new H2 connection in the same JVM is cheap.
 */
final class RetiringDialect implements Dialect {

    @Override
    public void driverProperties(Properties p, Duration connectTimeout, Duration socketTimeout) {
        // Unknown drivers name their timeouts differently: the pool's explicit properties only.
    }

    @Override
    public SessionReset sessionReset(Connection raw) {
        return null;
    }

    @Override
    public boolean endTransaction(Connection raw) {
        return false;
    }
}
