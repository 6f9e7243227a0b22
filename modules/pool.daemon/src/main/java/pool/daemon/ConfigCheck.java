package pool.daemon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import pool.daemon.config.ConfigLoader;
import pool.daemon.config.DaemonConfig;
import pool.daemon.config.DaemonSettings;
import pool.daemon.config.SecretExposure;
import pool.daemon.config.TlsConfig;

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
        whatTheStartOpens(file, config, null);
        List<String> lines = new ArrayList<>(SecretExposure.warnings(config));
        int n = config.pools().size();
        lines.add(file + ": configuration is valid (" + (n == 0 ? "no pools"
                : n + " pool" + (n == 1 ? "" : "s") + ": " + String.join(", ", config.pools().keySet())) + ")");
        return lines;
    }

    /**
     * Opens and resolves what the start needs before anything listens (the TLS stores, the
     * listen address), as the start would: --check-config and a reload refuse in its words a
     * file whose next start would fail on them. A reload checks only what the file changed,
     * so that a passing DNS failure does not refuse a reload that leaves the address alone.
     *
     * @param running the running daemon's settings (a reload), or null (--check-config)
     * @throws ConfigException when a TLS store cannot be used or listenAddress is no host
     */
    static void whatTheStartOpens(Path file, DaemonConfig config, DaemonSettings running) throws ConfigException {
        if (config.daemon().tls() != null && (running == null || !TlsConfig.same(running.tls(), config.daemon().tls()))) {
            TlsContexts.open(config.daemon().tls());
        }
        String address = config.daemon().listenAddress();
        if (running != null && running.listenAddress().equals(address)) {
            return;
        }
        try {
            java.net.InetAddress.getByName(address);
        } catch (java.net.UnknownHostException e) {
            // The start would fail to bind it: say so now, in the start's words.
            throw new ConfigException(List.of(file + ": cannot start the RMI registry on " + address + ":"
                    + config.daemon().rmiRegistryPort() + ": " + RmiPublisher.rootMessage(e)
                    + RmiPublisher.bindHint(e, "RMI registry", "rmiRegistryPort")));
        }
    }
}
