package pool.remote.internal;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import pool.protocol.Column;
import pool.protocol.Frame;
import pool.protocol.Reply;
import pool.protocol.Result;
import pool.protocol.Rows;
import pool.protocol.Wire;

/**
 * The rest of an open result set aside on disk: a driver that would otherwise read it into
 * the daemon's heap (MariaDB's, before the connection's next statement; PostgreSQL's, when
 * the daemon ends the transaction a streamed autocommit result ran in) is made to hand it
 * over batch by batch first, each batch written to a temporary file in the wire format and
 * charged to the login's {@link SpoolBudget}, and the client reads it from there as it
 * would have from the driver. The heap holds one batch at a time.
 */
final class SpilledRows implements Cursor {

    private final int fetchSize;
    private final AtomicLong loginBytes;
    private final long perLogin;
    private final Path file;
    private final FileChannel channel;
    /** Appends to {@link #channel}, whose position only writes move (reads give their own). */
    private final DataOutputStream out;
    /** Frame lengths in file order, and rows per frame. */
    private final ArrayDeque<int[]> frames = new ArrayDeque<>();
    private long readAt;
    private long bytes;
    private SQLException error;
    /**
     * The statement's results after this one, read when it was set aside (the statement is closed
     * then): update counts ({@code Long}) and results of rows set aside the same way.
     */
    private final ArrayDeque<Object> ahead = new ArrayDeque<>();
    private SQLException furtherError;
    /** The columns of a result after the first, sent with its first rows; null for the first. */
    private List<Column> columns;
    private Object[][] current;
    private int next;
    private boolean closed;

    private SpilledRows(int fetchSize, AtomicLong loginBytes, long perLogin, Path file, FileChannel channel) {
        this.fetchSize = fetchSize;
        this.loginBytes = loginBytes;
        this.perLogin = perLogin;
        this.file = file;
        this.channel = channel;
        this.out = new DataOutputStream(Channels.newOutputStream(channel));
    }

    /**
     * Reads the rest of {@code streaming} to disk and closes it, and so the results after it, if
     * the statement has any (each set aside the same way). Never throws: an error while reading
     * (or the budget running out) is reported after the rows read before it.
     */
    static Cursor of(Cursor.Streaming streaming, AtomicLong loginBytes, long perLogin) {
        // The rows go to disk a batch at a time, not into the reply: they hold none of the call's memory.
        return CallMemory.outside(() -> {
            Cursor spilled = spill(streaming, loginBytes, perLogin);
            if (spilled instanceof SpilledRows rows && rows.error == null && streaming.moreResults()) {
                rows.readAhead(streaming.statement(), streaming.fetchSize());
            }
            streaming.closeQuietly();
            return spilled;
        });
    }

    /**
     * Reads the rest of {@code streaming}'s result to disk and closes that result, leaving its
     * statement open for the results after it ({@code KEEP_CURRENT_RESULT}). Never throws, as
     * {@link #of}.
     */
    static Cursor keep(Cursor.Streaming streaming, AtomicLong loginBytes, long perLogin) {
        return CallMemory.outside(() -> {
            Cursor spilled = spill(streaming, loginBytes, perLogin);
            streaming.closeResult();
            return spilled;
        });
    }

    /** The rest of {@code streaming}'s rows to disk; closes nothing. */
    private static Cursor spill(Cursor.Streaming streaming, AtomicLong loginBytes, long perLogin) {
        SpilledRows spilled;
        try {
            Path file = Files.createTempFile(SpoolBudget.DIR, "poold-rows-", ".spool",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            spilled = new SpilledRows(streaming.fetchSize(), loginBytes, perLogin, file,
                    FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                            StandardOpenOption.DELETE_ON_CLOSE));
        } catch (IOException e) {
            // No disk: the rows are dropped rather than read into the heap, which has no room for them.
            return new Cursor.Buffered(new Object[0][], noDisk(e), streaming.fetchSize());
        }
        try {
            Rows batch;
            do {
                batch = streaming.read(Math.max(streaming.fetchSize(), 1));
                spilled.write(batch.data());
            } while (!batch.last());
        } catch (SQLException e) {
            spilled.error = e;
        } catch (IOException | RuntimeException e) {
            spilled.error = new SQLException("setting the rest of a result aside on the daemon's disk failed: " + e,
                    "58030", e);
        }
        return spilled;
    }

    private static SQLException noDisk(IOException e) {
        return new SQLException("poold could not set the rest of this result aside in " + SpoolBudget.DIR
                + " before the connection's next statement: " + e.getMessage() + "; read results to their end (or"
                + " close them) before running another statement on the connection", "58030", e);
    }

