package pool.client.internal;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client's temporary files (LOB content beyond 1 MiB, scrollable rows beyond 8 MiB):
 * each deleted by its owner, or when its owner is garbage, or at the JVM's exit, whichever
 * comes first; so an application that drops a LOB without {@code free()} leaves no file
 * behind. Only live files are remembered (unlike {@code File.deleteOnExit}, which keeps
 * every name until the exit).
 */
final class TempFiles {

    private static final Cleaner CLEANER = Cleaner.create(r -> ClientThreads.thread(r, "poold-tempfile-cleaner"));
    private static final Set<Handle> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(ClientThreads.thread(() -> LIVE.forEach(Handle::run), "poold-tempfiles-exit"));
    }

    private TempFiles() {
    }

    /** An open temporary file: its channel, and {@link #delete()}. */
    static final class Handle implements Runnable {
        final Path file;
        final FileChannel channel;
        private Cleaner.Cleanable cleanable;

        private Handle(Path file, FileChannel channel) {
            this.file = file;
            this.channel = channel;
        }

        /** Closes and deletes the file now. */
        void delete() {
            cleanable.clean(); // runs run() once
        }

        @Override
        public void run() {
            LIVE.remove(this);
            try {
                channel.close();
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file left behind is the worst case
            }
        }
    }

    /** @return a new temporary file, deleted when {@code owner} is garbage if not before */
    static Handle create(Object owner, String prefix) throws IOException {
        Path file = Files.createTempFile(prefix, ".tmp");
        Handle h = new Handle(file, FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE));
        LIVE.add(h);
        h.cleanable = CLEANER.register(owner, h);
        return h;
    }
}
