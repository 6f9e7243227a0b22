package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pool.api.Durations;
import pool.daemon.config.TestFiles;
import pool.daemon.systemd.NotifyListener;

/**
 * poold under systemd: the notifications of {@code Type=notify}, received on a socket of
 * the test's own as systemd receives them, and the unit, sysusers and tmpfiles files as
 * systemd's own tools read them (scripts/test installs the systemd package for them).
 */
class SystemdProcessTest {

    private static final java.time.Duration WAIT = java.time.Duration.ofSeconds(60);

    @TempDir
    Path work;

    private Path config() throws IOException {
        return Files.writeString(work.resolve("pools.xml"), "<poold xmlns=\"urn:poold:config:1\">\n<daemon>"
                + "<drainTimeout>5s</drainTimeout><rmiRegistryPort>" + FreePorts.loopback() + "</rmiRegistryPort>"
                + "<jmxPort>" + FreePorts.loopback() + "</jmxPort></daemon>\n"
                + "<pool name=\"a\" driver=\"h2\"><jdbcUrl>jdbc:h2:mem:a</jdbcUrl></pool>\n</poold>\n");
    }

    @Test
    void tellsSystemdReadyThenReloadingAndReadyThenStopping() throws Exception {
        Path config = config();
        try (NotifyListener systemd = NotifyListener.bind(work.resolve("notify").toString());
             PooldProcess p = PooldProcess.start(work, Map.of("NOTIFY_SOCKET", systemd.name()),
                     "--config", config.toString())) {
            String ready = systemd.receive(WAIT);
            assertEquals("READY=1\nSTATUS=1 pool(s) from " + config, ready, p.stdout() + p.stderr());
            // READY=1 means started: every pool up and published.
            assertTrue(p.awaitOutput("poold ready", 10), p.stdout());
            assertTrue(p.stdout().contains("published pool a as pools/a"), p.stdout());

            p.signal("HUP");
            String reloading = systemd.receive(WAIT);
            assertNotNull(reloading, p.stdout());
            assertTrue(reloading.matches("RELOADING=1\nMONOTONIC_USEC=\\d+\nSTATUS=reloading " + Pattern.quote(
                    config.toString())), reloading);
            assertEquals("READY=1\nSTATUS=reloaded: no pool changed", systemd.receive(WAIT));

            // A rejected file leaves poold running on the old one: it is ready again, and says why.
            Files.writeString(config, "<poold xmlns=\"urn:poold:config:1\"><pool name=\"a\"/></poold>");
            p.signal("HUP");
            assertTrue(systemd.receive(WAIT).startsWith("RELOADING=1\n"));
            String rejected = systemd.receive(WAIT);
            assertTrue(rejected.startsWith("READY=1\nSTATUS=reload rejected ("), rejected);

            p.signal("TERM");
            assertEquals("STOPPING=1\nSTATUS=stopping on SIGTERM: draining for at most 5s", systemd.receive(WAIT));
            assertEquals(Main.EXIT_OK, p.awaitExit(), p.stdout() + p.stderr());
        }
    }

    // ---- the unit and its companions, read by systemd's own tools ----

    private static Path systemdDir() {
        return TestFiles.projectRoot().resolve("systemd");
    }

    private static boolean has(String tool) {
        return Files.isExecutable(Path.of("/usr/bin", tool)) || Files.isExecutable(Path.of("/bin", tool));
    }

    private record Run(int exit, String output) {
    }

