package pool.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import pool.testsupport.await.Await;

/**
 * Runs the packaged daemon, {@code target/poold/bin/poold}, as a separate process the
 * way systemd does, capturing stdout and stderr to files.
 */
final class PooldProcess implements AutoCloseable {

    private final Process process;
    private final Path out;
    private final Path err;

    private PooldProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /**
     * @return the launcher Maven's package phase built: {@code poold.dist} when the
     *         process-tests execution sets it, else under the reactor root (an IDE run)
     */
    static Path launcher() {
        String dist = System.getProperty("poold.dist");
        Path launcher = dist != null ? Path.of(dist, "bin", "poold")
                : pool.daemon.config.TestFiles.projectRoot().resolve("target/poold/bin/poold");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException(launcher + " does not exist: process tests need ./mvnw package first");
        }
        return launcher;
    }

    static PooldProcess start(Path workDir, Map<String, String> env, String... args) throws IOException {
        return start(workDir, false, env, args);
    }

    /** Starts poold with {@code env} as its whole environment, as {@code env -i} would. */
    static PooldProcess startInEmptyEnvironment(Path workDir, Map<String, String> env, String... args)
            throws IOException {
        return start(workDir, true, env, args);
    }

    /**
     * Starts poold under {@code wrapper}, a command that runs the rest of its line as
     * {@code nohup} does (and execs it, so that signals sent to the process reach poold).
     */
    static PooldProcess startUnder(Path workDir, List<String> wrapper, String... args) throws IOException {
        return start(workDir, false, wrapper, Map.of(), args);
    }

    private static PooldProcess start(Path workDir, boolean emptyEnvironment, Map<String, String> env, String... args)
            throws IOException {
        return start(workDir, emptyEnvironment, List.of(), env, args);
    }

    private static PooldProcess start(Path workDir, boolean emptyEnvironment, List<String> wrapper,
            Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(wrapper);
        command.add(launcher().toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        if (emptyEnvironment) {
            pb.environment().clear();
        }
        pb.environment().remove("JOURNAL_STREAM");
        pb.environment().putAll(env);
        Path out = Files.createTempFile(workDir, "poold", ".out");
        Path err = Files.createTempFile(workDir, "poold", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        return new PooldProcess(pb.start(), out, err);
    }

    /** Starts poold on {@code config} and waits (60 s at most) for its ready line; one that does not get there is stopped. */
    static PooldProcess startReady(Path workDir, Map<String, String> env, Path config) throws Exception {
        PooldProcess p = start(workDir, env, "--config", config.toString());
        if (!p.awaitOutput("poold ready", 60)) {
            p.close();
            throw new AssertionError("daemon did not start within 60 s: " + p.stdout() + p.stderr());
        }
        return p;
    }

    /** Runs poold to completion. */
    static PooldProcess run(Path workDir, String... args) throws IOException, InterruptedException {
        PooldProcess p = start(workDir, Map.of(), args);
        p.awaitExit();
        return p;
    }

    /** Writes {@code text} to the daemon's stdin and closes it. */
    void input(String text) throws IOException {
        try (var in = process.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    int awaitExit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("poold did not exit within 60 s; stdout: " + stdout() + " stderr: " + stderr());
        }
        return process.exitValue();
    }

    int exitCode() {
        return process.exitValue();
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the daemon with SIGKILL, as a crash or the OOM killer would, and waits until it is gone. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("poold survived SIGKILL for 30 s");
        }
    }

    /** Sends a signal by name (TERM, HUP) with kill(1): the JDK sends only TERM and KILL itself. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /**
     * Waits until stdout has a line containing {@code text}, or the daemon exits.
     *
     * @return whether stdout has it; callers assert it with the output, which says more than a time-out
     */
    boolean awaitOutput(String text, long seconds) throws Exception {
        return awaitOutput(process, this::stdout, text, seconds);
    }

    /**
     * Waits until {@code output} contains {@code text}, or {@code process} exits, or {@code seconds} pass.
     *
     * @return whether {@code output} contains it then
     */
    static boolean awaitOutput(Process process, Supplier<String> output, String text, long seconds) throws Exception {
        try {
            Await.until("'" + text + "' in the output of process " + process.pid(), Duration.ofSeconds(seconds),
                    () -> output.get().contains(text) || !process.isAlive());
        } catch (AssertionError timedOut) {
            return false;
        }
        return output.get().contains(text);
    }

    String stdout() {
        return read(out);
    }

    String stderr() {
        return read(err);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<unreadable: " + e + ">";
        }
    }

    /**
     * Ends a test that attacked the daemon: stops it with SIGTERM and fails when it had died
     * meanwhile or ran out of memory at any time.
     */
    void stopAfterAttack() throws Exception {
        boolean alive = isAlive();
        signal("TERM");
        awaitExit();
        if (!alive) {
            throw new AssertionError("the daemon died: " + stdout() + stderr());
        }
        if (stdout().contains("OutOfMemoryError") || stderr().contains("OutOfMemoryError")) {
            throw new AssertionError("the daemon ran out of memory: " + stderr());
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
