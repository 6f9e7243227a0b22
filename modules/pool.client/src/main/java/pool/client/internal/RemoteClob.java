package pool.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Clob;
import java.sql.NClob;
import java.sql.SQLException;

/**
 * A {@code Clob} (and {@code NClob}) of the client: made by {@code createClob()}/
 * {@code createNClob()} or read by {@code getClob}/{@code getNClob}. Its characters are
 * kept as UTF-16BE in a {@link LobData} (the heap up to 1 MiB, a temporary file beyond),
 * so character positions are byte offsets halved and a Clob of any size costs the heap
 * little.
 */
final class RemoteClob implements NClob {

    private LobData data;
    /**
     * The length a Clob read from a PostgreSQL large object reports until it is changed: the
     * object's size in bytes, as PostgreSQL's driver reports it (its UTF-8 bytes, not its
     * characters); -1 otherwise.
     */
    private long reportedLength = -1;

    RemoteClob(LobData utf16) {
        this.data = utf16;
    }

    /** @return this Clob, reporting {@code bytes} as its length until it is changed (see {@link #reportedLength}) */
    RemoteClob reportingLength(long bytes) {
        reportedLength = bytes;
        return this;
    }

    static RemoteClob of(String s) {
        return new RemoteClob(LobData.of(s.getBytes(StandardCharsets.UTF_16BE)));
    }

    /** Reads {@code in} to its end (or {@code limit} characters) into a new Clob. */
    static RemoteClob read(Reader in, long limit) throws SQLException {
        LobData d = new LobData();
        char[] buf = new char[32 * 1024];
        try {
            long left = limit;
            int n;
            while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
                byte[] b = utf16(buf, n);
                d.write(d.length(), b, 0, b.length);
                left -= n;
            }
        } catch (IOException e) {
            d.free();
            throw new SQLException("reading the character stream failed: " + e.getMessage(), "HY000", e);
        }
        return new RemoteClob(d);
    }

    private static byte[] utf16(char[] c, int n) {
        byte[] b = new byte[2 * n];
        for (int i = 0; i < n; i++) {
            b[2 * i] = (byte) (c[i] >>> 8);
            b[2 * i + 1] = (byte) c[i];
        }
        return b;
    }

    /** @return the characters as UTF-16BE, in the client */
    LobData data() throws SQLException {
        if (data == null) {
            throw new SQLException("the Clob was freed", "HY010");
        }
        return data;
    }

    @Override
    public long length() throws SQLException {
        LobData d = data();
        return reportedLength >= 0 ? reportedLength : d.length() / 2;
    }

    @Override
    public String getSubString(long pos, int length) throws SQLException {
        Lobs.checkRange(pos, length);
        return new String(data().bytes(2 * (pos - 1), 2 * (int) Math.min(length, Integer.MAX_VALUE / 2)),
                StandardCharsets.UTF_16BE);
    }

    @Override
    public Reader getCharacterStream() throws SQLException {
        return new InputStreamReader(data().stream(0, Long.MAX_VALUE), StandardCharsets.UTF_16BE);
    }

    @Override
    public Reader getCharacterStream(long pos, long length) throws SQLException {
        Lobs.checkRange(pos, length);
        if (pos - 1 + length > length()) {
            throw new SQLException("position " + pos + " and length " + length + " go past the Clob's end " + length(),
                    "22003");
        }
        return new InputStreamReader(data().stream(2 * (pos - 1), 2 * length), StandardCharsets.UTF_16BE);
    }

    @Override
    public InputStream getAsciiStream() throws SQLException {
        // ASCII: each char one byte, '?' for what ASCII lacks, as drivers do
        LobData d = data();
        return new InputStream() {
            private final InputStream in = d.stream(0, Long.MAX_VALUE);

            @Override
            public int read() throws IOException {
                int hi = in.read();
                int lo = in.read();
                if (hi < 0 || lo < 0) {
                    return -1;
                }
                int c = hi << 8 | lo;
                return c < 0x80 ? c : '?';
            }
        };
    }

    @Override
    public long position(String searchstr, long start) throws SQLException {
        return positionOf(searchstr, start);
    }

    private long positionOf(String s, long start) throws SQLException {
        byte[] pattern = s.getBytes(StandardCharsets.UTF_16BE);
        long r = Lobs.position(data().stream(0, Long.MAX_VALUE), data().length(), pattern, 2 * (start - 1) + 1);
        while (r > 0 && (r - 1) % 2 != 0) { // a match must start on a character
            r = Lobs.position(data().stream(0, Long.MAX_VALUE), data().length(), pattern, r + 1);
        }
        return r <= 0 ? -1 : (r - 1) / 2 + 1;
    }

    @Override
    public long position(Clob searchstr, long start) throws SQLException {
        return positionOf(searchstr.getSubString(1, (int) Math.min(Integer.MAX_VALUE, searchstr.length())), start);
    }

    @Override
    public int setString(long pos, String str) throws SQLException {
        return setString(pos, str, 0, str.length());
    }

    @Override
    public int setString(long pos, String str, int offset, int len) throws SQLException {
        Lobs.checkRange(pos, len);
        LobData d = data();
        reportedLength = -1;
        if (2 * (pos - 1) > d.length()) {
            throw new SQLException("position " + pos + " is past the Clob's end " + length() + " + 1", "22003");
        }
        byte[] b = str.substring(offset, offset + len).getBytes(StandardCharsets.UTF_16BE);
        d.write(2 * (pos - 1), b, 0, b.length);
        return len;
    }

    @Override
    public OutputStream setAsciiStream(long pos) throws SQLException {
        Writer w = setCharacterStream(pos);
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                w.write(b & 0xFF);
            }
        };
    }

    @Override
    public Writer setCharacterStream(long pos) throws SQLException {
        LobData d = data();
        reportedLength = -1;
        if (pos < 1 || 2 * (pos - 1) > d.length()) {
            throw new SQLException("position " + pos + " is outside 1.." + (length() + 1), "22003");
        }
        OutputStream out = d.output(2 * (pos - 1));
        return new Writer() {
            @Override
            public void write(char[] cbuf, int off, int len) throws IOException {
                char[] part = java.util.Arrays.copyOfRange(cbuf, off, off + len);
                out.write(utf16(part, len));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void truncate(long len) throws SQLException {
        if (len < 0) {
            throw new SQLException("length " + len + " is negative", "22003");
        }
        data().truncate(2 * len);
        reportedLength = -1;
    }

    @Override
    public void free() {
        if (data != null) {
            data.free();
            data = null;
        }
    }

    @Override
    public String toString() {
        return "RemoteClob[" + (data == null ? "freed" : data.length() / 2 + " chars") + "]";
    }
}
