package pool.client.internal;

import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Blob;
import java.sql.SQLException;

/**
 * A {@code Blob} of the client: made by {@code Connection.createBlob()} or read by
 * {@code getBlob}. Its content is in the client ({@link LobData}: the heap up to 1 MiB,
 * a temporary file beyond), or, for a PostgreSQL large object, on the database, read a
 * chunk per call until it is changed (then copied into the client first).
 */
final class RemoteBlob implements Blob {

    private LobData data;
    private LargeObject remote;
    private boolean freed;

    RemoteBlob(LobData data) {
        this.data = data;
    }

    RemoteBlob(LargeObject remote) {
        this.remote = remote;
    }

    private void checkLive() throws SQLException {
        if (freed) {
            throw new SQLException("the Blob was freed", "HY010");
        }
    }

    /** @return the content in the client, copied from the database first if it is a large object */
    LobData data() throws SQLException {
        checkLive();
        if (data == null) {
            data = LobData.read(remote.stream(0, Long.MAX_VALUE), Long.MAX_VALUE);
            remote = null;
        }
        return data;
    }

    @Override
    public long length() throws SQLException {
        checkLive();
        return data != null ? data.length() : remote.length();
    }

    @Override
    public byte[] getBytes(long pos, int length) throws SQLException {
        checkLive();
        Lobs.checkRange(pos, length);
        return data != null ? data.bytes(pos - 1, length) : remote.read(pos - 1, length);
    }

    @Override
    public InputStream getBinaryStream() throws SQLException {
        checkLive();
        return data != null ? data.stream(0, Long.MAX_VALUE) : remote.stream(0, Long.MAX_VALUE);
    }

    @Override
    public InputStream getBinaryStream(long pos, long length) throws SQLException {
        checkLive();
        Lobs.checkRange(pos, length);
        if (pos - 1 + length > length()) {
            throw new SQLException("position " + pos + " and length " + length + " go past the Blob's end " + length(),
                    "22003");
        }
        return data != null ? data.stream(pos - 1, length) : remote.stream(pos - 1, length);
    }

    @Override
    public long position(byte[] pattern, long start) throws SQLException {
        return Lobs.position(getBinaryStream(), length(), pattern, start);
    }

    @Override
    public long position(Blob pattern, long start) throws SQLException {
        return position(pattern.getBytes(1, (int) Math.min(Integer.MAX_VALUE, pattern.length())), start);
    }

    @Override
    public int setBytes(long pos, byte[] bytes) throws SQLException {
        return setBytes(pos, bytes, 0, bytes.length);
    }

    @Override
    public int setBytes(long pos, byte[] bytes, int offset, int len) throws SQLException {
        Lobs.checkRange(pos, len);
        LobData d = data();
        if (pos - 1 > d.length()) {
            throw new SQLException("position " + pos + " is past the Blob's end " + d.length() + " + 1", "22003");
        }
        d.write(pos - 1, bytes, offset, len);
        return len;
    }

    @Override
    public OutputStream setBinaryStream(long pos) throws SQLException {
        LobData d = data();
        if (pos < 1 || pos - 1 > d.length()) {
            throw new SQLException("position " + pos + " is outside 1.." + (d.length() + 1), "22003");
        }
        return d.output(pos - 1);
    }

    @Override
    public void truncate(long len) throws SQLException {
        if (len < 0) {
            throw new SQLException("length " + len + " is negative", "22003");
        }
        data().truncate(len);
    }

    @Override
    public void free() {
        if (!freed) {
            freed = true;
            if (data != null) {
                data.free();
            }
            data = null;
            remote = null;
        }
    }
}
