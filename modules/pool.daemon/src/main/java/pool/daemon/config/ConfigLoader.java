package pool.daemon.config;

import jakarta.xml.bind.JAXBException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.xml.sax.SAXException;
import pool.daemon.ConfigException;

/**
 * Reads a configuration file into a {@link DaemonConfig}: schema validation first
 * (nothing unvalidated is ever bound), then binding, then the semantic checks and
 * secret resolution of {@link ConfigMapper}. Used for start-up, {@code --check-config}
 * and reload alike, so all three accept exactly the same files.
 */
public final class ConfigLoader {

    private final SecretResolver secrets;

    /** @param secrets resolves {@code ${env:...}}, {@code ${file:...}} and {@code ${credential:...}} */
    public ConfigLoader(SecretResolver secrets) {
        this.secrets = Objects.requireNonNull(secrets);
    }

    /** @return a loader that resolves secrets against this process's environment */
    public static ConfigLoader forProcess() {
        return new ConfigLoader(new SecretResolver(System::getenv));
    }

    /**
     * @throws ConfigException listing every problem as {@code FILE:LINE:COLUMN: message}
     */
    public DaemonConfig load(Path file) throws ConfigException {
        return load(file, null);
    }

    /**
     * Loads a file for a daemon that is running already: its sockets stay on the address
     * it started with until it restarts, whatever the file now says, so the checks that
     * depend on who can connect consider that address too.
     *
     * @param listeningOn the address the running daemon listens on, or null before it does
     * @throws ConfigException listing every problem as {@code FILE:LINE:COLUMN: message}
     */
    public DaemonConfig load(Path file, String listeningOn) throws ConfigException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            // A reload after the file was moved away: the exception's message is only the path again.
            throw new ConfigException(file + ": the configuration file does not exist (any more)", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new ConfigException(file + ": the configuration file is not readable by the daemon's user", e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the configuration file: " + e, e);
        }
        ConfigProblems problems = new ConfigProblems();
        new SchemaCheck().validate(file, content, problems);
        if (!problems.isEmpty()) {
            alsoTheOtherChecks(file, content, problems, listeningOn);
            problems.throwIfAny();
        }
        XmlBinder.Bound bound;
        try {
            bound = new XmlBinder().bind(file, content);
        } catch (SAXException | IOException | JAXBException e) {
            // The file passed the schema, so binding cannot fail on content: this is a bug.
            throw new IllegalStateException(file + ": a schema-valid file failed to bind: " + e, e);
        }
        DaemonConfig config = new ConfigMapper(file, bound.locations(), secrets, problems, listeningOn)
                .map(bound.root());
        problems.throwIfAny();
        return config;
    }

    /**
     * A file the schema refuses is still checked for the rest (duplicate names, sizes,
     * secrets), so that every problem is named in one run. What the schema refused does
     * not bind, so the rest is reported only on lines the schema did not already name,
     * and not at all when the file cannot be bound.
     */
    private void alsoTheOtherChecks(Path file, byte[] content, ConfigProblems schemaProblems, String listeningOn) {
        ConfigProblems rest = new ConfigProblems();
        List<ConfigProblems.Found> found;
        try {
            XmlBinder.Bound bound = new XmlBinder().bind(file, content);
            if (bound.root() == null) {
                return;
            }
            new ConfigMapper(file, bound.locations(), secrets, rest, listeningOn).map(bound.root());
            found = rest.found();
        } catch (SAXException | IOException | JAXBException | RuntimeException e) {
            return; // not well-formed, or too broken to bind: the schema's problems stand alone
        }
        // The schema's lines only: two problems the other checks find on one line are both said.
        java.util.Set<Integer> schemaLines = new java.util.HashSet<>();
        schemaProblems.found().forEach(f -> schemaLines.add(f.where().line()));
        for (ConfigProblems.Found f : found) {
            if (f.where().line() > 0 && !schemaLines.contains(f.where().line())) {
                schemaProblems.add(f.where(), f.message());
            }
        }
    }
}
