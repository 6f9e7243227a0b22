package pool.remote.internal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import pool.protocol.LobParam;

/**
 * Binds a {@link LobParam} with the driver method the application called on its side, so
 * the driver does what it would have done in the application: PostgreSQL's makes a large
 * object for {@code setBlob}/{@code setClob} and sends {@code bytea}/{@code text} for the
 * stream setters; MariaDB's sends the bytes either way. Lengths are given (the int forms,
 * which every driver implements), so drivers that can stream do.
 */
final class LobBinder {

    private LobBinder() {
    }

    static void bind(PreparedStatement ps, int index, LobParam p, LobSpools.LobContent content) throws SQLException {
        BoundLob lob = new BoundLob(content, p.kind().characters());
        switch (p.kind()) {
            case BLOB:
                ps.setBlob(index, lob);
                break;
            case CLOB:
                ps.setClob(index, lob);
                break;
            case NCLOB:
                try {
                    ps.setNClob(index, lob);
                } catch (SQLFeatureNotSupportedException e) {
                    ps.setClob(index, lob); // PostgreSQL has no national character types: its CLOB is the same
                }
                break;
            case BINARY_STREAM:
                ps.setBinaryStream(index, lob.getBinaryStream(), intLength(lob.length(), index));
                break;
            case ASCII_STREAM:
                ps.setAsciiStream(index, lob.getBinaryStream(), intLength(lob.length(), index));
                break;
            case CHARACTER_STREAM:
                ps.setCharacterStream(index, new InputStreamReader(open(content), StandardCharsets.UTF_16BE),
                        intLength(lob.length(), index));
                break;
            default:
                throw new SQLException("unknown LOB kind " + p.kind(), "07006");
        }
    }

    private static java.io.InputStream open(LobSpools.LobContent content) throws SQLException {
        try {
            return content.open(0);
        } catch (IOException e) {
            throw new SQLException("reading a spooled LOB parameter failed: " + e.getMessage(), "58030", e);
        }
    }

    private static int intLength(long length, int index) throws SQLException {
        if (length > Integer.MAX_VALUE) {
            throw new SQLException("stream parameter " + index + " of " + length + " is longer than JDBC's int length"
                    + " allows: bind it with setBlob/setClob", "22001");
        }
        return (int) length;
    }
}
