package pool.daemon;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import pool.daemon.config.DaemonConfig;
import pool.daemon.config.JmxUser;
import pool.jmx.JmxAccount;
import pool.jmx.JmxUsers;
import pool.remote.LoginGuard;
import pool.remote.Users;

/**
 * The {@code <jmx>} users of the configuration in force, read anew at every login and
 * request, so a reload applies to open JMX sessions at their next request. The users of
 * {@code <clients>} are not among them: pool access gives no JMX access. Password checks go
 * through the login guard the remote pools share: bounded, held back after failures, and
 * logged with the client's address.
 */
final class ConfiguredJmxUsers implements JmxUsers {

    private final Supplier<DaemonConfig> config;
    private final LoginGuard logins;

    /** @param config the configuration in force; null before the daemon has started */
    ConfiguredJmxUsers(Supplier<DaemonConfig> config, LoginGuard logins) {
        this.config = config;
        this.logins = logins;
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
        Users users = Users.ofEncoded(hashes);
        LoginGuard.Outcome outcome = logins.attempt("JMX login", user, LoginGuard.rmiClientAddress(),
                () -> users.authenticate(user, password));
        return switch (outcome.verdict()) {
            case ACCEPTED -> account(cfg, user);
            case WRONG -> null;
            case BUSY, HELD_BACK -> throw new SecurityException(outcome.refusal());
        };
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
