package pool.remote.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import pool.protocol.LobParam;
import pool.protocol.Op;

/**
 * Reads PostgreSQL large objects for the client's {@code getBlob}/{@code getClob} of an
 * {@code oid} column, a chunk per call, with the server's own functions ({@code lo_get},
 * and {@code lo_lseek64} for the size), on the session's connection so that a large object
 * made in the client's open transaction is seen. No chunk is larger than
 * {@link LobParam#CHUNK_BYTES}: a large object of any size passes through the daemon's
 * heap a chunk at a time.
 */
final class LargeObjects {

    /** {@code INV_READ} of PostgreSQL's {@code libpq-fs.h}. */
    private static final int INV_READ = 0x40000;

    private LargeObjects() {
    }

    /** @return the chunk {@code op} asks for ({@code byte[]}), or the large object's size ({@code Long}) */
    static Object read(Connection c, Op.LobRead op) throws SQLException {
        if (op.length() < 0) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT lo_lseek64(fd, 0, 2) FROM (SELECT lo_open(?::oid, " + INV_READ + ") AS fd) d")) {
                ps.setLong(1, op.oid());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
        if (op.length() > LobParam.CHUNK_BYTES || op.offset() < 0) {
            throw new SQLException("a large object is read " + LobParam.CHUNK_BYTES + " bytes at a time from offset 0 on,"
                    + " not " + op.length() + " from " + op.offset(), "22023");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT lo_get(?::oid, ?, ?)")) {
            ps.setLong(1, op.oid());
            ps.setLong(2, op.offset());
            ps.setInt(3, op.length());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                byte[] b = rs.getBytes(1);
                return b == null ? new byte[0] : b;
            }
        }
    }
}
