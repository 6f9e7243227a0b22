package pool.testsupport.db.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where this JVM's servers keep their data: {@code <base>/run-<pid>/<server>}.
 *
 * <p>Each JVM holds an OS file lock on its run directory for its whole life. The kernel drops
 * that lock when the JVM dies, however it dies, so the next JVM can tell runs that are still
 * going (lock held: leave alone) from leftovers of a killed run (lock free: kill the servers
 * named in their pid files and delete the directory). Run directories of runs that ended
 * normally are also deleted by the next run; until then their logs are there to read.
 */
public final class DataRoot {
    private static final String LOCK_FILE = "run.lock";
    private static final String SOCKET_DIR_FILE = "socket-dir";
    /** Written by the harness next to each data dir; postgres and mariadbd own their own pid files. */
    public static final String PID_FILE = "server.pid";

    private final Path runDir;
    private final Path socketDir;
    /** Held open for the life of the run: the lock lives as long as the channel. */
    private final FileChannel lockChannel;

    private DataRoot(Path runDir, Path socketDir, FileChannel lockChannel) {
        this.runDir = runDir;
        this.socketDir = socketDir;
        this.lockChannel = lockChannel;
    }

    /**
     * Picks the base directory, clears leftovers of earlier runs and creates this run's
     * directory. The base is system property {@code poold.test.dbdir}, else
     * {@code target/dbs} of the module under test (surefire's {@code basedir}), else a
     * directory under {@code /tmp} when the server user cannot reach {@code target/}
     * (for instance a checkout under {@code /root}).
     */
    public static DataRoot create(System.Logger log) {
        return create(preferredBase(), log);
    }

    /** Like {@link #create(System.Logger)} with an explicit base directory. */
    public static DataRoot create(Path base, System.Logger log) {
        Unprivileged user = Unprivileged.current();
        if (!usable(base, user)) {
            Path fallback = Path.of("/tmp", "poold-dbs-" + Integer.toHexString(base.toString().hashCode()));
            log.log(System.Logger.Level.WARNING, "user " + user.userName() + " cannot use " + base
                    + " (a parent directory is not searchable); test databases live in " + fallback);
            base = fallback;
            if (!usable(base, user)) {
                throw new IllegalStateException("user " + user.userName() + " cannot write " + base);
            }
        }
        clearLeftovers(base, log);
        try {
            Path runDir = base.resolve("run-" + ProcessHandle.current().pid());
            deleteTree(runDir);
            Files.createDirectories(runDir);
            user.own(runDir);
            FileChannel channel = FileChannel.open(runDir.resolve(LOCK_FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.lock();
            // Unix socket paths are limited to ~107 bytes; target/ paths can be longer.
            Path socketDir = Files.createTempDirectory(Path.of("/tmp"), "pd");
            user.own(socketDir);
            Files.writeString(runDir.resolve(SOCKET_DIR_FILE), socketDir.toString());
            return new DataRoot(runDir, socketDir, channel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the test database directory under " + base, e);
        }
    }

    private static Path preferredBase() {
        String configured = System.getProperty("poold.test.dbdir");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        String basedir = System.getProperty("basedir", System.getProperty("user.dir"));
        return Path.of(basedir, "target", "dbs").toAbsolutePath();
    }

    private static boolean usable(Path base, Unprivileged user) {
        try {
            Files.createDirectories(base);
            user.own(base);
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
        return user.canWrite(base);
    }

    /** A fresh directory for one server, owned by the server user. */
    public Path serverDir(String name) {
        Path dir = runDir.resolve(name);
        try {
            deleteTree(dir);
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Unprivileged.current().own(dir);
        return dir;
    }

    /** A short directory for unix sockets, deleted with the run. */
    public Path socketDir() {
        return socketDir;
    }

    /** This run's directory, {@code <base>/run-<pid>}. */
    public Path runDirectory() {
        return runDir;
    }

    /**
     * Deletes the socket directory and releases the run lock; data and logs stay until the
     * next run, for post-mortems.
     */
    public void close() {
        try {
            deleteTree(socketDir);
        } catch (IOException ignored) {
            // /tmp is cleaned by the next run too
        }
        try {
            lockChannel.close();
        } catch (IOException ignored) {
            // the lock goes with the JVM anyway
        }
    }

    private static void clearLeftovers(Path base, System.Logger log) {
        List<Path> runs;
        try (Stream<Path> entries = Files.list(base)) {
            runs = entries.filter(p -> p.getFileName().toString().startsWith("run-")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path run : runs) {
            Path lockFile = run.resolve(LOCK_FILE);
            if (!Files.exists(lockFile)) {
                deleteQuietly(run);
                continue;
            }
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                 FileLock lock = channel.tryLock()) {
                if (lock == null) {
                    continue; // another JVM is using it right now
                }
                killRecordedServers(run, log);
                readSocketDir(run).ifPresent(DataRoot::deleteQuietly);
                deleteQuietly(run);
            } catch (OverlappingFileLockException e) {
                // locked by this very JVM (a second DataRoot on the same base): in use
            } catch (IOException e) {
                log.log(System.Logger.Level.WARNING, "cannot clear old test database run " + run, e);
            }
        }
    }

    private static void killRecordedServers(Path run, System.Logger log) throws IOException {
        try (Stream<Path> files = Files.walk(run, 2)) {
            for (Path pidFile : files.filter(p -> p.getFileName().toString().equals(PID_FILE)).toList()) {
                long pid = Long.parseLong(Files.readString(pidFile).trim());
                Path serverDir = pidFile.getParent();
                ProcessHandle.of(pid)
                        // pids are reused: kill only a process that runs on this server's data
                        .filter(p -> commandLine(pid).contains(serverDir.toString()))
                        .ifPresent(p -> {
                            log.log(System.Logger.Level.WARNING, "killing server " + pid
                                    + " left running by an earlier test run in " + serverDir);
                            p.destroyForcibly();
                            p.onExit().join();
                        });
            }
        }
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static Optional<Path> readSocketDir(Path run) {
        try {
            return Optional.of(Path.of(Files.readString(run.resolve(SOCKET_DIR_FILE)).trim()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException ignored) {
            // a later run tries again
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
