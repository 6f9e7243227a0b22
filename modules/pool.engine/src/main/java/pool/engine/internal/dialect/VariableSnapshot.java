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
 * The MariaDB session variables of one connection that differ from their global values,
 * and the one statement that sets them again: after COM_RESET_CONNECTION every session
 * variable has its global value, so these are exactly what the reset takes away from a
 * connection as the driver and the pool set it up.
 *
 * <p>Read from {@code information_schema.SYSTEM_VARIABLES} (MariaDB 10.1 and later):
 * variables with a session and a global value ({@code VARIABLE_SCOPE = 'SESSION'}; the
 * session-only ones such as {@code timestamp} or {@code insert_id} are per statement or
 * reset anyway) that are not read-only. Numbers are set as numbers, the rest as strings,
 * through a prepared statement, so the driver escapes them for the session's own mode.
 */
final class VariableSnapshot {

    static final VariableSnapshot NONE = new VariableSnapshot(null, List.of());

    private static final String QUERY = "SELECT VARIABLE_NAME, SESSION_VALUE, VARIABLE_TYPE"
            + " FROM information_schema.SYSTEM_VARIABLES"
            + " WHERE VARIABLE_SCOPE = 'SESSION' AND READ_ONLY = 'NO' AND NOT (SESSION_VALUE <=> GLOBAL_VALUE)"
            // The server sets variables left to right: character_set_connection before
            // collation_connection, so the collation ends as it was.
            + " ORDER BY VARIABLE_NAME";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");

    /** {@code SET SESSION a = ?, SESSION b = ?, ...}, or null when nothing differs. */
    private final String set;
    private final List<Object> values;

    private VariableSnapshot(String set, List<Object> values) {
        this.set = set;
        this.values = values;
    }

    static VariableSnapshot take(Connection raw) throws SQLException {
        StringBuilder set = new StringBuilder("SET");
        List<Object> values = new ArrayList<>();
        try (Statement s = raw.createStatement(); ResultSet rs = s.executeQuery(QUERY)) {
            while (rs.next()) {
                String name = rs.getString(1);
                String value = rs.getString(2);
                String type = rs.getString(3);
                if (name == null || !NAME.matcher(name).matches()) {
                    throw new SQLException("unexpected session variable name from the server: " + name, "HY000");
                }
                set.append(values.isEmpty() ? " " : ", ").append("SESSION ").append(name).append(" = ?");
                values.add(value == null ? null : numeric(type) ? new BigDecimal(value) : value);
            }
        } catch (NumberFormatException e) {
            throw new SQLException("a numeric session variable has a value that is no number: " + e.getMessage(),
                    "HY000", e);
        }
        return values.isEmpty() ? NONE : new VariableSnapshot(set.toString(), List.copyOf(values(values)));
    }

    /** List.copyOf refuses nulls: a null value is kept as this marker. */
    private static final Object NULL = new Object();

    private static List<Object> values(List<Object> values) {
        List<Object> out = new ArrayList<>(values.size());
        for (Object v : values) {
            out.add(v == null ? NULL : v);
        }
        return out;
    }

    private static boolean numeric(String type) {
        return type != null && (type.contains("INT") || type.equals("DOUBLE"));
    }

    void restore(Connection raw) throws SQLException {
        if (set == null) {
            return;
        }
        try (PreparedStatement ps = raw.prepareStatement(set)) {
            for (int i = 0; i < values.size(); i++) {
                Object v = values.get(i);
                if (v == NULL) {
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
        return set == null ? "no session variables" : values.size() + " session variables";
    }
}