    private static Run run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), output);
    }

    @Test
    void theUnitVerifiesCleanAgainstTheBuiltImage() throws Exception {
        assumeTrue(has("systemd-analyze"), "systemd-analyze is in the systemd package (scripts/test installs it)");
        Path image = PooldProcess.launcher().getParent().getParent().toRealPath();
        String unit = Files.readString(systemdDir().resolve("poold.service"));
        assertTrue(unit.contains("ExecStart=/opt/poold/bin/poold "), unit);
        // The unit as installed, with the image where /opt/poold would be.
        Path installed = Files.writeString(work.resolve("poold.service"), unit.replace("/opt/poold/", image + "/"));

        Run verify = run("systemd-analyze", "verify", installed.toString());

        assertEquals(0, verify.exit, verify.output);
        assertEquals("", verify.output.strip());
        // The shipped file on a machine without /opt/poold: that is all verify may find.
        Run shipped = run("systemd-analyze", "verify", systemdDir().resolve("poold.service").toString());
        assertTrue(shipped.output.lines().allMatch(l -> l.contains("/opt/poold/bin/poold")), shipped.output);
    }

    @Test
    void systemdWaitsLongerForAStopThanTheDefaultConfigurationDrains() throws Exception {
        Matcher stop = Pattern.compile("(?m)^TimeoutStopSec=(\\S+)$")
                .matcher(Files.readString(systemdDir().resolve("poold.service")));
        Matcher drain = Pattern.compile("<drainTimeout>([^<]+)</drainTimeout>")
                .matcher(Files.readString(TestFiles.projectRoot().resolve("config/pools.xml")));
        assertTrue(stop.find() && drain.find());
        // Past TimeoutStopSec systemd kills the process: the stop's whole bound must end before it.
        assertTrue(Durations.parse(stop.group(1)).compareTo(StopBound.of(Durations.parse(drain.group(1)))) > 0,
                "TimeoutStopSec=" + stop.group(1) + ", drainTimeout " + drain.group(1));
    }

    /**
     * install.md: "Restart=on-failure, except for exit codes 64 (usage) and 78 (configuration
     * error), which a restart cannot cure": the unit's codes are those poold exits with.
     */
    @Test
    void systemdRestartsAFailedDaemonButNotOneThatExitedForUsageOrConfiguration() throws Exception {
        String unit = Files.readString(systemdDir().resolve("poold.service"));
        Matcher restart = Pattern.compile("(?m)^Restart=(\\S+)$").matcher(unit);
        assertTrue(restart.find(), unit);
        assertEquals("on-failure", restart.group(1));
        Matcher prevent = Pattern.compile("(?m)^RestartPreventExitStatus=(.+)$").matcher(unit);
        assertTrue(prevent.find(), unit);
        assertEquals(java.util.Set.of(Integer.toString(Main.EXIT_USAGE), Integer.toString(Main.EXIT_CONFIG)),
                java.util.Set.of(prevent.group(1).trim().split("\\s+")));
        assertTrue(!prevent.find(), "one RestartPreventExitStatus line: " + unit);
    }

    @Test
    void theUnitsExposureIsAtMostTwo() throws Exception {
        assumeTrue(has("systemd-analyze"), "systemd-analyze is in the systemd package (scripts/test installs it)");
        Run security = run("systemd-analyze", "security", "--offline=yes", "--no-pager",
                systemdDir().resolve("poold.service").toString());
        Matcher level = Pattern.compile("Overall exposure level for poold\\.service: (\\d+\\.\\d+)")
                .matcher(security.output);
        assertTrue(level.find(), security.output);
        double exposure = Double.parseDouble(level.group(1));
        assertTrue(exposure <= 2.0, "exposure " + exposure + ":\n" + security.output);
    }

    @Test
    void sysusersMakesThePooldUserAndTmpfilesItsConfigurationDirectories() throws Exception {
        assumeTrue(has("systemd-sysusers") && has("systemd-tmpfiles"), "systemd-sysusers and systemd-tmpfiles"
                + " are in the systemd package (scripts/test installs it)");
        assumeTrue("root".equals(System.getProperty("user.name")), "giving /etc/poold to group poold needs root");
        // A root of the test's own: nothing is created on this machine.
        Path root = Files.createDirectories(work.resolve("root/etc"));
        Run users = run("systemd-sysusers", "--root=" + root.getParent(), systemdDir().resolve("poold.sysusers").toString());
        assertEquals(0, users.exit, users.output);
        String passwd = Files.readString(root.resolve("passwd"));
        Matcher user = Pattern.compile("(?m)^poold:x:(\\d+):(\\d+):[^:]*:/var/lib/poold:(/usr)?/sbin/nologin$")
                .matcher(passwd);
        assertTrue(user.find(), passwd);
        int gid = Integer.parseInt(user.group(2));

        Run tmpfiles = run("systemd-tmpfiles", "--create", "--root=" + root.getParent(),
                systemdDir().resolve("poold.tmpfiles").toString());

        assertEquals(0, tmpfiles.exit, tmpfiles.output);
        assertOwnedAndMode(root.resolve("poold"), 0, gid, "rwxr-x---");
        assertOwnedAndMode(root.resolve("poold/secrets"), 0, 0, "rwx------");
    }

    private static void assertOwnedAndMode(Path dir, int uid, int gid, String mode) throws IOException {
        assertTrue(Files.isDirectory(dir), dir.toString());
        assertEquals(uid, Files.getAttribute(dir, "unix:uid"), dir.toString());
        assertEquals(gid, Files.getAttribute(dir, "unix:gid"), dir.toString());
        PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class);
        assertEquals(mode, java.nio.file.attribute.PosixFilePermissions.toString(attributes.permissions()), dir.toString());
    }

    @Test
    void theImageShipsTheUnitAndItsCompanions() throws IOException {
        Path image = PooldProcess.launcher().getParent().getParent();
        List<String> missing = new ArrayList<>();
        for (String file : List.of("poold.service", "poold.env", "poold.sysusers", "poold.tmpfiles")) {
            if (!Files.readString(systemdDir().resolve(file)).equals(Files.readString(image.resolve("systemd/" + file)))) {
                missing.add(file);
            }
        }
        assertEquals(List.of(), missing, "differ between systemd/ and the image's systemd/");
    }
}
