package pool.daemon;

import java.nio.file.Path;
import pool.daemon.config.ConfigLoader;

/** Placeholder until the lifecycle lands in the next commit. */
final class Daemon {
    private final Path file;
    private final ConfigLoader loader;

    Daemon(Path file, ConfigLoader loader) {
        this.file = file;
        this.loader = loader;
    }

    int run() throws ConfigException, InterruptedException {
        loader.load(file);
        return Main.EXIT_OK;
    }
}
