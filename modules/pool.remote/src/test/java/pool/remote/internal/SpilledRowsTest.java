package pool.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pool.protocol.Rows;

class SpilledRowsTest {

    private Connection h2;

    @BeforeEach
    void open() throws Exception {
        h2 = DriverManager.getConnection("jdbc:h2:mem:spilled" + System.nanoTime());
    }

    @AfterEach
    void close() throws Exception {
        h2.close();
    }

    private Cursor.Streaming streaming(int rows, int fetchSize) throws SQLException {
        Statement st = h2.createStatement();
        ResultSet rs = st.executeQuery("select x, 'row ' || x from system_range(1, " + rows + ") order by x");
        return new Cursor.Streaming(st, rs, RowReader.columns(rs.getMetaData()), fetchSize, false);
    }

    @Test
    void theRestOfAResultReadsBackFromDiskInTheClientsBatchesAndItsBytesAreGivenBack() throws Exception {
        AtomicLong login = new AtomicLong();
        long before = SpoolBudget.used();
        Cursor.Streaming open = streaming(10_000, 300);
        assertEquals(300, open.read(300).size()); // the client read a batch before the next statement
        Cursor spilled = SpilledRows.of(open, login, 1 << 30);
        assertTrue(login.get() > 0, "the rows are charged to the login");
        long expected = 301;
        Rows batch;
        do {
            batch = spilled.read(1000);
            for (Object[] row : batch.data()) {
                assertEquals(expected, ((Number) row[0]).longValue());
                assertEquals("row " + expected, row[1]);
                expected++;
            }
        } while (!batch.last());
        assertEquals(10_001, expected);
        spilled.closeQuietly();
        assertEquals(0, login.get());
        assertEquals(before, SpoolBudget.used());
    }

    @Test
    void aLoginOutOfBudgetGetsTheRowsThatFitThenAClearError() throws Exception {
        AtomicLong login = new AtomicLong();
        Cursor spilled = SpilledRows.of(streaming(10_000, 100), login, 4096);
        long rows = 0;
        SQLException e = null;
        try {
            Rows batch;
            do {
                batch = spilled.read(100);
                rows += batch.size();
            } while (!batch.last());
        } catch (SQLException thrown) {
            e = thrown;
        }
        assertTrue(e != null, "the budget ran out");
        assertEquals("54000", e.getSQLState());
        assertTrue(rows > 0 && rows < 10_000, rows + " rows fit");
        spilled.closeQuietly();
        assertEquals(0, login.get());
        assertThrows(SQLException.class, () -> spilled.read(1), "closed");
    }

    @Test
    void anEmptyRestEndsAtOnce() throws Exception {
        Cursor.Streaming open = streaming(5, 10);
        assertEquals(5, open.read(10).size());
        Cursor spilled = SpilledRows.of(open, new AtomicLong(), 1 << 20);
        Rows batch = spilled.read(10);
        assertEquals(0, batch.size());
        assertTrue(batch.last());
        assertFalse(batch.data().length > 0);
        spilled.closeQuietly();
    }
}
