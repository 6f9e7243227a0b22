package pool.remote.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.NClob;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/**
 * A LOB parameter's content as the {@code Blob} or {@code NClob} the daemon hands the
 * driver's {@code setBlob}/{@code setClob}/{@code setNClob}: read-only, read through
 * streams (drivers copy it from {@code getBinaryStream}/{@code getCharacterStream} in
 * small buffers), so a spooled LOB reaches the database without passing through the heap
 * whole. Character content is UTF-16BE.
 */
final class BoundLob implements Blob, NClob {

    private final LobSpools.LobContent content;
    private final boolean characters;

    BoundLob(LobSpools.LobContent content, boolean characters) {
        this.content = content;
        this.characters = characters;
    }

    private SQLException failed(IOException e) {
        return new SQLException("reading a spooled LOB parameter failed: " + e.getMessage(), "58030", e);
    }

    @Override
    public long length() {
        return characters ? content.length() / 2 : content.length();
    }

    @Override
    public InputStream getBinaryStream() throws SQLException {
        try {
            return content.open(0);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public InputStream getBinaryStream(long pos, long length) throws SQLException {
        try {
            InputStream in = content.open(pos - 1);
            return new java.io.FilterInputStream(in) {
                private long left = length;

                @Override
                public int read() throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int b = super.read();
                    if (b >= 0) {
                        left--;
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = super.read(b, off, (int) Math.min(len, left));
                    if (n > 0) {
                        left -= n;
                    }
                    return n;
                }
            };
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public byte[] getBytes(long pos, int length) throws SQLException {
        try (InputStream in = getBinaryStream(pos, length)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public Reader getCharacterStream() throws SQLException {
        return new InputStreamReader(getBinaryStream(), StandardCharsets.UTF_16BE);
    }

    @Override
    public Reader getCharacterStream(long pos, long length) throws SQLException {
        return new InputStreamReader(getBinaryStream(2 * (pos - 1) + 1, 2 * length), StandardCharsets.UTF_16BE);
    }

    @Override
    public String getSubString(long pos, int length) throws SQLException {
        byte[] b = getBytes(2 * (pos - 1) + 1, 2 * length);
        return new String(b, StandardCharsets.UTF_16BE);
    }

    @Override
    public InputStream getAsciiStream() throws SQLException {
        try {
            return new java.io.ByteArrayInputStream(new String(getBinaryStream().readAllBytes(),
                    StandardCharsets.UTF_16BE).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void free() {
        // the spool is deleted by its session once the statement ran
    }

    private static SQLFeatureNotSupportedException readOnly(String method) {
        return new SQLFeatureNotSupportedException(method + " on a bound LOB parameter in poold", "0A000");
    }

    @Override
    public long position(byte[] pattern, long start) throws SQLException {
        throw readOnly("Blob.position");
    }

    @Override
    public long position(Blob pattern, long start) throws SQLException {
        throw readOnly("Blob.position");
    }

    @Override
    public long position(String searchstr, long start) throws SQLException {
        throw readOnly("Clob.position");
    }

    @Override
    public long position(java.sql.Clob searchstr, long start) throws SQLException {
        throw readOnly("Clob.position");
    }

    @Override
    public int setBytes(long pos, byte[] bytes) throws SQLException {
        throw readOnly("Blob.setBytes");
    }

    @Override
    public int setBytes(long pos, byte[] bytes, int offset, int len) throws SQLException {
        throw readOnly("Blob.setBytes");
    }

    @Override
    public OutputStream setBinaryStream(long pos) throws SQLException {
        throw readOnly("Blob.setBinaryStream");
    }

    @Override
    public void truncate(long len) throws SQLException {
        throw readOnly("truncate");
    }

    @Override
    public int setString(long pos, String str) throws SQLException {
        throw readOnly("Clob.setString");
    }

    @Override
    public int setString(long pos, String str, int offset, int len) throws SQLException {
        throw readOnly("Clob.setString");
    }

    @Override
    public OutputStream setAsciiStream(long pos) throws SQLException {
        throw readOnly("Clob.setAsciiStream");
    }

    @Override
    public Writer setCharacterStream(long pos) throws SQLException {
        throw readOnly("Clob.setCharacterStream");
    }
}
