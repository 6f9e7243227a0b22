package pool.daemon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import pool.daemon.config.ConfigLoader;
import pool.daemon.config.DaemonConfig;
import pool.daemon.config.SecretExposure;

/**
 * {@code poold --check-config}: loads a file exactly as start-up and reload do
 * (schema, semantic checks, secrets), starting nothing. It also opens the TLS stores and
 * resolves listenAddress, as the start does before anything listens: a file it passes must
 * not stop the start on a key store that cannot be read or an address that is no host.
 */
final class ConfigCheck {

    private final ConfigLoader loader;

    ConfigCheck(ConfigLoader loader) {
        this.loader = loader;
    }

    /** @return warnings about a valid file (one line each), then a one-line summary */
    List<String> check(Path file) throws ConfigException {
        DaemonConfig config = loader.load(file);
        if (config.daemon().tls() != null) {
            TlsContexts.open(config.daemon().tls());
        }
        String address = config.daemon().listenAddress();
        try {
            java.net.InetAddress.getByName(address);
        } catch (java.net.UnknownHostException e) {
            // The start would fail to bind it: say so now, in the start's words.
            throw new ConfigException(List.of(file + ": cannot start the RMI registry on " + address + ":"
                    + config.daemon().rmiRegistryPort() + ": " + RmiPublisher.rootMessage(e)
                    + RmiPublisher.bindHint(e, "RMI registry", "rmiRegistryPort")));
        }
        List<String> lines = new ArrayList<>(SecretExposure.warnings(config));
        int n = config.pools().size();
        lines.add(file + ": configuration is valid (" + (n == 0 ? "no pools"
                : n + " pool" + (n == 1 ? "" : "s") + ": " + String.join(", ", config.pools().keySet())) + ")");
        return lines;
    }
}
