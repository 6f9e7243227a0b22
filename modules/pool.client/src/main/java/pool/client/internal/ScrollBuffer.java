package pool.client.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import pool.protocol.Reply;
import pool.protocol.Result;
import pool.protocol.Rows;
import pool.protocol.Wire;

/**
 * The rows of a scroll-insensitive result read so far, batch by batch as the daemon sent
 * them: in the heap up to {@link #MEMORY_BYTES} (estimated), then each further batch
 * written to a temporary file in the wire format and read back, one batch at a time, when
 * the application moves onto it. So a scrollable result of any size costs the client's
 * heap some {@link #MEMORY_BYTES} plus one batch; the daemon holds an ordinary
 * forward-only cursor.
 */
final class ScrollBuffer {

    /** Rows kept in the heap before batches go to a temporary file: 8 MiB, estimated. */
    static final long MEMORY_BYTES = 8L << 20;

    /** One batch: its rows in the heap, or where its frame is in the file. */
    private static final class Batch {
        final long first;
        final int count;
        Object[][] rows;
        long offset;
        int frameLength;

        Batch(long first, int count) {
            this.first = first;
            this.count = count;
        }
    }

    private final List<Batch> batches = new ArrayList<>();
    private long rows;
    private long memory;
    private TempFiles.Handle spill;
    /** End of what was written to {@link #spill}. */
    private long spillEnd;
    /** The spilled batch read back last. */
    private Batch loaded;
    private Object[][] loadedRows;

    long size() {
        return rows;
    }

    void add(Object[][] data) throws SQLException {
        if (data.length == 0) {
            return;
        }
        Batch b = new Batch(rows, data.length);
        long bytes = estimate(data);
        if (memory + bytes <= MEMORY_BYTES) {
            b.rows = data;
            memory += bytes;
        } else {
            write(b, data);
        }
        batches.add(b);
        rows += data.length;
    }

    private void write(Batch b, Object[][] data) throws SQLException {
        byte[] frame = Wire.encode(new Reply(0, null, List.of(new Result.Fetched(new Rows(null, data, false))), null));
        try {
            if (spill == null) {
                spill = TempFiles.create(this, "poold-scroll-");
            }
            ByteBuffer buf = ByteBuffer.wrap(frame);
            b.offset = spillEnd;
            b.frameLength = frame.length;
            while (buf.hasRemaining()) {
                spillEnd += spill.channel.write(buf, spillEnd);
            }
        } catch (IOException e) {
            throw new SQLException("a scrollable result beyond " + MEMORY_BYTES + " bytes needs a temporary file, which"
                    + " could not be written in " + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(),
                    "HY001", e);
        }
    }

    /** @return row {@code index} (0-based, below {@link #size()}) */
    Object[] row(long index) throws SQLException {
        int lo = 0;
        int hi = batches.size() - 1;
        while (lo < hi) { // the last batch whose first row is at most index
            int mid = (lo + hi + 1) >>> 1;
            if (batches.get(mid).first <= index) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        Batch b = batches.get(lo);
        Object[][] data = b.rows != null ? b.rows : load(b);
        return data[(int) (index - b.first)];
    }

    private Object[][] load(Batch b) throws SQLException {
        if (loaded != b) {
            byte[] frame = new byte[b.frameLength];
            try {
                ByteBuffer buf = ByteBuffer.wrap(frame);
                while (buf.hasRemaining()) {
                    if (spill.channel.read(buf, b.offset + buf.position()) < 0) {
                        throw new IOException("the file ends early");
                    }
                }
                loadedRows = ((Result.Fetched) Wire.decodeReply(frame).results().get(0)).rows().data();
            } catch (IOException e) { // a WireException too
                throw new SQLException("reading back a scrollable result's rows from " + spill.file + " failed: "
                        + e.getMessage(), "HY000", e);
            }
            loaded = b;
        }
        return loadedRows;
    }

    void free() {
        batches.clear();
        loaded = null;
        loadedRows = null;
        if (spill != null) {
            spill.delete();
        }
    }

    /** A rough size of rows in the heap: object headers, references, characters and bytes. */
    static long estimate(Object[][] data) {
        long n = 16L * data.length;
        for (Object[] row : data) {
            n += 16 + 8L * row.length;
            for (Object v : row) {
                if (v instanceof String s) {
                    n += 40 + s.length();
                } else if (v instanceof byte[] b) {
                    n += 16 + b.length;
                } else if (v != null) {
                    n += 24;
                }
            }
        }
        return n;
    }
}
