package pool.daemon.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * A configuration file, validated, bound, checked and with its secrets resolved.
 *
 * @param file     the file it was read from
 * @param daemon   daemon-wide settings
 * @param clients  users remote clients authenticate as
 * @param jmxUsers users of the JMX connector, each with a role
 * @param pools    the pools by name, in file order
 * @param inlineSecrets where the file holds a password written inline rather than
 *                 referenced ({@code ${env:...}}, {@code ${file:...}}, {@code ${credential:...}})
 */
public record DaemonConfig(Path file, DaemonSettings daemon, List<ClientUser> clients, List<JmxUser> jmxUsers,
        SequencedMap<String, PoolDefinition> pools, List<Location> inlineSecrets) {

    public DaemonConfig {
        clients = List.copyOf(clients);
        jmxUsers = List.copyOf(jmxUsers);
        inlineSecrets = List.copyOf(inlineSecrets);
        // An unmodifiable view of a private copy: file order matters for start-up logs.
        pools = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(pools));
    }

    /** @return this configuration with other daemon-wide settings */
    public DaemonConfig withDaemon(DaemonSettings settings) {
        return new DaemonConfig(file, settings, clients, jmxUsers, pools, inlineSecrets);
    }
}
