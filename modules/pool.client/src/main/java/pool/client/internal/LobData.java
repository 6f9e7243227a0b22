package pool.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The content of a LOB in the client: in the heap up to {@link #MEMORY_BYTES}, in a
 * temporary file beyond (deleted by {@link #free()}, or when the LOB is garbage), so a LOB
 * of any size costs the application's heap at most that much. Random access, as
 * {@code Blob}/{@code Clob} positions need. Not thread-safe: JDBC objects of one
 * connection are used by one thread at a time.
 */
final class LobData {

    /** Content kept in the heap before it moves to a temporary file: 1 MiB. */
    static final int MEMORY_BYTES = 1 << 20;

    private byte[] memory = new byte[64];
    /** The temporary file once the content outgrew {@link #MEMORY_BYTES}, or null. */
    private TempFiles.Handle spill;
    private long length;
    private boolean freed;

    static LobData of(byte[] b) {
        LobData d = new LobData();
        d.write(0, b, 0, b.length);
        return d;
    }

    /** Reads {@code in} to its end, or {@code limit} bytes. */
    static LobData read(InputStream in, long limit) throws SQLException {
        LobData d = new LobData();
        byte[] buf = new byte[64 * 1024];
        try {
            long left = limit;
            int n;
            while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
                d.write(d.length, buf, 0, n);
                left -= n;
            }
        } catch (IOException e) {
            d.free();
            throw new SQLException("reading the LOB stream failed: " + e.getMessage(), "HY000", e);
        }
        return d;
    }

    long length() {
        return length;
    }

    private void checkLive() {
        if (freed) {
            throw new IllegalStateException("the LOB was freed");
        }
    }

    /** Writes {@code len} bytes at {@code pos} (at most {@link #length()}: no holes), growing as needed. */
    void write(long pos, byte[] b, int off, int len) {
        checkLive();
        if (pos > length) {
            throw new IndexOutOfBoundsException("position " + pos + " is past the LOB's end " + length);
        }
        long end = pos + len;
        if (spill == null && end > MEMORY_BYTES) {
            moveToFile();
        }
        if (spill == null) {
            if (end > memory.length) {
                memory = Arrays.copyOf(memory, (int) Math.min(MEMORY_BYTES, Math.max(end, 2L * memory.length)));
            }
            System.arraycopy(b, off, memory, (int) pos, len);
        } else {
            try {
                ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                long p = pos;
                while (buf.hasRemaining()) {
                    p += spill.channel.write(buf, p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("writing a LOB's temporary file failed", e);
            }
        }
        length = Math.max(length, end);
    }

    private void moveToFile() {
        try {
            spill = TempFiles.create(this, "poold-client-lob-");
            FileChannel ch = spill.channel;
            ByteBuffer buf = ByteBuffer.wrap(memory, 0, (int) length);
            while (buf.hasRemaining()) {
                ch.write(buf, buf.position());
            }
            memory = null;
        } catch (IOException e) {
            throw new UncheckedIOException("a LOB larger than " + MEMORY_BYTES + " bytes needs a temporary file, which"
                    + " could not be made in " + System.getProperty("java.io.tmpdir"), e);
        }
    }

    /** @return bytes read into {@code b} from {@code pos}, -1 at the end */
    int read(long pos, byte[] b, int off, int len) {
        checkLive();
        if (pos >= length) {
            return -1;
        }
        int n = (int) Math.min(len, length - pos);
        if (spill == null) {
            System.arraycopy(memory, (int) pos, b, off, n);
            return n;
        }
        try {
            ByteBuffer buf = ByteBuffer.wrap(b, off, n);
            long p = pos;
            while (buf.hasRemaining()) {
                int r = spill.channel.read(buf, p);
                if (r < 0) {
                    break;
                }
                p += r;
            }
            return n - buf.remaining();
        } catch (IOException e) {
            throw new UncheckedIOException("reading a LOB's temporary file failed", e);
        }
    }

    byte[] bytes(long pos, int len) {
        byte[] b = new byte[(int) Math.max(0, Math.min(len, length - pos))];
        int done = 0;
        while (done < b.length) {
            done += read(pos + done, b, done, b.length - done);
        }
        return b;
    }

    void truncate(long len) {
        checkLive();
        if (len < length) {
            length = len;
            if (spill != null) {
                try {
                    spill.channel.truncate(len);
                } catch (IOException e) {
                    throw new UncheckedIOException("truncating a LOB's temporary file failed", e);
                }
            }
        }
    }

    InputStream stream(long from, long limit) {
        return new InputStream() {
            private long pos = from;
            private final long end = from + Math.min(Math.max(0, length - from), limit);

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= end) {
                    return -1;
                }
                int n = LobData.this.read(pos, b, off, (int) Math.min(len, end - pos));
                if (n > 0) {
                    pos += n;
                }
                return n;
            }
        };
    }

    OutputStream output(long from) {
        return new OutputStream() {
            private long pos = from;

            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                LobData.this.write(pos, b, off, len);
                pos += len;
            }
        };
    }

    LobData copy() {
        LobData d = new LobData();
        byte[] buf = new byte[64 * 1024];
        long pos = 0;
        int n;
        while ((n = read(pos, buf, 0, buf.length)) > 0) {
            d.write(pos, buf, 0, n);
            pos += n;
        }
        return d;
    }

    void free() {
        freed = true;
        memory = null;
        if (spill != null) {
            spill.delete();
        }
    }

    boolean freed() {
        return freed;
    }
}
