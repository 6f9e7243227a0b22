package pool.daemon.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves values that may name a secret kept outside the configuration file:
 * <ul>
 * <li>{@code ${env:NAME}}: the environment variable NAME (systemd {@code Environment=} /
 *     {@code EnvironmentFile=});</li>
 * <li>{@code ${file:/absolute/path}}: the file's content;</li>
 * <li>{@code ${credential:NAME}}: the file {@code $CREDENTIALS_DIRECTORY/NAME}, where
 *     systemd's {@code LoadCredential=NAME:...} puts it, readable only by the service.</li>
 * </ul>
 * A file's single trailing newline is dropped ({@code echo pw > file} must work). Any
 * other value is literal; {@code $${} at the start writes a literal {@code ${}. A whole
 * value is one reference or none: secrets are not spliced into other text, so a
 * resolved secret cannot end up in a logged URL.
 *
 * <p>Error messages name the variable or file, never a value.
 */
public final class SecretResolver {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([a-z]+):(.*)}", Pattern.DOTALL);
    private static final Pattern CREDENTIAL_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    private final UnaryOperator<String> env;

    /** @param env looks up an environment variable (null when unset); {@code System::getenv} in the daemon */
    public SecretResolver(UnaryOperator<String> env) {
        this.env = Objects.requireNonNull(env);
    }

    /** @return whether {@code raw} is a reference rather than a literal value */
    public static boolean isReference(String raw) {
        return raw != null && raw.startsWith("${");
    }

    /**
     * @return the value {@code raw} stands for
     * @throws IllegalArgumentException saying what is missing and how to provide it
     */
    public String resolve(String raw) {
        if (raw == null) {
            return null;
        }
        if (raw.startsWith("$${")) {
            return raw.substring(1);
        }
        if (!isReference(raw)) {
            return raw;
        }
        Matcher m = REFERENCE.matcher(raw);
        if (!m.matches()) {
            throw new IllegalArgumentException("malformed secret reference: write ${env:NAME}, ${file:/path} or"
                    + " ${credential:NAME} as the whole value (or $${ for a literal ${)");
        }
        String what = m.group(2);
        return switch (m.group(1)) {
            case "env" -> fromEnvironment(what);
            case "file" -> fromFile(what);
            case "credential" -> fromCredential(what);
            default -> throw new IllegalArgumentException("unknown secret source '" + m.group(1)
                    + "': use ${env:NAME}, ${file:/path} or ${credential:NAME}");
        };
    }

    private String fromEnvironment(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("${env:} names no variable: write ${env:NAME}");
        }
        String value = env.apply(name);
        if (value == null) {
            throw new IllegalArgumentException("environment variable " + name + " is not set: set it for the"
                    + " daemon (systemd: Environment= or EnvironmentFile= in poold.service) or change the reference");
        }
        return value;
    }

    private String fromFile(String file) {
        Path path = Path.of(file);
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("${file:" + file + "} must name an absolute path (the daemon's"
                    + " working directory is not fixed); write ${file:/path/to/secret}");
        }
        return read(path, "secret file " + path);
    }

    private String fromCredential(String name) {
        if (!CREDENTIAL_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("${credential:" + name + "}: a credential name is letters, digits,"
                    + " '.', '_' and '-', as in LoadCredential=NAME:/path");
        }
        String dir = env.apply("CREDENTIALS_DIRECTORY");
        if (dir == null || dir.isEmpty()) {
            throw new IllegalArgumentException("${credential:" + name + "} needs $CREDENTIALS_DIRECTORY, which"
                    + " systemd sets when poold.service has LoadCredential=" + name + ":/path/to/secret;"
                    + " outside systemd use ${file:/path} or ${env:NAME}");
        }
        return read(Path.of(dir, name), "credential " + name + " (" + Path.of(dir, name) + ")");
    }

    private static String read(Path path, String what) {
        try {
            return dropTrailingNewline(Files.readString(path, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(what + " does not exist: create it or fix the path");
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(what + " is not readable by the daemon's user: fix its owner or mode");
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(what + " is not UTF-8 text");
        } catch (IOException e) {
            // The exception's own message names the path and the OS reason, never content.
            throw new IllegalArgumentException(what + " cannot be read: " + e.getMessage());
        }
    }

    private static String dropTrailingNewline(String s) {
        if (s.endsWith("\r\n")) {
            return s.substring(0, s.length() - 2);
        }
        if (s.endsWith("\n")) {
            return s.substring(0, s.length() - 1);
        }
        return s;
    }
}
