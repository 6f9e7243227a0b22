package pool.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import pool.testsupport.db.DatabaseServer;

/**
 * The files a daemon process test gives poold: a secret file only its owner reads (as
 * systemd's credentials are), referenced from the config as {@code ${file:...}}, and the
 * config itself.
 */
final class DaemonFiles {

    private DaemonFiles() {
    }

    /** @return {@code dir/db-password} holding {@code db}'s password, written once, mode 0600 */
    static Path dbPassword(Path dir, DatabaseServer db) {
        return secret(dir, "db-password", db.password());
    }

    /** @return {@code dir/name} holding {@code secret} and a newline, written once, mode 0600 */
    static Path secret(Path dir, String name, String secret) {
        try {
            Path f = dir.resolve(name);
            if (!Files.exists(f)) {
                Files.writeString(f, secret + "\n");
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
            }
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code dir/pools.xml}: a daemon that drains for at most 5 s, its RMI registry on
     * {@code registryPort} (a reload keeps it), JMX on a free port, then {@code body}.
     *
     * @param body the {@code <clients>} and {@code <pool>} elements
     * @return the file
     */
    static Path config(Path dir, int registryPort, String body) throws IOException {
        return config(dir, registryPort, FreePorts.loopback(), "5s", body);
    }

    /**
     * Writes {@code dir/pools.xml}: a daemon with its RMI registry on {@code registryPort}, JMX on
     * {@code jmxPort}, the drain timeout {@code drainTimeout} (as the file writes it: "2s"), then {@code body}.
     */
    static Path config(Path dir, int registryPort, int jmxPort, String drainTimeout, String body) throws IOException {
        return Files.writeString(dir.resolve("pools.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <poold xmlns="urn:poold:config:1">
                  <daemon><drainTimeout>%s</drainTimeout><rmiRegistryPort>%d</rmiRegistryPort><jmxPort>%d</jmxPort></daemon>
                %s</poold>
                """.formatted(drainTimeout, registryPort, jmxPort, body));
    }
}
