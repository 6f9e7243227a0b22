package pool.testsupport.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pool.testsupport.db.internal.ServerProcess;
import pool.testsupport.db.internal.Unprivileged;

class ServerProcessTest {
    @TempDir
    Path dir;

    @Test
    void failingToolReportsItsExitCodeAndOutput() {
        Unprivileged.current().own(dir);
        Path log = dir.resolve("server.log");

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> ServerProcess.run("initdb",
                List.of("sh", "-c", "echo 'FATAL: data directory has wrong ownership'; exit 3"), Map.of(), dir, log,
                Duration.ofSeconds(30)));

        assertTrue(failure.getMessage().contains("exit code 3"), failure.getMessage());
        assertTrue(failure.getMessage().contains("FATAL: data directory has wrong ownership"), failure.getMessage());
    }

    @Test
    void serverRunsAsTheUnprivilegedUserAndItsPidIsRecordedUntilItDies() throws Exception {
        Unprivileged.current().own(dir);
        Path pidFile = dir.resolve("server.pid");
        ServerProcess server = ServerProcess.start(List.of("sh", "-c", "id -u; exec sleep 30"), Map.of(), dir,
                dir.resolve("server.log"), pidFile);

        assertTrue(Files.readString(pidFile).trim().equals(Long.toString(server.pid())));
        server.kill();

        assertFalse(server.isAlive());
        assertFalse(Files.exists(pidFile), "pid file of a dead server");
        String uid = Files.readString(dir.resolve("server.log")).trim();
        if (Unprivileged.current().switchesUser()) {
            assertFalse(uid.equals("0"), "server ran as root");
        }
    }
}
