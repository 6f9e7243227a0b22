package pool.daemon;

import java.nio.file.Path;
import pool.daemon.config.ConfigLoader;
import pool.daemon.config.DaemonConfig;

/**
 * {@code poold --check-config}: loads a file exactly as start-up and reload do
 * (schema, semantic checks, secrets), starting nothing.
 */
final class ConfigCheck {

    private final ConfigLoader loader;

    ConfigCheck(ConfigLoader loader) {
        this.loader = loader;
    }

    /** @return a one-line summary of a valid file */
    String check(Path file) throws ConfigException {
        DaemonConfig config = loader.load(file);
        return file + ": configuration is valid (" + config.pools().size() + " pool"
                + (config.pools().size() == 1 ? "" : "s") + ": " + String.join(", ", config.pools().keySet()) + ")";
    }
}
