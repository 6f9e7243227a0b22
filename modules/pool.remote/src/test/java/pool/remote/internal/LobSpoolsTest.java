package pool.remote.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import pool.protocol.LobParam;

class LobSpoolsTest {

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void chunksAppendToOneSpoolThatReadsBackFromAnyOffset() throws Exception {
        AtomicLong login = new AtomicLong();
        LobSpools spools = new LobSpools(login, 1 << 20);
        byte[] a = bytes(1000, 1);
        byte[] b = bytes(500, 2);
        spools.append(7, a);
        spools.append(7, b);
        LobSpools.LobContent c = spools.content(new LobParam(LobParam.Kind.BLOB, 1500, null, 7));
        assertEquals(1500, c.length());
        try (InputStream in = c.open(900)) {
            byte[] tail = in.readAllBytes();
            assertArrayEquals(Arrays.copyOfRange(a, 900, 1000), Arrays.copyOfRange(tail, 0, 100));
            assertArrayEquals(b, Arrays.copyOfRange(tail, 100, 600));
        }
        assertEquals(1500, login.get());
    }

    @Test
    void aLoginBeyondItsBudgetIsRefusedWithWhatToDoAndKeepsWhatItHad() throws Exception {
        AtomicLong login = new AtomicLong();
        LobSpools spools = new LobSpools(login, 2000);
        spools.append(1, bytes(1500, 1));
        SQLException e = assertThrows(SQLException.class, () -> spools.append(2, bytes(600, 2)));
        assertEquals("54000", e.getSQLState());
        assertTrue(e.getMessage().contains("poold.remote.lobSpoolBytesPerLogin"), e.getMessage());
        assertEquals(1500, login.get(), "the refused chunk holds nothing");
        assertEquals(1500, spools.content(new LobParam(LobParam.Kind.BLOB, 1500, null, 1)).length());
    }

    @Test
    void theStatementThatNamedASpoolFreesItAndItsFile() throws Exception {
        AtomicLong login = new AtomicLong();
        long before = SpoolBudget.used();
        LobSpools spools = new LobSpools(login, 1 << 20);
        spools.append(3, bytes(100, 3));
        LobParam p = new LobParam(LobParam.Kind.BINARY_STREAM, 100, null, 3);
        spools.content(p);
        spools.freeNamedBy(new Object[] {"x", p});
        assertTrue(spools.isEmpty());
        assertEquals(0, login.get());
        assertEquals(before, SpoolBudget.used());
        SQLException gone = assertThrows(SQLException.class, () -> spools.content(p));
        assertEquals("22000", gone.getSQLState());
    }

    @Test
    void anEndingSessionFreesEverySpool() throws Exception {
        AtomicLong login = new AtomicLong();
        LobSpools spools = new LobSpools(login, 1 << 20);
        spools.append(1, bytes(10, 1));
        spools.append(2, bytes(20, 2));
        spools.freeAll();
        assertTrue(spools.isEmpty());
        assertEquals(0, login.get());
    }

    @Test
    void aParameterWhoseLengthDisagreesWithItsSpoolIsRefused() throws Exception {
        LobSpools spools = new LobSpools(new AtomicLong(), 1 << 20);
        spools.append(1, bytes(10, 1));
        assertThrows(SQLException.class, () -> spools.content(new LobParam(LobParam.Kind.BLOB, 11, null, 1)));
        spools.freeAll();
    }
}
