package pool.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.SQLException;
import pool.protocol.Column;
import pool.protocol.LobParam;
import pool.protocol.Op;

/** What LOB getters and setters of the client share: argument checks, searching, conversions, uploads. */
final class Lobs {

    private Lobs() {
    }

    static void checkRange(long pos, long length) throws SQLException {
        if (pos < 1) {
            throw new SQLException("LOB positions start at 1, not " + pos, "22003");
        }
        if (length < 0) {
            throw new SQLException("length " + length + " is negative", "22003");
        }
    }

    /** @return the 1-based position of {@code pattern} in {@code in} at or after {@code start}, or -1 (KMP, streamed) */
    static long position(InputStream in, long length, byte[] pattern, long start) throws SQLException {
        if (pattern == null || start < 1) {
            return -1;
        }
        if (pattern.length == 0) {
            return start <= length + 1 ? start : -1;
        }
        int[] fail = new int[pattern.length];
        for (int i = 1, k = 0; i < pattern.length; i++) {
            while (k > 0 && pattern[i] != pattern[k]) {
                k = fail[k - 1];
            }
            if (pattern[i] == pattern[k]) {
                k++;
            }
            fail[i] = k;
        }
        try (InputStream s = in) {
            s.skipNBytes(start - 1);
            long pos = start - 1;
            int k = 0;
            int b;
            while ((b = s.read()) >= 0) {
                while (k > 0 && (byte) b != pattern[k]) {
                    k = fail[k - 1];
                }
                if ((byte) b == pattern[k]) {
                    k++;
                }
                pos++;
                if (k == pattern.length) {
                    return pos - pattern.length + 1;
                }
            }
            return -1;
        } catch (java.io.EOFException e) {
            return -1;
        } catch (IOException e) {
            throw new SQLException("searching the LOB failed: " + e.getMessage(), "HY000", e);
        }
    }

    // ---- reading: getBlob/getClob of a column value

    /** @return whether a column holds PostgreSQL large-object references ({@code oid}) */
    static boolean largeObjectColumn(Column c) {
        return c != null && "oid".equals(c.typeName());
    }

    static Blob blob(RemoteConnection connection, Column column, Object v) throws SQLException {
        if (v == null) {
            return null;
        }
        if (v instanceof Long oid && largeObjectColumn(column)) {
            return new RemoteBlob(new LargeObject(connection, oid));
        }
        return new RemoteBlob(LobData.of(Values.bytes(v)));
    }

    static RemoteClob clob(RemoteConnection connection, Column column, Object v) throws SQLException {
        if (v == null) {
            return null;
        }
        if (v instanceof Long oid && largeObjectColumn(column)) {
            // PostgreSQL's driver writes a Clob's characters into the large object in the
            // connection's encoding, UTF-8 (the only one poold's daemon connects with)
            LargeObject lo = new LargeObject(connection, oid);
            return RemoteClob.read(new java.io.InputStreamReader(lo.stream(0, Long.MAX_VALUE), StandardCharsets.UTF_8),
                    Long.MAX_VALUE).reportingLength(lo.length());
        }
        return RemoteClob.of(Values.string(v));
    }

    // ---- writing: setBlob/setClob/streams

    /**
     * A LOB parameter as the application set it, its content copied into the client at once
     * (a stream is read when it is set; a Blob or Clob the application changes later must not
     * change the parameter), sent when the statement runs: inline when small, else in chunks
     * ahead of the execution.
     */
    static final class Pending {
        final LobParam.Kind kind;
        final LobData data;

        Pending(LobParam.Kind kind, LobData data) {
            this.kind = kind;
            this.data = data;
        }

        void free() {
            data.free();
        }
    }

    static Pending pending(LobParam.Kind kind, Blob b) throws SQLException {
        if (b instanceof RemoteBlob r) {
            return new Pending(kind, r.data().copy());
        }
        return new Pending(kind, LobData.read(b.getBinaryStream(), Long.MAX_VALUE));
    }

    static Pending pending(LobParam.Kind kind, Clob c) throws SQLException {
        if (c instanceof RemoteClob r) {
            return new Pending(kind, r.data().copy());
        }
        return new Pending(kind, RemoteClob.read(c.getCharacterStream(), Long.MAX_VALUE).data());
    }

    static Pending pending(LobParam.Kind kind, InputStream in, long limit) throws SQLException {
        return new Pending(kind, LobData.read(in, limit));
    }

    static Pending pending(LobParam.Kind kind, java.io.Reader in, long limit) throws SQLException {
        return new Pending(kind, RemoteClob.read(in, limit).data());
    }

    /**
     * @return {@code p} as it goes on the wire: inline up to {@link LobParam#MAX_INLINE_BYTES}; else
     *         sent ahead in chunks, every chunk but the last in a call of its own, the last deferred to
     *         ride along with the execution that binds it
     */
    static LobParam upload(RemoteConnection connection, Pending p) throws SQLException {
        LobData d = p.data;
        long length = d.length();
        if (length <= LobParam.MAX_INLINE_BYTES) {
            return new LobParam(p.kind, length, d.bytes(0, (int) length), 0);
        }
        long spool = connection.nextSpool();
        long pos = 0;
        while (pos < length) {
            byte[] chunk = d.bytes(pos, LobParam.CHUNK_BYTES);
            pos += chunk.length;
            Op.LobWrite w = new Op.LobWrite(spool, chunk);
            connection.sendLobChunk(w, pos == length);
        }
        return new LobParam(p.kind, length, null, spool);
    }
}
