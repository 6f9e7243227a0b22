package pool.daemon;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import pool.daemon.config.DaemonConfig;
import pool.daemon.config.JmxUser;
import pool.jmx.JmxAccount;
import pool.jmx.JmxUsers;
import pool.remote.Users;

/**
 * The {@code <jmx>} users of the configuration in force, read anew at every login and
 * request, so a reload applies to open JMX sessions at their next request. The users of
 * {@code <clients>} are not among them: pool access gives no JMX access.
 */
final class ConfiguredJmxUsers implements JmxUsers {

    private final Supplier<DaemonConfig> config;

    /** @param config the configuration in force; null before the daemon has started */
    ConfiguredJmxUsers(Supplier<DaemonConfig> config) {
        this.config = config;
    }

    @Override
    public JmxAccount authenticate(String user, char[] password) {
        DaemonConfig cfg = config.get();
        if (cfg == null) {
            return null;
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        cfg.jmxUsers().forEach(u -> hashes.put(u.name(), u.hash()));
        // Users checks an unknown user against a decoy hash: no timing tells which names exist.
        return Users.ofEncoded(hashes).authenticate(user, password) ? account(cfg, user) : null;
    }

    @Override
    public JmxAccount find(String user) {
        DaemonConfig cfg = config.get();
        return cfg == null ? null : account(cfg, user);
    }

    private static JmxAccount account(DaemonConfig cfg, String user) {
        for (JmxUser u : cfg.jmxUsers()) {
            if (u.name().equals(user)) {
                return new JmxAccount(u.name(), u.role(), u.hash());
            }
        }
        return null;
    }
}
