package pool.daemon.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;

/**
 * Warns when a configuration file that other users can read holds a password inline.
 * Not an error: a test box may not care, and refusing would make the default
 * workflow harder than it needs to be. But an operator should hear about it once, at
 * check, start and reload.
 */
public final class SecretExposure {

    private SecretExposure() {
    }

    /** @return one warning per inline password when the file is readable by others; else none */
    public static List<String> warnings(DaemonConfig config) {
        if (config.inlineSecrets().isEmpty() || !readableByOthers(config)) {
            return List.of();
        }
        return config.inlineSecrets().stream()
                .map(at -> at + ": warning: password written inline in a file other users can read:"
                        + " reference it as ${credential:NAME}, ${file:/path} or ${env:NAME} from <password> or a"
                        + " driver property (a jdbcUrl cannot hold one), or chmod o-r " + config.file())
                .toList();
    }

    private static boolean readableByOthers(DaemonConfig config) {
        try {
            var view = Files.getFileAttributeView(config.file(), PosixFileAttributeView.class);
            return view != null && view.readAttributes().permissions().contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException e) {
            return false; // it was just read; if its mode cannot be read now, there is nothing useful to say
        }
    }
}
