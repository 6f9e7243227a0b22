package pool.engine.internal.dialect;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a connection's session had set beyond the server's defaults once it was set up,
 * as the one statement that sets it again after a session reset took it away. Taken per
 * connection, after the pool's init SQL and defaults: it holds what the driver set at
 * connect and what the pool set, whoever set it.
 */
final class SessionSnapshot {

    static final SessionSnapshot NONE = new SessionSnapshot(null, new Object[0], "nothing");

    /** The statement, or null when there is nothing to set. */
    private final String set;
    /** Its parameters: String, BigDecimal or null. */
    private final Object[] values;
    private final String what;

    private SessionSnapshot(String set, Object[] values, String what) {
        this.set = set;
        this.values = values;
        this.what = what;
    }

    /**
     * PostgreSQL: the settings the session made with SET (source {@code session} in
     * {@code pg_settings}). {@code DISCARD ALL} resets every setting to what the server, the
     * role, the database and the startup packet give; pgjdbc's SETs after its startup
     * packet ({@code application_name} unless it may assume a 9.0 server,
     * {@code extra_float_digits} before PostgreSQL 12) and the pool's (init SQL, isolation,
     * schema) are exactly these. Set again with {@code set_config}, as text.
     */
    static SessionSnapshot postgresSettings(Connection raw) throws SQLException {
        StringBuilder set = new StringBuilder("SELECT ");
        List<Object> values = new ArrayList<>();
        try (Statement s = raw.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT name, current_setting(name) FROM pg_settings WHERE source = 'session' ORDER BY name")) {
            while (rs.next()) {
                set.append(values.isEmpty() ? "" : ", ").append("set_config(?, ?, false)");
                values.add(rs.getString(1));
                values.add(rs.getString(2));
            }
        }
        return of(set, values, values.size() / 2 + " session settings");
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");

    /**
     * MariaDB: the session variables whose value differs from the global one. After
     * COM_RESET_CONNECTION every session variable has its global value, so these are what
     * the reset takes away of what the driver (the handshake's collation and IGNORE_SPACE,
     * STRICT_TRANS_TABLES, its session tracking of the isolation level, time zone, its
     * sessionVariables) and the pool set. From {@code information_schema.SYSTEM_VARIABLES}
     * (MariaDB 10.1 and later): variables with a session and a global value (the
     * session-only ones, {@code timestamp} or {@code insert_id}, hold per statement) that are
     * not read-only, in name order, so that {@code collation_connection} comes after
     * {@code character_set_connection}, which would reset it. Numbers are set as numbers,
     * the rest as strings; the driver escapes them for the session's own SQL mode.
     */
    static SessionSnapshot mariaDbVariables(Connection raw) throws SQLException {
        StringBuilder set = new StringBuilder("SET ");
        List<Object> values = new ArrayList<>();
        try (Statement s = raw.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT VARIABLE_NAME, SESSION_VALUE, VARIABLE_TYPE FROM information_schema.SYSTEM_VARIABLES"
                        + " WHERE VARIABLE_SCOPE = 'SESSION' AND READ_ONLY = 'NO'"
                        + " AND NOT (SESSION_VALUE <=> GLOBAL_VALUE) ORDER BY VARIABLE_NAME")) {
            while (rs.next()) {
                String name = rs.getString(1);
                String value = rs.getString(2);
                String type = rs.getString(3);
                if (name == null || !NAME.matcher(name).matches()) {
                    throw new SQLException("unexpected session variable name from the server: " + name, "HY000");
                }
                set.append(values.isEmpty() ? "" : ", ").append("SESSION ").append(name).append(" = ?");
                boolean number = type != null && (type.contains("INT") || type.equals("DOUBLE"));
                values.add(value != null && number ? new BigDecimal(value) : value);
            }
        } catch (NumberFormatException e) {
            throw new SQLException("a numeric session variable's value is no number: " + e.getMessage(), "HY000", e);
        }
        return of(set, values, values.size() + " session variables");
    }

    private static SessionSnapshot of(StringBuilder set, List<Object> values, String what) {
        return values.isEmpty() ? NONE : new SessionSnapshot(set.toString(), values.toArray(), what);
    }

    /** Sets it all again, in one statement. */
    void restore(Connection raw) throws SQLException {
        if (set == null) {
            return;
        }
        try (PreparedStatement ps = raw.prepareStatement(set)) {
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                if (v == null) {
                    ps.setNull(i + 1, Types.VARCHAR);
                } else if (v instanceof BigDecimal d) {
                    ps.setBigDecimal(i + 1, d);
                } else {
                    ps.setString(i + 1, (String) v);
                }
            }
            ps.execute();
        }
    }

    @Override
    public String toString() {
        return what;
    }
}
