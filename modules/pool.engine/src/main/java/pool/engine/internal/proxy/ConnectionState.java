package pool.engine.internal.proxy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import pool.engine.internal.sql.SessionEffects;

/**
 * What the application changed on one physical connection during the current borrow,
 * and the reset that undoes exactly that on return. One instance per physical
 * connection, reused across borrows; it is touched by one borrower at a time (the
 * bag's hand-off orders successive borrowers), so its fields are plain.
 */
public final class ConnectionState {

    static final int AUTO_COMMIT = 1;
    static final int ISOLATION = 2;
    static final int READ_ONLY = 4;
    static final int CATALOG = 8;
    static final int SCHEMA = 16;
    static final int NETWORK_TIMEOUT = 32;
    static final int HOLDABILITY = 64;
    static final int TYPE_MAP = 128;
    static final int CLIENT_INFO = 256;
    /**
     * The application held the driver's own connection ({@code unwrap}): what it set there
     * bypassed the handle, so every setting the driver keeps beside the session is checked
     * against the baseline on return (see {@link #driverObjectHandedOut}).
     */
    static final int UNWRAPPED = 512;

    private final Connection raw;
    private final SessionBaseline baseline;
    private final SessionSetup setup;

    /** Bits of what the application set; 0 means reset has nothing to restore. */
    int dirty;
    /**
     * {@link SessionEffects} of what ran in this borrow (SQL, and JDBC calls with the same
     * effect): whether the database session must be reset, or a transaction SQL began ended.
     */
    int sqlEffects;
    /** Auto-commit as it is now on the physical connection. */
    boolean autoCommit;
    /** Something executed since the last commit/rollback: with auto-commit off, a transaction may be open. */
    boolean executed;
    /** A fatal error was seen on this connection: destroy it on return. Volatile: the reaper reads it. */
    private volatile boolean broken;

    /**
     * Statements opened in this borrow and not closed yet, beyond the one the handle tracks
     * itself (see ProxyConnection#track); grown on demand, then reused.
     */
    private ProxyStatement[] statements = new ProxyStatement[8];
    private int statementCount;

    public ConnectionState(Connection raw, SessionBaseline baseline, SessionSetup setup) {
        this.raw = raw;
        this.baseline = baseline;
        this.setup = setup;
        this.autoCommit = baseline.autoCommit();
    }

    /** @return the physical connection */
    public Connection raw() {
        return raw;
    }

    /** @return the {@link SessionEffects} of {@code sql}, from the pool's cache */
    int effectsOf(String sql) {
        return setup.effectsOf(sql);
    }

    public boolean isBroken() {
        return broken;
    }

    public void markBroken() {
        broken = true;
    }

    /**
     * The borrower got the driver's own connection (or another of its objects). Its setters
     * reach the driver unseen, so the return compares what the handle would have tracked:
     * holdability and client info (both kept by the driver alone, beyond any session reset),
     * the type map; the session reset that {@code unwrap} also asks for covers the rest
     * (auto-commit, isolation, read-only, catalog, schema, network timeout).
     */
    void driverObjectHandedOut() {
        dirty |= HOLDABILITY | CLIENT_INFO | UNWRAPPED;
    }

    void track(ProxyStatement s) {
        if (statementCount == statements.length) {
            statements = Arrays.copyOf(statements, statementCount * 2);
        }
        statements[statementCount++] = s;
    }

    void untrack(ProxyStatement s) {
        // Usually the most recent statement is closed first: search from the end.
        for (int i = statementCount - 1; i >= 0; i--) {
            if (statements[i] == s) {
                statements[i] = statements[--statementCount];
                statements[statementCount] = null;
                return;
            }
        }
    }

