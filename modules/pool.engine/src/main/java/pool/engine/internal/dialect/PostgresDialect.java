package pool.engine.internal.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * PostgreSQL through pgjdbc. The session reset is {@code DISCARD ALL}: it closes cursors,
 * resets the role and session authorization, every setting ({@code RESET ALL}: back to
 * what the server's configuration, the role, the database and the connection's startup
 * packet set), deallocates prepared statements, unlistens, releases
 * session advisory locks, and drops temporary tables and plans. pgjdbc notices the
 * command ({@code DISCARD ALL} in the command status) and re-prepares its own
 * server-side statements on their next use (its {@code flushCacheOnDeallocate}, on by
 * default). What the session had set with SET when the connection was set up, by the
 * driver after its startup packet and by the pool, is set again ({@link SessionSnapshot}).
 */
final class PostgresDialect implements Dialect {

    /**
     * DISCARD ALL, then the settings this connection's session had made with SET when it was set
     * up, and pgjdbc's own settings as they were then (an unwrapped connection may have changed them).
     */
    private static final class DiscardAll implements SessionReset {
        private SessionSnapshot settings = SessionSnapshot.NONE;
        private PgDriverSettings driver = PgDriverSettings.NONE;

        @Override
        public void capture(Connection raw) throws SQLException {
            settings = SessionSnapshot.postgresSettings(raw);
            driver = PgDriverSettings.capture(raw);
        }

        @Override
        public void reset(Connection raw) throws SQLException {
            // DISCARD ALL refuses to run in a transaction block: end any SQL began, and run it
            // in autocommit. pgjdbc switches autocommit locally when no transaction is open.
            endTransactionOf(raw);
            boolean autoCommit = raw.getAutoCommit();
            if (!autoCommit) {
                raw.setAutoCommit(true);
            }
            try (Statement s = raw.createStatement()) {
                s.execute("DISCARD ALL");
            }
            settings.restore(raw);
            driver.restore(raw);
            if (!autoCommit) {
                raw.setAutoCommit(false);
            }
        }

        @Override
        public String toString() {
            return "DISCARD ALL, then " + settings + ", " + driver;
        }
    }

    @Override
    public void driverProperties(Properties p, Duration connectTimeout, Duration socketTimeout) {
        putSeconds(p, "connectTimeout", connectTimeout);
        // pgjdbc's connectTimeout bounds the TCP connect only: the startup handshake (TLS,
        // authentication) reads with socketTimeout, none by default, so a backend that
        // accepts and never answers would hold a creator thread for good. The connect reads
        // with connectTimeout; socketTimeoutAfterConnect puts the configured one back.
        putSeconds(p, "socketTimeout", connectTimeout.isZero() ? socketTimeout : connectTimeout);
    }

    @Override
    public int socketTimeoutAfterConnect(Duration connectTimeout, Duration socketTimeout,
                                         java.util.Set<String> explicit) {
        if (connectTimeout.isZero() || explicit.contains("socketTimeout")) {
            return -1;
        }
        // pgjdbc's own unit is whole seconds: round up as putSeconds does.
        return socketTimeout.isZero() ? 0 : (int) Math.min(Integer.MAX_VALUE,
                Math.max(1, (socketTimeout.toMillis() + 999) / 1000) * 1000);
    }

    /** pgjdbc takes timeouts in whole seconds: round up, so that a short timeout is not 0 (none). */
    private static void putSeconds(Properties p, String key, Duration d) {
        if (!d.isZero()) {
            p.setProperty(key, Long.toString(Math.max(1, (d.toMillis() + 999) / 1000)));
        }
    }

    @Override
    public SessionReset sessionReset(Connection raw) {
        return new DiscardAll();
    }

    @Override
    public boolean endTransaction(Connection raw) throws SQLException {
        endTransactionOf(raw);
        return true;
    }

    /**
     * pgjdbc refuses {@code rollback()} in autocommit, though SQL may have begun a
     * transaction there; with autocommit switched off for the call it rolls back what is
     * open. It knows whether a transaction is open from the server's last ReadyForQuery, so
     * when none is, none of the three calls reaches the server.
     */
    static void endTransactionOf(Connection raw) throws SQLException {
        if (raw.getAutoCommit()) {
            raw.setAutoCommit(false);
            raw.rollback();
            raw.setAutoCommit(true);
        } else {
            raw.rollback();
        }
    }
}
