package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What install.md and configuration.md promise of {@code bin/poold}'s options: the documented
 * small-daemon memory default when {@code POOLD_MEMORY_OPTS} is empty, replaced (not added to)
 * when it is set, {@code POOLD_JAVA_OPTS} passed on, and neither {@code JAVA_HOME} nor a
 * {@code java} on {@code PATH} used. Read from the running JVM's command line.
 */
class LauncherOptionsProcessTest {

    /** install.md: "empty means the small-daemon default ..." */
    private static final List<String> DOCUMENTED_DEFAULT = List.of("-XX:+UseG1GC", "-XX:GCTimeRatio=499", "-Xms8m",
            "-Xmx256m", "-XX:MaxMetaspaceSize=128m", "-XX:CompileThresholdScaling=10");

    @TempDir
    Path work;

    private Path config() throws IOException {
        return Files.writeString(work.resolve("pools.xml"), "<poold xmlns=\"urn:poold:config:1\">\n<daemon>"
                + "<rmiRegistryPort>" + FreePorts.loopback() + "</rmiRegistryPort><jmxPort>" + FreePorts.loopback()
                + "</jmxPort></daemon>\n<pool name=\"a\" driver=\"h2\"><jdbcUrl>jdbc:h2:mem:a</jdbcUrl></pool>\n</poold>\n");
    }

    private static List<String> commandLine(long pid) throws IOException {
        String raw = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                StandardCharsets.UTF_8);
        return Arrays.asList(raw.split("\0"));
    }

    @Test
    void anEmptyPooldMemoryOptsGivesTheDocumentedDefaultAndJavaOptsArePassedOn() throws Exception {
        try (PooldProcess p = PooldProcess.startReady(work,
                Map.of("POOLD_MEMORY_OPTS", "", "POOLD_JAVA_OPTS", "-Dpoold.claim=one -Dpoold.other=two"), config())) {
            List<String> args = commandLine(p.pid());
            assertTrue(Collections.indexOfSubList(args, DOCUMENTED_DEFAULT) >= 0, "the default in order: " + args);
            assertTrue(args.contains("-Dpoold.claim=one") && args.contains("-Dpoold.other=two"),
                    "split into options, as an environment file writes several: " + args);
            p.signal("TERM");
            assertEquals(Main.EXIT_OK, p.awaitExit(), p.stdout() + p.stderr());
        }
    }

    @Test
    void aPooldMemoryOptsReplacesTheDefaultWhole() throws Exception {
        try (PooldProcess p = PooldProcess.startReady(work,
                Map.of("POOLD_MEMORY_OPTS", "-XX:+UseSerialGC -Xmx96m"), config())) {
            List<String> args = commandLine(p.pid());
            assertTrue(args.contains("-XX:+UseSerialGC") && args.contains("-Xmx96m"), args.toString());
            for (String option : DOCUMENTED_DEFAULT) {
                assertTrue(!args.contains(option), option + " replaced, not kept beside: " + args);
            }
            p.signal("TERM");
            assertEquals(Main.EXIT_OK, p.awaitExit(), p.stdout() + p.stderr());
        }
    }

    /** install.md: "they always run the image's own bin/java ... (JAVA_HOME and PATH are ignored)". */
    @Test
    void neitherJavaHomeNorAJavaOnThePathIsUsed() throws Exception {
        Path fakeJdk = Files.createDirectories(work.resolve("fake-jdk/bin"));
        Path fakeJava = Files.writeString(fakeJdk.resolve("java"), "#!/bin/sh\necho fake java used >&2\nexit 99\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = Map.of("JAVA_HOME", fakeJdk.getParent().toString(),
                "PATH", fakeJdk + ":/usr/bin:/bin");
        try (PooldProcess p = PooldProcess.startInEmptyEnvironment(work, env, "--config", config().toString())) {
            assertTrue(p.awaitOutput("poold ready", 60), p.stdout() + p.stderr());
            Path executable = Path.of("/proc", Long.toString(p.pid()), "exe").toRealPath();
            assertEquals(PooldProcess.launcher().getParent().resolve("java").toRealPath(), executable);
            assertTrue(!p.stderr().contains("fake java"), p.stderr());
            p.signal("TERM");
            assertEquals(Main.EXIT_OK, p.awaitExit(), p.stdout() + p.stderr());
        }
    }
}
