package pool.client.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ScrollBufferTest {

    private static Object[][] batch(int first, int n) {
        Object[][] rows = new Object[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new Object[] {first + i, "row " + (first + i) + " " + "x".repeat(200), null};
        }
        return rows;
    }

    @Test
    void rowsBeyondTheMemoryBoundGoToAFileAndComeBackInAnyOrder() throws Exception {
        ScrollBuffer b = new ScrollBuffer();
        int perBatch = 1000;
        int batches = 100; // some 25 MB of rows: most of them in the file
        for (int i = 0; i < batches; i++) {
            b.add(batch(i * perBatch, perBatch));
        }
        b.add(new Object[0][]);
        assertEquals((long) perBatch * batches, b.size());
        for (long row : new long[] {99_999, 0, 50_000, 50_001, 12_345, 99_000, 1}) {
            Object[] r = b.row(row);
            assertEquals((int) row, r[0]);
            assertArrayEquals(new Object[] {(int) row, "row " + row + " " + "x".repeat(200), null}, r);
        }
        b.free();
    }
}
