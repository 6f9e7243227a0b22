package pool.protocol;

import java.util.Arrays;
import java.util.Objects;

/**
 * A LOB or stream parameter ({@code setBlob}, {@code setClob}, {@code setNClob},
 * {@code setBinaryStream}, {@code setCharacterStream}, {@code setAsciiStream}): how the
 * application bound it, which decides the driver method the daemon binds it with (on
 * PostgreSQL {@code setBlob} makes a large object where {@code setBinaryStream} sends
 * {@code bytea}), and its content.
 *
 * <p>The content travels either in the parameter ({@code data}, up to
 * {@link #MAX_INLINE_BYTES}) or, when larger, ahead of the execution in chunks of at most
 * {@link #CHUNK_BYTES} ({@link Op.LobWrite}) into a spool on the daemon that {@code spool}
 * names; the daemon deletes that spool once the statement or batch that names it has run.
 * Character content is UTF-16BE, two bytes per {@code char}, so that positions and lengths
 * in characters are byte offsets halved; binary and ASCII content is the bytes.
 *
 * @param kind   the setter the application called
 * @param length the content's length in bytes (characters are two bytes each)
 * @param data   the content, or null when it is in spool {@code spool}
 * @param spool  the spool holding the content (the client's number for it, per connection), or 0
 */
public record LobParam(Kind kind, long length, byte[] data, long spool) {

    /** Content up to this many bytes travels inside the parameter: 1 MiB. */
    public static final int MAX_INLINE_BYTES = 1 << 20;
    /** The most content bytes one {@link Op.LobWrite} carries: 1 MiB. */
    public static final int CHUNK_BYTES = 1 << 20;

    /** The JDBC setter a LOB parameter was given with. */
    public enum Kind {
        BLOB, CLOB, NCLOB, BINARY_STREAM, CHARACTER_STREAM, ASCII_STREAM;

        /** @return whether the content is characters (UTF-16BE) rather than bytes */
        public boolean characters() {
            return this == CLOB || this == NCLOB || this == CHARACTER_STREAM;
        }
    }

    public LobParam {
        Objects.requireNonNull(kind, "kind");
        if (length < 0) {
            throw new IllegalArgumentException("LOB length " + length + " is negative");
        }
        if (data == null ? spool == 0 : spool != 0 || data.length != length) {
            throw new IllegalArgumentException("a LOB parameter has its " + length
                    + " bytes either inline or in a spool, not " + (data == null ? "neither" : "both or a part"));
        }
        if (kind.characters() && length % 2 != 0) {
            throw new IllegalArgumentException("character LOB content is UTF-16, an even number of bytes, not " + length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LobParam p && kind == p.kind && length == p.length && spool == p.spool
                && Arrays.equals(data, p.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, length, spool) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "LobParam[" + kind + ", " + length + " bytes" + (data == null ? ", spool " + spool : "") + "]";
    }
}
