package pool.testsupport.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pool.testsupport.db.internal.LogTail;

class LogTailTest {
    @TempDir
    Path dir;

    @Test
    void showsOnlyWhatWasWrittenSinceTheOffset() throws IOException {
        Path log = dir.resolve("server.log");
        Files.writeString(log, "old start\nold failure\n");
        long offset = Files.size(log);
        Files.writeString(log, "new start\nFATAL: port in use\n", java.nio.file.StandardOpenOption.APPEND);

        assertEquals("new start\nFATAL: port in use", LogTail.of(log, offset, 40));
    }

    @Test
    void keepsTheLastLines() throws IOException {
        Path log = dir.resolve("server.log");
        Files.writeString(log, "1\n2\n3\n4\n");

        assertEquals("3\n4", LogTail.of(log, 0, 2));
    }
}
