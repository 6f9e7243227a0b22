package pool.testsupport.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pool.testsupport.db.internal.DataRoot;
import pool.testsupport.db.internal.Unprivileged;

/** Leftovers of a JVM that was killed before it could stop its servers. */
class DataRootTest {
    private static final System.Logger LOG = System.getLogger(DataRootTest.class.getName());

    @TempDir
    Path base;

    @Test
    void serverLeftByAKilledRunIsKilledAndItsDirectoryDeleted() throws Exception {
        Path leftoverRun = Files.createDirectories(base.resolve("run-1"));
        Files.createFile(leftoverRun.resolve("run.lock")); // nobody holds it: that JVM is gone
        Path serverDir = Files.createDirectories(leftoverRun.resolve("postgres"));
        Files.createFile(serverDir.resolve("server.log"));
        // Any long-running process whose command line names the server directory stands in
        // for the orphaned server.
        Process orphan = new ProcessBuilder("tail", "-f", serverDir.resolve("server.log").toString()).start();
        Files.writeString(serverDir.resolve(DataRoot.PID_FILE), Long.toString(orphan.pid()));

        DataRoot root = DataRoot.create(base, LOG);
        try {
            assertTrue(orphan.waitFor(10, TimeUnit.SECONDS), "leftover server still running");
            assertFalse(Files.exists(leftoverRun));
            assertTrue(Files.isDirectory(root.runDirectory()));
        } finally {
            orphan.destroyForcibly();
            root.close();
        }
    }

    @Test
    void processWhosePidWasReusedIsLeftAlone() throws Exception {
        Path leftoverRun = Files.createDirectories(base.resolve("run-2"));
        Files.createFile(leftoverRun.resolve("run.lock"));
        Path serverDir = Files.createDirectories(leftoverRun.resolve("mariadb"));
        // The pid now belongs to an unrelated process: its command line does not name serverDir.
        Process unrelated = new ProcessBuilder("sleep", "30").start();
        Files.writeString(serverDir.resolve(DataRoot.PID_FILE), Long.toString(unrelated.pid()));

        DataRoot root = DataRoot.create(base, LOG);
        try {
            assertFalse(unrelated.waitFor(Duration.ofMillis(300).toMillis(), TimeUnit.MILLISECONDS), "unrelated process killed");
        } finally {
            unrelated.destroyForcibly();
            root.close();
        }
    }

    @Test
    void runOfAnotherLiveJvmIsLeftAlone() throws Exception {
        Path liveRun = Files.createDirectories(base.resolve("run-3"));
        Path lockFile = liveRun.resolve("run.lock");
        Path holder = base.resolve("HoldLock.java");
        Files.writeString(holder, """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class HoldLock {
                    public static void main(String[] a) throws Exception {
                        FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        c.lock();
                        System.out.println("locked");
                        Thread.sleep(60_000); // holds the lock until the test destroys this JVM
                    }
                }
                """);
        Process otherJvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                holder.toString(), lockFile.toString()).redirectErrorStream(true).start();
        try {
            assertEquals("locked", otherJvm.inputReader().readLine());

            DataRoot.create(base, LOG).close();

            assertTrue(Files.exists(lockFile), "live run directory was deleted");
        } finally {
            otherJvm.destroyForcibly();
        }
    }

    @Test
    void baseTheServerUserCannotReachIsReplacedByOneUnderTmp() throws IOException {
        assumeTrue(Unprivileged.current().switchesUser(), "only as root do servers run as another user");
        Path hidden = Files.createDirectories(base.resolve("private"));
        Files.setPosixFilePermissions(hidden, PosixFilePermissions.fromString("rwx------"));
        Path unreachable = hidden.resolve("deeper").resolve("dbs");
        Files.createDirectories(unreachable.getParent());

        DataRoot root = DataRoot.create(unreachable, LOG);
        try {
            assertTrue(root.runDirectory().startsWith(Path.of("/tmp")), root.runDirectory().toString());
        } finally {
            root.close();
            deleteTree(root.runDirectory().getParent());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
