package pool.client.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LobDataTest {

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void contentBeyondOneMegabyteMovesToATemporaryFileAndReadsBackAtAnyPosition() throws Exception {
        byte[] b = bytes(3 * LobData.MEMORY_BYTES + 17);
        LobData d = LobData.read(new ByteArrayInputStream(b), Long.MAX_VALUE);
        assertEquals(b.length, d.length());
        assertArrayEquals(Arrays.copyOfRange(b, LobData.MEMORY_BYTES - 5, LobData.MEMORY_BYTES + 5),
                d.bytes(LobData.MEMORY_BYTES - 5, 10));
        assertArrayEquals(b, d.stream(0, Long.MAX_VALUE).readAllBytes());
        assertArrayEquals(Arrays.copyOfRange(b, 100, 300), d.stream(100, 200).readAllBytes());
        d.write(1, new byte[] {9, 9}, 0, 2);
        assertEquals(9, d.bytes(1, 1)[0]);
        d.truncate(10);
        assertEquals(10, d.length());
        assertEquals(0, d.stream(10, 5).readAllBytes().length);
        d.free();
        assertThrows(IllegalStateException.class, () -> d.bytes(0, 1));
    }

    @Test
    void aStreamIsReadUpToItsLength() throws Exception {
        LobData d = LobData.read(new ByteArrayInputStream(bytes(100)), 40);
        assertEquals(40, d.length());
    }

    @Test
    void aBlobWritesAtPositionsAndSearches() throws Exception {
        RemoteBlob blob = new RemoteBlob(new LobData());
        blob.setBytes(1, "hello world".getBytes(StandardCharsets.US_ASCII));
        blob.setBytes(7, "WORLD!".getBytes(StandardCharsets.US_ASCII));
        assertEquals("hello WORLD!", new String(blob.getBytes(1, 100), StandardCharsets.US_ASCII));
        assertEquals(7, blob.position("WORLD".getBytes(StandardCharsets.US_ASCII), 1));
        assertEquals(-1, blob.position("WORLD".getBytes(StandardCharsets.US_ASCII), 8));
        SQLException hole = assertThrows(SQLException.class, () -> blob.setBytes(20, new byte[1]));
        assertTrue(hole.getMessage().contains("past the Blob's end"), hole.getMessage());
        assertThrows(SQLException.class, () -> blob.getBytes(0, 1), "positions start at 1");
        blob.free();
        assertThrows(SQLException.class, blob::length);
    }

    @Test
    void aClobKeepsEveryCharacterAndCountsPositionsInChars() throws Exception {
        String s = "a𝄞ü日".repeat(300_000); // beyond the heap part, surrogate pairs across the 1 MiB line
        RemoteClob clob = RemoteClob.read(new StringReader(s), Long.MAX_VALUE);
        assertEquals(s.length(), clob.length());
        assertEquals(s.substring(1000, 1010), clob.getSubString(1001, 10));
        assertEquals(s, clob.getSubString(1, (int) clob.length()));
        clob.setString(2, "XY");
        assertEquals("aXYü", clob.getSubString(1, 4));
        assertEquals(2, clob.position("XY", 1));
        assertEquals(-1, clob.position("XY", 3));
        clob.truncate(3);
        assertEquals("aXY", clob.getSubString(1, 10));
        assertEquals("aXY", new String(clob.getAsciiStream().readAllBytes(), StandardCharsets.US_ASCII));
        clob.free();
        assertThrows(SQLException.class, clob::length);
    }
}
