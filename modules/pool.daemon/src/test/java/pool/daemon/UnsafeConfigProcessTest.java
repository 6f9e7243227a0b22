package pool.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pool.daemon.config.TestFiles;

/**
 * Configurations that would hand a stranger the daemon, refused by the packaged daemon
 * with exit code 78 and the line to change, at --check-config and at start.
 */
class UnsafeConfigProcessTest {

    @TempDir
    Path work;

    @Test
    void aPublishedH2PoolLoggingInAsAnAdministratorIsRefusedUnlessDeliberate() throws Exception {
        String text = Files.readString(TestFiles.brokenConfig("published-h2-administrator.xml"));
        Path file = Files.writeString(work.resolve("scratch.xml"), text);

        PooldProcess refused = PooldProcess.run(work, "--check-config", file.toString());

        assertEquals(Main.EXIT_CONFIG, refused.exitCode(), refused.stdout() + refused.stderr());
        assertTrue(refused.stderr().matches("(?s)\\Q" + file + "\\E:6:\\d+: pool 'scratch': client users \\(app\\)"
                + " may use this pool, and it logs in to its in-memory H2 database as an administrator .*"
                + "h2Admin=\"deliberate\" on <pool>\\R.*"), refused.stderr());

        Files.writeString(file, text.replace("<pool name=\"scratch\" driver=\"h2\">",
                "<pool name=\"scratch\" driver=\"h2\" h2Admin=\"deliberate\">"));
        PooldProcess deliberate = PooldProcess.run(work, "--check-config", file.toString());
        assertEquals(Main.EXIT_OK, deliberate.exitCode(), deliberate.stdout() + deliberate.stderr());
        assertTrue(deliberate.stdout().contains("configuration is valid (1 pool: scratch)"), deliberate.stdout());
    }

    @Test
    void theShippedDemoUserBeyondLoopbackStopsTheStartBeforeAnythingListens() throws Exception {
        int registryPort = FreePorts.loopback();
        String shipped = Files.readString(TestFiles.projectRoot().resolve("config/pools.xml"));
        assertTrue(shipped.contains("<listenAddress>127.0.0.1</listenAddress>"), "the shipped listen address");
        Path file = Files.writeString(work.resolve("public.xml"), shipped
                .replace("<listenAddress>127.0.0.1</listenAddress>", "<listenAddress>0.0.0.0</listenAddress>")
                .replace("<rmiRegistryPort>1099<", "<rmiRegistryPort>" + registryPort + "<")
                .replace("<jmxPort>9010<", "<jmxPort>" + FreePorts.loopback() + "<"));
        int userLine = 1 + (int) shipped.lines().takeWhile(l -> !l.contains("<user name=\"demo\"")).count();

        for (String command : new String[] {"--check-config", "--config"}) {
            PooldProcess p = PooldProcess.run(work, command, file.toString());

            assertEquals(Main.EXIT_CONFIG, p.exitCode(), command + ": " + p.stdout() + p.stderr());
            assertTrue(p.stderr().startsWith(file + ":" + userLine + ":"), p.stderr());
            assertTrue(p.stderr().contains("client user 'demo' still has the demo hash config/pools.xml ships"),
                    p.stderr());
            assertTrue(p.stderr().contains("give the user a password of your own (poold --hash-password prints its"
                    + " hash)"), p.stderr());
            assertTrue(p.stdout().isEmpty(), "nothing started, nothing listened: " + p.stdout());
        }
    }
}
