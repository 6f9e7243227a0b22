package pool.engine.internal.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL settings one connection's session set with SET (source {@code session}
 * in {@code pg_settings}), and the one statement that sets them again. {@code DISCARD ALL}
 * resets every setting to what the server, the role, the database and the startup packet
 * give; settings the driver made with SET after connecting (pgjdbc's
 * {@code application_name} unless it may assume a 9.0 server, {@code extra_float_digits}
 * before PostgreSQL 12) and those the pool made (init SQL, isolation, schema) are exactly
 * the session-sourced ones taken here once the connection is set up.
 */
final class SettingSnapshot {

    static final SettingSnapshot NONE = new SettingSnapshot(null, List.of());

    private static final String QUERY = "SELECT name, current_setting(name) FROM pg_settings"
            + " WHERE source = 'session' ORDER BY name";

    /** {@code SELECT set_config(?, ?, false), ...}, or null when nothing was set. */
    private final String set;
    /** Names and values, alternating. */
    private final List<String> parameters;

    private SettingSnapshot(String set, List<String> parameters) {
        this.set = set;
        this.parameters = parameters;
    }

    static SettingSnapshot take(Connection raw) throws SQLException {
        StringBuilder set = new StringBuilder("SELECT ");
        List<String> parameters = new ArrayList<>();
        try (Statement s = raw.createStatement(); ResultSet rs = s.executeQuery(QUERY)) {
            while (rs.next()) {
                set.append(parameters.isEmpty() ? "" : ", ").append("set_config(?, ?, false)");
                parameters.add(rs.getString(1));
                parameters.add(rs.getString(2));
            }
        }
        return parameters.isEmpty() ? NONE : new SettingSnapshot(set.toString(), List.copyOf(parameters));
    }

    void restore(Connection raw) throws SQLException {
        if (set == null) {
            return;
        }
        try (PreparedStatement ps = raw.prepareStatement(set)) {
            for (int i = 0; i < parameters.size(); i++) {
                ps.setString(i + 1, parameters.get(i));
            }
            ps.execute();
        }
    }

    @Override
    public String toString() {
        return set == null ? "no session settings" : parameters.size() / 2 + " session settings";
    }
}
