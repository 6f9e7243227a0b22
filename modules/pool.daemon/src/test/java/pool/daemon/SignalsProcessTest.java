package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pool.remote.PasswordHash;

/**
 * What configuration.md promises about signals and the command line, checked on the packaged
 * daemon the way an operator meets them: SIGINT stops as SIGTERM does, a daemon started under
 * {@code nohup} says at start that SIGHUP cannot reload it and {@code poolctl reload} still
 * does, and {@code --hash-password} never takes the password from its arguments.
 */
class SignalsProcessTest {

    @TempDir
    Path work;

    private final int registryPort = FreePorts.loopback();
    private final int jmxPort = FreePorts.loopback();

    private Path config(String body) throws IOException {
        return Files.writeString(work.resolve("pools.xml"),
                "<poold xmlns=\"urn:poold:config:1\">\n<daemon><drainTimeout>5s</drainTimeout><rmiRegistryPort>"
                        + registryPort + "</rmiRegistryPort><jmxPort>" + jmxPort + "</jmxPort></daemon>\n"
                        + body + "\n</poold>\n");
    }

    /** "SIGTERM (and SIGINT): new borrows are refused, ... then everything is rolled back and closed; exit 0." */
    @Test
    void sigintStopsTheDaemonAsSigtermDoesWithExitZero() throws Exception {
        Path file = config("<pool name=\"a\" driver=\"h2\"><jdbcUrl>jdbc:h2:mem:a</jdbcUrl><minIdle>1</minIdle></pool>");
        try (PooldProcess p = PooldProcess.startReady(work, Map.of(), file)) {
            p.signal("INT");
            assertEquals(Main.EXIT_OK, p.awaitExit(), p.stdout() + p.stderr());
            assertTrue(p.stdout().contains("SIGINT"), "the log names the signal: " + p.stdout());
            assertTrue(p.stdout().contains("poold stopped"), p.stdout());
            assertEquals("", p.stderr());
        }
    }

    /**
     * "A process started with SIGHUP ignored (under nohup) cannot take it back: poold logs a
     * warning at start, and poolctl reload still works."
     */
    @Test
    void underNohupTheDaemonWarnsThatSighupCannotReloadItAndPoolctlReloadStillDoes() throws Exception {
        String hash = PasswordHash.create("ops-pw".toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();
        String jmx = "<jmx><user name=\"ops\" hash=\"" + hash + "\" role=\"operate\"/></jmx>\n";
        Path file = config(jmx + "<pool name=\"a\" driver=\"h2\"><jdbcUrl>jdbc:h2:mem:a</jdbcUrl></pool>");
        try (PooldProcess p = PooldProcess.startUnder(work, List.of("nohup"), "--config", file.toString())) {
            assertTrue(p.awaitOutput("poold ready", 60), p.stdout() + p.stderr());
            assertTrue(p.stdout().contains("WARNING poold: SIGHUP is ignored in this process (started under nohup?)"),
                    p.stdout());

            config(jmx + "<pool name=\"a\" driver=\"h2\"><jdbcUrl>jdbc:h2:mem:a</jdbcUrl><maxSize>3</maxSize></pool>");
            p.signal("HUP");
            assertTrue(p.isAlive(), "SIGHUP ignored, not fatal: " + p.stdout() + p.stderr());

            Path pw = Files.writeString(work.resolve("ops-password"), "ops-pw\n");
            Process ctl = new ProcessBuilder(PooldProcess.launcher().resolveSibling("poolctl").toString(),
                    "--jmx", "127.0.0.1:" + jmxPort, "--user", "ops", "--password-file", pw.toString(), "reload")
                    .redirectErrorStream(true).start();
            String answer = new String(ctl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, ctl.waitFor(), answer);
            assertTrue(answer.contains("reloaded: added [], removed [], retuned [a]"), answer);
            // One reload, poolctl's: the signal started none.
            assertEquals(1, p.stdout().lines().filter(l -> l.contains("INFO poold: reloading ")).count(), p.stdout());

            p.signal("TERM");
            assertEquals(Main.EXIT_OK, p.awaitExit(), p.stdout() + p.stderr());
        }
    }

    /** "it reads the password ... one line of stdin in a script (never from its arguments, where ps would show it)" */
    @Test
    void hashPasswordRefusesAPasswordGivenAsAnArgumentWithoutRepeatingIt() throws Exception {
        for (String command : List.of("--hash-password", "hash-password")) {
            PooldProcess p = PooldProcess.run(work, command, "Hunter2-arg");
            assertEquals(Main.EXIT_USAGE, p.exitCode(), p.stdout() + p.stderr());
            assertEquals("poold: --hash-password takes no argument: it reads the password from stdin\n", p.stderr());
            assertEquals("", p.stdout(), "no hash of the argument");
        }
        // And an empty line is no password.
        try (PooldProcess p = PooldProcess.start(work, Map.of(), "--hash-password")) {
            p.input("\n");
            assertEquals(Main.EXIT_USAGE, p.awaitExit(), p.stderr());
            assertEquals("poold: no password given\n", p.stderr());
        }
    }
}
