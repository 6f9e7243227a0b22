package pool.remote.internal;

import java.sql.SQLException;
import java.util.Properties;

/** Client info properties as they travel: a {@code String[]} of names and values, alternating. */
final class ClientInfo {

    private ClientInfo() {
    }

    static String[] pairs(Properties p) {
        if (p == null) {
            return new String[0];
        }
        String[] out = new String[p.size() * 2];
        int i = 0;
        for (String name : p.stringPropertyNames()) {
            out[i++] = name;
            out[i++] = p.getProperty(name);
        }
        return i == out.length ? out : java.util.Arrays.copyOf(out, i);
    }

    static Properties properties(String[] pairs) throws SQLException {
        if (pairs.length % 2 != 0) {
            throw new SQLException("client info pairs of odd length " + pairs.length, "22023");
        }
        Properties p = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i] != null && pairs[i + 1] != null) {
                p.setProperty(pairs[i], pairs[i + 1]);
            }
        }
        return p;
    }
}
