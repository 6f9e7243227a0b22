package pool.client.internal;

import java.io.InputStream;
import java.sql.SQLException;
import pool.protocol.LobParam;
import pool.protocol.Op;
import pool.protocol.Result;

/**
 * A PostgreSQL large object an {@code oid} column names, read from the daemon a chunk
 * ({@link LobParam#CHUNK_BYTES}) per call, as {@code getBlob}/{@code getClob} of such a
 * column promise: on the connection that read the row, so that a large object of its open
 * transaction is seen.
 */
final class LargeObject {

    private final RemoteConnection connection;
    private final long oid;
    private long length = -1;

    LargeObject(RemoteConnection connection, long oid) {
        this.connection = connection;
        this.oid = oid;
    }

    long length() throws SQLException {
        if (length < 0) {
            length = (Long) ((Result.Value) connection.exchange(new Op.LobRead(oid, 0, -1))).value();
        }
        return length;
    }

    /** @return up to {@code len} bytes from offset {@code from} (0-based), fewer at the end */
    byte[] read(long from, int len) throws SQLException {
        byte[] out = new byte[(int) Math.max(0, Math.min(len, length() - from))];
        int done = 0;
        while (done < out.length) {
            int n = Math.min(out.length - done, LobParam.CHUNK_BYTES);
            byte[] chunk = (byte[]) ((Result.Value) connection.exchange(new Op.LobRead(oid, from + done, n))).value();
            if (chunk.length == 0) {
                break;
            }
            System.arraycopy(chunk, 0, out, done, chunk.length);
            done += chunk.length;
        }
        return done == out.length ? out : java.util.Arrays.copyOf(out, done);
    }

    /** @return the content from offset {@code from}, {@code limit} bytes at most, one chunk in memory at a time */
    InputStream stream(long from, long limit) {
        return new InputStream() {
            private long pos = from;
            private long left = limit;
            private byte[] chunk = new byte[0];
            private int at;

            @Override
            public int read() throws java.io.IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                if (len == 0) {
                    return 0;
                }
                if (at == chunk.length) {
                    if (left <= 0) {
                        return -1;
                    }
                    try {
                        chunk = LargeObject.this.read(pos, (int) Math.min(LobParam.CHUNK_BYTES, left));
                    } catch (SQLException e) {
                        throw new java.io.IOException("reading large object " + oid + " failed: " + e.getMessage(), e);
                    }
                    at = 0;
                    pos += chunk.length;
                    left -= chunk.length;
                    if (chunk.length == 0) {
                        left = 0;
                        return -1;
                    }
                }
                int n = Math.min(len, chunk.length - at);
                System.arraycopy(chunk, at, b, off, n);
                at += n;
                return n;
            }
        };
    }
}
