package pool.remote.internal;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The disk the daemon spends on LOB parameters a client sends ahead of their statement
 * ({@link LobSpools}): at most {@link #PER_LOGIN} bytes for one login, at most
 * {@link #TOTAL} for all logins of the daemon together. Bytes are reserved before they are
 * written and given back when their spool is deleted (after its statement ran, or when its
 * session ends: released, reclaimed, or its client gone past the lease).
 */
final class SpoolBudget {

    /** Spool bytes one login may hold at once: {@code -Dpoold.remote.lobSpoolBytesPerLogin}, default 1 GiB. */
    static final long PER_LOGIN = Long.getLong("poold.remote.lobSpoolBytesPerLogin", 1L << 30);
    /** Spool bytes the daemon holds at once for all logins: {@code -Dpoold.remote.lobSpoolBytes}, default 8 GiB. */
    static final long TOTAL = Long.getLong("poold.remote.lobSpoolBytes", 8L << 30);
    /** Where spools are written: {@code -Dpoold.remote.spoolDir}, default {@code java.io.tmpdir}. */
    static final Path DIR = Path.of(System.getProperty("poold.remote.spoolDir", System.getProperty("java.io.tmpdir")));

    private static final AtomicLong USED = new AtomicLong();

    private SpoolBudget() {
    }

    /**
     * Reserves {@code n} bytes for a login that may hold {@code perLogin} ({@link #PER_LOGIN} but in tests).
     *
     * @throws SQLException (SQLState 54000) when the login or the daemon would exceed its budget
     */
    static void reserve(AtomicLong login, long n, long perLogin) throws SQLException {
        if (login.addAndGet(n) > perLogin) {
            login.addAndGet(-n);
            throw new SQLException("LOB parameters waiting for their statements would exceed " + perLogin
                    + " bytes for this login (poold.remote.lobSpoolBytesPerLogin): execute or close statements"
                    + " with large LOBs before binding more", "54000");
        }
        if (USED.addAndGet(n) > TOTAL) {
            USED.addAndGet(-n);
            login.addAndGet(-n);
            throw new SQLException("LOB parameters waiting for their statements would exceed the daemon's " + TOTAL
                    + " bytes for all clients (poold.remote.lobSpoolBytes): try again later", "53100");
        }
    }

    static void release(AtomicLong login, long n) {
        login.addAndGet(-n);
        USED.addAndGet(-n);
    }

    /** @return the spool bytes held by all logins, for tests and monitoring */
    static long used() {
        return USED.get();
    }
}
