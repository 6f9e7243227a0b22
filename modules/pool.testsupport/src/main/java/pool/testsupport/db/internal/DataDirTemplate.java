package pool.testsupport.db.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An initialized, never started data directory, made once per run and kind and copied for
 * each server: {@code initdb} and {@code mariadb-install-db} take one to two seconds, a copy
 * a tenth of that, and a run starts up to three servers of a kind.
 */
public final class DataDirTemplate {
    /** Fills an empty data directory; {@code logFile} receives the tool's output. */
    @FunctionalInterface
    public interface Initializer {
        void initialize(Path dataDir, Path workDir, Path logFile);
    }

    private static final Duration COPY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final Initializer initializer;
    private boolean made;

    public DataDirTemplate(Path dir, Initializer initializer) {
        this.dir = dir;
        this.initializer = initializer;
    }

    private static void deleteHalfMade(Path data) {
        try {
            DataRoot.deleteTree(data); // left by an earlier attempt that failed
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Makes the template on first use, then copies it to {@code target} (which must not exist). */
    public void copyTo(Path target, Path logFile) {
        Path data = dir.resolve("data");
        synchronized (this) {
            if (!made) {
                long t0 = System.nanoTime();
                deleteHalfMade(data);
                initializer.initialize(data, dir, dir.resolve("server.log"));
                made = true;
                ManagedServer.LOG.log(System.Logger.Level.INFO, () -> String.format("data directory template %s made in %.2f s",
                        dir.getFileName(), (System.nanoTime() - t0) / 1e9));
            }
        }
        // cp -a as the server user: keeps PostgreSQL's required 0700 modes, owner is that user.
        ServerProcess.run("copy of " + data, List.of("cp", "-a", data.toString(), target.toString()),
                Map.of(), dir, logFile, COPY_TIMEOUT);
    }
}