    /** Sets the statement's results after this one aside, each as this one; the first error ends them. */
    private void readAhead(Statement st, int fetchSize) {
        try {
            while (true) {
                if (!st.getMoreResults()) {
                    long count = st.getUpdateCount();
                    if (count == -1) {
                        return;
                    }
                    ahead.add(count);
                    continue;
                }
                try (ResultSet rs = st.getResultSet()) {
                    Cursor.Streaming next = new Cursor.Streaming(st, rs, RowReader.columns(rs.getMetaData()),
                            fetchSize, false);
                    Cursor c = spill(next, loginBytes, perLogin);
                    if (!(c instanceof SpilledRows rows)) {
                        furtherError = noDisk(new IOException("no spool file"));
                        return;
                    }
                    rows.columns = next.columns();
                    ahead.add(rows);
                    if (rows.error != null) {
                        return; // reported when that result is read to its end
                    }
                }
            }
        } catch (SQLException e) {
            furtherError = e;
        }
    }

    @Override
    public List<Result.Further> further(Session session, RowReader.Budget budget) throws SQLException {
        if (furtherError != null) {
            throw furtherError;
        }
        List<Result.Further> out = new ArrayList<>();
        while (!ahead.isEmpty()) {
            Object next = ahead.poll();
            if (next instanceof Long count) {
                out.add(new Result.Further(count, null));
                continue;
            }
            SpilledRows rows = (SpilledRows) next;
            Rows first;
            try {
                first = rows.read(budget);
            } catch (SQLException e) {
                rows.closeQuietly();
                throw e;
            }
            if (first.last()) {
                rows.closeQuietly();
                out.add(new Result.Further(-1, new Rows(rows.columns, first.data(), true)));
                continue;
            }
            // The rest of it, and the results after it, come from its own cursor.
            rows.ahead.addAll(ahead);
            ahead.clear();
            long id = session.addCursor(rows);
            out.add(new Result.Further(-1, new Rows(rows.columns, first.data(), false), id));
            return out;
        }
        return out;
    }

    private void write(Object[][] data) throws SQLException, IOException {
        if (data.length == 0) {
            return;
        }
        // Written as it lies, in its pieces (after its length, which load skips): a batch of
        // LOB rows is never copied whole on its way to the file.
        Frame frame = Wire.frame(new Reply(0, null, List.of(new Result.Fetched(new Rows(null, data, false))), null));
        SpoolBudget.reserve(loginBytes, frame.length() + 4L, perLogin);
        bytes += frame.length() + 4L;
        frame.writeTo(out);
        out.flush();
        frames.add(new int[] {frame.length(), data.length});
    }

    @Override
    public int fetchSize() {
        return fetchSize;
    }

    @Override
    public Rows read(int max) throws SQLException {
        if (closed) {
            throw new SQLException("result set is closed", "24000");
        }
        java.util.ArrayList<Object[]> out = new java.util.ArrayList<>(Math.min(max, 1024));
        while (out.size() < max) {
            if (current == null || next == current.length) {
                if (frames.isEmpty()) {
                    break;
                }
                current = load(frames.poll());
                next = 0;
            }
            int n = Math.min(max - out.size(), current.length - next);
            for (int i = 0; i < n; i++) {
                out.add(current[next]);
                current[next++] = null;
            }
        }
        boolean done = frames.isEmpty() && (current == null || next == current.length);
        if (out.isEmpty() && done && error != null) {
            throw error;
        }
        return new Rows(null, out.toArray(new Object[0][]), done && error == null);
    }

    private Object[][] load(int[] frame) throws SQLException {
        byte[] b = new byte[frame[0]];
        try {
            readAt += 4; // the frame's length, known already
            ByteBuffer buf = ByteBuffer.wrap(b);
            while (buf.hasRemaining()) {
                int r = channel.read(buf, readAt + buf.position());
                if (r < 0) {
                    throw new IOException("the file ends early");
                }
            }
            readAt += b.length;
            return ((Result.Fetched) Wire.decodeReply(b).results().get(0)).rows().data();
        } catch (IOException e) {
            throw new SQLException("reading back rows set aside on the daemon's disk failed: " + e.getMessage(), "58030",
                    e);
        }
    }

    @Override
    public void closeQuietly() {
        if (closed) {
            return;
        }
        closed = true;
        current = null;
        frames.clear();
        for (Object next : ahead) {
            if (next instanceof SpilledRows rows) {
                rows.closeQuietly();
            }
        }
        ahead.clear();
        try {
            channel.close(); // DELETE_ON_CLOSE
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a file of rows left in the spool directory is the worst case
        }
        SpoolBudget.release(loginBytes, bytes);
    }
}
