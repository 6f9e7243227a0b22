package pool.engine.internal.dialect;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * MariaDB through its own driver (MariaDB Connector/J). The session reset is the
 * protocol's COM_RESET_CONNECTION, which the driver sends from its
 * {@code org.mariadb.jdbc.Connection#reset()} when its {@code useResetConnection} option is
 * on and the server is MariaDB 10.2.22, 10.3.13 or later. The server then rolls back,
 * drops temporary tables, user variables and prepared statements, releases
 * {@code GET_LOCK} locks and table locks, and sets every session variable to its global
 * value; the driver forgets its prepared-statement cache and sets back what JDBC setters
 * changed (to its own defaults, which the pool corrects after).
 *
 * <p>What the driver does not bring back are the session variables it set itself at
 * connect (character set of the handshake, {@code sql_mode} with
 * {@code STRICT_TRANS_TABLES}, session tracking of the isolation level, time zone, its
 * {@code sessionVariables}) and those the pool's init SQL set: each connection's
 * {@link SessionSnapshot} records them once it is set up and sets them again after
 * every reset.
 *
 * <p>The pool turns {@code useResetConnection} on (an explicit driver property wins), and
 * checks on its first connection that a reset does reset (a user variable set before is
 * gone after): when it does not (the option turned off, a MySQL server, an old MariaDB,
 * or a server whose default character set is not UTF-8, whose reset session the driver
 * refuses), the pool says so once in its log and closes connections whose session may
 * have changed instead. The driver is called without a compile-time dependency on it.
 */
final class MariaDbDialect implements Dialect {

    private static final Logger LOG = System.getLogger("poold.engine");

    /** Whether a reset through the driver was seen to reset; null until the first connection shows it. */
    private volatile Boolean resets;

    @Override
    public void driverProperties(Properties p, Duration connectTimeout, Duration socketTimeout) {
        putMillis(p, "connectTimeout", connectTimeout);
        putMillis(p, "socketTimeout", socketTimeout);
        p.setProperty("useResetConnection", "true");
    }

    private static void putMillis(Properties p, String key, Duration d) {
        if (!d.isZero()) {
            p.setProperty(key, Long.toString(Math.max(1, d.toMillis())));
        }
    }

    @Override
    public SessionReset sessionReset(Connection raw) throws SQLException {
        MethodHandle reset = resetMethod(raw);
        if (reset == null || Boolean.FALSE.equals(resets)) {
            return null;
        }
        if (resets == null) {
            String why;
            try {
                why = probe(raw, reset) ? null : "it left a user variable in place (the driver's useResetConnection"
                        + " option is off, or the server is not MariaDB 10.3.13 or later)";
            } catch (SQLException e) {
                if (Dialect.readTimedOut(e)) {
                    // The database stalled during the probe (the setup reads with connectTimeout):
                    // that says nothing of the reset. This connection goes; the next is probed.
                    throw e;
                }
                // The driver refuses some reset sessions: one whose server's default character
                // set is not UTF-8 makes it close the connection. This connection's session is
                // in no known state: it goes, and the pool's next ones are not probed again.
                resets = false;
                warn("it failed: " + e.getMessage());
                throw e;
            }
            resets = why == null;
            if (why != null) {
                warn(why);
                return null;
            }
        }
        return new DriverReset(reset);
    }

    private static void warn(String why) {
        LOG.log(Level.WARNING, "the MariaDB driver's connection reset cannot be used to reset sessions, " + why
                + ": a connection whose session a borrower may have changed is closed on return instead");
    }

    /** @return the driver's {@code reset()}, or null when the connection has none (another driver) */
    private static MethodHandle resetMethod(Connection raw) {
        try {
            // Public method of a public class in a package the driver's module exports.
            return MethodHandles.publicLookup().findVirtual(raw.getClass(), "reset", MethodType.methodType(void.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    /**
     * Resets the new connection once and checks that a user variable set before is gone:
     * the driver resets only when its option and the server allow. Then sets back what
     * the reset discarded of the connection as the driver made it.
     */
    private static boolean probe(Connection raw, MethodHandle reset) throws SQLException {
        SessionSnapshot asOpened = SessionSnapshot.mariaDbVariables(raw);
        try (Statement s = raw.createStatement()) {
            s.execute("SET @poold_reset_probe = 1");
            invoke(reset, raw);
            boolean gone;
            try (ResultSet rs = s.executeQuery("SELECT @poold_reset_probe IS NULL")) {
                gone = rs.next() && rs.getBoolean(1);
            }
            if (!gone) {
                s.execute("SET @poold_reset_probe = NULL");
            }
            asOpened.restore(raw);
            return gone;
        }
    }

    static void invoke(MethodHandle reset, Connection raw) throws SQLException {
        try {
            reset.invoke(raw);
        } catch (SQLException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new SQLException("MariaDB connection reset failed: " + t, "08000", t);
        }
    }

    @Override
    public boolean endTransaction(Connection raw) throws SQLException {
        // The driver rolls back whenever the server's status says a transaction is open,
        // in autocommit too, and sends nothing when none is.
        raw.rollback();
        return true;
    }

    /** COM_RESET_CONNECTION through the driver, then this connection's own session variables again. */
    private static final class DriverReset implements SessionReset {
        private final MethodHandle reset;
        private SessionSnapshot variables = SessionSnapshot.NONE;

        DriverReset(MethodHandle reset) {
            this.reset = reset;
        }

        @Override
        public void capture(Connection raw) throws SQLException {
            variables = SessionSnapshot.mariaDbVariables(raw);
        }

        @Override
        public void reset(Connection raw) throws SQLException {
            invoke(reset, raw);
            variables.restore(raw);
        }

        @Override
        public String toString() {
            return "COM_RESET_CONNECTION, then " + variables;
        }
    }
}
