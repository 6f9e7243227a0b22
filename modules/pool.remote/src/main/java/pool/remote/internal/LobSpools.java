package pool.remote.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import pool.protocol.LobParam;

/**
 * The LOB parameter contents a session's client sent ahead of their statement
 * ({@link pool.protocol.Op.LobWrite}), each in a temporary file of its own that only the
 * daemon's user can read, charged to the login's {@link SpoolBudget}. A spool is deleted
 * when the statement or batch naming it has run, and every spool of the session when the
 * session ends. Guarded by the session's lock.
 */
final class LobSpools {

    private final AtomicLong loginBytes;
    private final long perLogin;
    private final Map<Long, Spool> spools = new HashMap<>();

    LobSpools(AtomicLong loginBytes) {
        this(loginBytes, SpoolBudget.PER_LOGIN);
    }

    LobSpools(AtomicLong loginBytes, long perLogin) {
        this.loginBytes = loginBytes;
        this.perLogin = perLogin;
    }

    /**
     * Spools one session may hold at once: each is a file and an open descriptor, and a client
     * sending one-byte chunks to ever new ids would otherwise make files and descriptors its byte
     * budget hardly counts. A LOB is spooled only when it is larger than
     * {@link LobParam#MAX_INLINE_BYTES} (1 MiB), so the login's default budget (1 GiB) holds no more.
     */
    static final int MAX_SPOOLS = 1024;

    /** Appends {@code chunk} to spool {@code id}, making it on its first chunk. */
    void append(long id, byte[] chunk) throws SQLException {
        if (spools.size() >= MAX_SPOOLS && !spools.containsKey(id)) {
            throw new SQLException("more than " + MAX_SPOOLS + " LOB parameters spooled ahead of their statements"
                    + " on one connection: run the statements (or batches) that bind them before sending more",
                    "54000");
        }
        SpoolBudget.reserve(loginBytes, chunk.length, perLogin);
        try {
            Spool s = spools.get(id);
            if (s == null) {
                s = new Spool(Files.createTempFile(SpoolBudget.DIR, "poold-lob-", ".spool",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))));
                spools.put(id, s);
            }
            s.append(chunk);
        } catch (IOException e) {
            SpoolBudget.release(loginBytes, chunk.length);
            throw new SQLException("poold could not spool a LOB parameter to disk: " + e.getMessage(), "58030", e);
        }
    }

    /** @return the content of a LOB parameter: its inline bytes or its spool */
    LobContent content(LobParam p) throws SQLException {
        if (p.data() != null) {
            return LobContent.of(p.data());
        }
        Spool s = spools.get(p.spool());
        if (s == null) {
            throw new SQLException("LOB spool " + p.spool() + " was never sent on this connection or is gone", "22000");
        }
        if (s.length != p.length()) {
            throw new SQLException("LOB spool " + p.spool() + " holds " + s.length + " bytes, the parameter says "
                    + p.length(), "22000");
        }
        return s;
    }

    /** Deletes the spools {@code params} name: their statement has run. */
    void freeNamedBy(Object[] params) {
        if (spools.isEmpty()) {
            return;
        }
        for (Object p : params) {
            if (p instanceof LobParam l && l.spool() != 0) {
                free(l.spool());
            }
        }
    }

    private void free(long id) {
        Spool s = spools.remove(id);
        if (s != null) {
            s.delete();
            SpoolBudget.release(loginBytes, s.length);
        }
    }

    /** Deletes every spool: the session ends. */
    void freeAll() {
        if (spools.isEmpty()) {
            return; // most sessions never spool: no key array for every session's end
        }
        for (Long id : spools.keySet().toArray(new Long[0])) {
            free(id);
        }
    }

    boolean isEmpty() {
        return spools.isEmpty();
    }

    /** A LOB's content, read as often as the driver asks. */
    interface LobContent {
        long length();

        /** @return a stream of the content from byte {@code from} */
        InputStream open(long from) throws IOException;

        static LobContent of(byte[] data) {
            return new LobContent() {
                @Override
                public long length() {
                    return data.length;
                }

                @Override
                public InputStream open(long from) {
                    return new java.io.ByteArrayInputStream(data, (int) Math.min(from, data.length),
                            data.length - (int) Math.min(from, data.length));
                }
            };
        }
    }

    /** One spooled content: a file the daemon appends to, then reads as often as the driver asks. */
    private static final class Spool implements LobContent {
        private final Path file;
        private final FileChannel out;
        private long length;

        Spool(Path file) throws IOException {
            this.file = file;
            this.out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }

        void append(byte[] chunk) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(chunk);
            while (b.hasRemaining()) {
                out.write(b);
            }
            length += chunk.length;
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public InputStream open(long from) throws IOException {
            FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
            in.position(from);
            return new java.io.BufferedInputStream(Channels.newInputStream(in), 64 * 1024);
        }

        void delete() {
            try {
                out.close();
            } catch (IOException ignored) {
                // deleting below is what matters
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                System.getLogger("poold.remote").log(System.Logger.Level.WARNING,
                        "could not delete LOB spool " + file + ": " + e.getMessage());
            }
        }
    }
}