    /**
     * Undoes what the application did in this borrow: closes the statements (and with
     * them their result sets) it left open, rolls back an open transaction, restores
     * each setting it changed (type map and client info included), clears warnings; and
     * when SQL (or a JDBC call with the same effect) may have changed the database session,
     * resets the session and sets it up again. Touches nothing that did not change, except {@code clearWarnings()}, which
     * is a local call in both drivers and cannot be known to be unnecessary without
     * another call. A borrow that ran only plain reads and data changes costs no call to
     * the server here.
     *
     * @return false when the session may have changed and the database offers no reset, or
     *         client info cannot be set back: the connection must be closed, not handed on
     * @throws SQLException when the connection failed during reset: destroy it
     */
    public boolean reset() throws SQLException {
        for (int i = statementCount - 1; i >= 0; i--) {
            ProxyStatement s = statements[i];
            statements[i] = null;
            // A statement that fails to close is the driver's problem; a broken connection
            // shows itself in the rollback/clearWarnings below and is destroyed then.
            s.closeByPool();
        }
        statementCount = 0;
        int effects = sqlEffects;
        if ((effects & SessionEffects.SESSION) != 0 && baseline.sessionReset() == null) {
            return false; // closing it is the reset; nothing before is worth a call
        }
        if (!autoCommit && executed) {
            raw.rollback();
        }
        executed = false;
        if ((effects & SessionEffects.TRANSACTION) != 0 && autoCommit && !setup.endTransaction(raw)) {
            return false;
        }
        if (effects != 0) {
            sqlEffects = 0;
        }
        int d = dirty;
        if (d != 0) {
            if ((d & AUTO_COMMIT) != 0 && autoCommit != baseline.autoCommit()) {
                raw.setAutoCommit(baseline.autoCommit());
                autoCommit = baseline.autoCommit();
            }
            if ((d & ISOLATION) != 0) {
                raw.setTransactionIsolation(baseline.isolation());
            }
            if ((d & READ_ONLY) != 0) {
                raw.setReadOnly(baseline.readOnly());
            }
            if ((d & CATALOG) != 0 && baseline.catalog() != null) {
                raw.setCatalog(baseline.catalog());
            }
            if ((d & SCHEMA) != 0 && baseline.schema() != null) {
                raw.setSchema(baseline.schema());
            }
            if ((d & NETWORK_TIMEOUT) != 0) {
                raw.setNetworkTimeout(Runnable::run, baseline.networkTimeoutMillis());
            }
            if ((d & HOLDABILITY) != 0 && baseline.holdability() != 0) {
                raw.setHoldability(baseline.holdability());
            }
            if ((d & TYPE_MAP) != 0) {
                raw.setTypeMap(new HashMap<>()); // JDBC's default: empty; the driver keeps the map itself
            } else if ((d & UNWRAPPED) != 0 && !typeMapEmpty()) {
                raw.setTypeMap(new HashMap<>());
            }
            dirty = 0;
        }
        if ((effects & SessionEffects.SESSION) != 0) {
            if (!setup.resetSession(raw, baseline, (d & UNWRAPPED) != 0)) {
                return false;
            }
            autoCommit = baseline.autoCommit();
        }
        // After the session reset, which restores what the server holds of it (PostgreSQL's
        // application_name, and the driver's copy with it).
        if ((d & CLIENT_INFO) != 0 && !restoreClientInfo()) {
            return false;
        }
        raw.clearWarnings();
        return true;
    }

    /**
     * Sets back each client info property that differs from the baseline. Drivers keep client
     * info themselves, beyond the session's reach: MariaDB's lives only in the driver, and a
     * property it did not have can be taken away only from the Properties it hands out (its own).
     *
     * @return false when the client info is not the baseline's after all: close the connection
     */
    private boolean restoreClientInfo() throws SQLException {
        Map<String, String> base = baseline.clientInfo();
        if (base == null) {
            return false;
        }
        Properties now = raw.getClientInfo();
        Set<String> keys = new HashSet<>(now.stringPropertyNames());
        keys.addAll(base.keySet());
        for (String key : keys) {
            String want = base.get(key);
            if (!Objects.equals(want, now.getProperty(key))) {
                if (want != null) {
                    raw.setClientInfo(key, want);
                } else {
                    now.remove(key);
                }
            }
        }
        Properties after = raw.getClientInfo();
        for (String key : keys) {
            if (!Objects.equals(base.get(key), after.getProperty(key))) {
                return false;
            }
        }
        return true;
    }

    /** @return whether the driver's type map is JDBC's default; a driver without type maps (MariaDB's) has none to reset */
    private boolean typeMapEmpty() throws SQLException {
        Map<String, Class<?>> map;
        try {
            map = raw.getTypeMap();
        } catch (java.sql.SQLFeatureNotSupportedException e) {
            return true;
        }
        return map == null || map.isEmpty();
    }

    /** Cancels what the open statements run (see ProxyConnection#cancelStatements): read racily, on purpose. */
    void cancelStatements() {
        ProxyStatement[] open = statements;
        for (int i = 0, n = Math.min(statementCount, open.length); i < n; i++) {
            ProxyStatement s = open[i];
            if (s != null) {
                s.cancelByPool();
            }
        }
    }

    /** Forgets open statements without closing them (the physical connection is going away). */
    public void forgetStatements() {
        Arrays.fill(statements, 0, statementCount, null);
        statementCount = 0;
    }
}
