package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import pool.daemon.config.TestFiles;
import pool.daemon.security.PasswordHash;

/** The command line of the packaged daemon: exit codes and messages, as systemd and operators see them. */
class PooldProcessTest {

    @TempDir
    Path work;

    static Stream<Path> brokenFiles() throws IOException {
        return TestFiles.brokenConfigs().stream();
    }

    @ParameterizedTest
    @MethodSource("brokenFiles")
    void checkConfigRefusesABrokenFileWithExit78NamingTheLine(Path file) throws Exception {
        PooldProcess p = PooldProcess.run(work, "--check-config", file.toString());
        int line = TestFiles.markedErrorLine(file);
        assertEquals(Main.EXIT_CONFIG, p.exitCode(), p.stderr());
        assertTrue(p.stderr().startsWith(file + ":" + line + ":"),
                "expected a message for line " + line + ", got: " + p.stderr());
    }

    @Test
    void checkConfigAcceptsTheDefaultConfiguration() throws Exception {
        Path file = TestFiles.projectRoot().resolve("config/pools.xml");
        PooldProcess p = PooldProcess.run(work, "--check-config", file.toString());
        assertEquals(Main.EXIT_OK, p.exitCode(), p.stderr());
        assertTrue(p.stdout().contains("configuration is valid (1 pool: demo)"), p.stdout());
    }

    @Test
    void missingConfigurationFileExits78() throws Exception {
        PooldProcess p = PooldProcess.run(work, "--check-config", work.resolve("absent.xml").toString());
        assertEquals(Main.EXIT_CONFIG, p.exitCode());
        assertTrue(p.stderr().contains("absent.xml: configuration file not found or not readable"), p.stderr());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--frobnicate", "--config", "--check-config a.xml b.xml"})
    void usageErrorsExit64(String args) throws Exception {
        PooldProcess p = PooldProcess.run(work, args.isEmpty() ? new String[0] : args.split(" "));
        assertEquals(Main.EXIT_USAGE, p.exitCode(), p.stderr());
        assertTrue(p.stderr().contains("usage: poold"), p.stderr());
    }

    @Test
    void hashPasswordReadsStdinAndPrintsAVerifiableHash() throws Exception {
        try (PooldProcess p = PooldProcess.start(work, Map.of(), "--hash-password")) {
            p.input("s3cret\n");
            assertEquals(Main.EXIT_OK, p.awaitExit(), p.stderr());
            String stored = p.stdout().strip();
            assertTrue(PasswordHash.parse(stored).matches("s3cret".toCharArray()), stored);
        }
    }

    @Test
    void helpExits0() throws Exception {
        PooldProcess p = PooldProcess.run(work, "--help");
        assertEquals(Main.EXIT_OK, p.exitCode());
        assertTrue(p.stdout().contains("--check-config FILE"), p.stdout());
    }
}
