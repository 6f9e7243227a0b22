package pool.benchmarks.macro;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Starts the benchmark's helper processes (pgbouncer, the daemon) so that they die with
 * this JVM however it ends: a normal exit and Ctrl-C stop them through {@link #stop};
 * {@code kill -9} through {@code setpriv --pdeathsig KILL}.
 *
 * <p>Linux sends the parent-death signal when the <em>thread</em> that forked the child
 * exits, so every fork happens on one thread that lives as long as the JVM (the harness
 * in pool.testsupport does the same for its database servers).
 */
public final class Children {

    private static final BlockingQueue<FutureTask<Process>> QUEUE = new LinkedBlockingQueue<>();
    /** Accounts that throwaway servers run as when this JVM is root: a dedicated one first. */
    private static final List<String> SERVER_USERS = List.of("poold-test", "nobody");

    static {
        Thread.ofPlatform().name("bench-launcher").daemon(true).start(() -> {
            while (true) {
                try {
                    QUEUE.take().run();
                } catch (InterruptedException e) {
                    Thread.interrupted(); // this thread must not end: its end would kill the children
                }
            }
        });
    }

    private Children() {
    }

    /**
     * Starts {@code command} through setpriv; as {@link #serverUser()} when {@code unprivileged}
     * and this JVM is root (pgbouncer, like PostgreSQL, refuses to run as root).
     */
    public static Process start(List<String> command, boolean unprivileged, ProcessBuilderSetup setup)
            throws IOException {
        List<String> wrapped = new ArrayList<>();
        wrapped.add(setpriv());
        if (unprivileged && isRoot()) {
            int[] ids = serverIds();
            wrapped.add("--reuid=" + ids[0]);
            wrapped.add("--regid=" + ids[1]);
            wrapped.add("--clear-groups");
        }
        wrapped.add("--pdeathsig=KILL");
        wrapped.add("--");
        wrapped.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(wrapped);
        setup.apply(pb);
        FutureTask<Process> task = new FutureTask<>(pb::start);
        QUEUE.add(task);
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + command.get(0), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("cannot start " + command, e.getCause());
        }
    }

    /** Customizes the process before it starts (environment, redirects). */
    @FunctionalInterface
    public interface ProcessBuilderSetup {
        void apply(ProcessBuilder pb);
    }

    /** SIGTERM, up to {@code grace} to exit, then SIGKILL. Harmless on a process already gone. */
    public static void stop(Process p, Duration grace) {
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Whether this JVM runs as root (effective uid 0). */
    public static boolean isRoot() {
        for (String line : lines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) {
                return line.substring(4).trim().split("\\s+")[1].equals("0");
            }
        }
        return false;
    }

    /** The account unprivileged children run as when this JVM is root. */
    public static String serverUser() {
        return passwdEntry()[0];
    }

    /** uid and gid of {@link #serverUser()}. */
    public static int[] serverIds() {
        String[] f = passwdEntry();
        return new int[] {Integer.parseInt(f[2]), Integer.parseInt(f[3])};
    }

    /** Hands {@code path} to the server user when this JVM is root, so that a child may write it. */
    public static void own(Path path) {
        if (!isRoot()) {
            return;
        }
        int[] ids = serverIds();
        try {
            Files.setAttribute(path, "unix:uid", ids[0]);
            Files.setAttribute(path, "unix:gid", ids[1]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hand " + path + " to " + serverUser(), e);
        }
    }

    private static String[] passwdEntry() {
        List<String> passwd = lines(Path.of("/etc/passwd"));
        for (String user : SERVER_USERS) {
            for (String line : passwd) {
                String[] f = line.split(":");
                if (f.length > 3 && f[0].equals(user)) {
                    return f;
                }
            }
        }
        throw new IllegalStateException("running as root, but none of " + SERVER_USERS + " exists to run pgbouncer as");
    }

    private static String setpriv() {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            if (Files.isExecutable(Path.of(dir, "setpriv"))) {
                return dir + "/setpriv";
            }
        }
        throw new IllegalStateException("setpriv not found: install util-linux (apt-get install util-linux)");
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a directory tree; quietly, as clean-up. */
    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temp dir; /tmp is cleaned eventually
        }
    }
}
