package pool.testsupport.db.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One running server or tool process: started unprivileged from the launcher thread, its
 * output appended to a log file, its pid recorded so a later run can kill it if this JVM
 * is killed before it can.
 */
public final class ServerProcess {
    private final Process process;
    private final Path logFile;
    private final long logOffset;
    private final Path pidFile;

    private ServerProcess(Process process, Path logFile, long logOffset, Path pidFile) {
        this.process = process;
        this.logFile = logFile;
        this.logOffset = logOffset;
        this.pidFile = pidFile;
    }

    /**
     * Starts {@code command}. When {@code pidFile} is not null the pid is written there, for
     * {@link DataRoot} to find after a crash of this JVM.
     */
    public static ServerProcess start(List<String> command, Map<String, String> env, Path workDir,
                                      Path logFile, Path pidFile) {
        ProcessBuilder builder = new ProcessBuilder(Unprivileged.current().wrap(command))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(env);
        try {
            long offset = Files.exists(logFile) ? Files.size(logFile) : 0;
            Process process = ProcessLauncher.start(builder);
            if (pidFile != null) {
                Files.writeString(pidFile, Long.toString(process.pid()));
            }
            return new ServerProcess(process, logFile, offset, pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Runs a tool to completion and fails with its output when it does not succeed. */
    public static void run(String what, List<String> command, Map<String, String> env, Path workDir,
                           Path logFile, Duration timeout) {
        ServerProcess tool = start(command, env, workDir, logFile, null);
        if (!tool.awaitExit(timeout)) {
            tool.kill();
            throw new IllegalStateException(what + " did not finish within " + timeout.toSeconds() + " s; "
                    + "log " + logFile + ":\n" + tool.logSinceStart());
        }
        if (tool.process.exitValue() != 0) {
            throw new IllegalStateException(what + " failed with exit code " + tool.process.exitValue()
                    + "; log " + logFile + ":\n" + tool.logSinceStart());
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGTERM. */
    public void terminate() {
        process.destroy();
    }

    /** Kills the process with SIGKILL and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
        forgetPid();
    }

    /** Waits for the process to end; true when it has. */
    public boolean awaitExit(Duration timeout) {
        try {
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (exited) {
                forgetPid();
            }
            return exited;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private void forgetPid() {
        if (pidFile != null) {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException ignored) {
                // a stale pid file is harmless: the pid is checked against the command line
            }
        }
    }

    /** What the process wrote to its log since it was started, at most the last 40 lines. */
    public String logSinceStart() {
        return LogTail.of(logFile, logOffset, 40);
    }

    public Path logFile() {
        return logFile;
    }
}
