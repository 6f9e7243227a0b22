package pool.remote.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import pool.protocol.Op;
import pool.protocol.Result;

/** Runs one operation on a session whose lock the caller holds. */
final class Dispatcher {

    private static final Result.Done DONE = new Result.Done();

    private Dispatcher() {
    }

    static Result run(Session s, Op op) throws SQLException {
        Connection c = s.connection;
        if (!insideImplicitTransaction(op)) {
            s.settleImplicit();
            s.checkFit();
        }
        if (!(op instanceof Op.Fetch || op instanceof Op.CloseCursor || op instanceof Op.MoreResults
                || op instanceof Op.LobWrite || op instanceof Op.Get)) {
            s.spillStreamingResults(); // before the driver reads them into the heap
        }
        if (op instanceof Op.Execute e) {
            return StatementRunner.execute(s, e);
        } else if (op instanceof Op.Fetch f) {
            return StatementRunner.fetch(s, f);
        } else if (op instanceof Op.CloseCursor cc) {
            s.closeCursor(cc.cursor());
            return DONE;
        } else if (op instanceof Op.MoreResults m) {
            return StatementRunner.moreResults(s, m);
        } else if (op instanceof Op.Describe d) {
            return Describer.describe(s, d);
        } else if (op instanceof Op.Batch b) {
            return StatementRunner.batch(s, b);
        } else if (op instanceof Op.Commit) {
            c.commit();
            s.forgetSavepoints(); // a commit ends them all
            return DONE;
        } else if (op instanceof Op.Rollback r) {
            if (r.savepoint() == 0) {
                c.rollback();
                s.forgetSavepoints();
            } else {
                c.rollback(s.savepoint(r.savepoint()));
                s.rolledBackTo(r.savepoint());
            }
            return DONE;
        } else if (op instanceof Op.SetSavepoint sp) {
            s.roomForSavepoint();
            Savepoint savepoint = sp.name() == null ? c.setSavepoint() : c.setSavepoint(sp.name());
            return new Result.SavepointSet(s.addSavepoint(savepoint),
                    sp.name() == null ? s.unnamedSavepointId(savepoint) : 0);
        } else if (op instanceof Op.ReleaseSavepoint rs) {
            // Kept until the transaction ends: a later use of it reaches the driver, which answers as it
            // would directly (pgjdbc 3B000 "released", MariaDB the server's 1305).
            c.releaseSavepoint(s.savepoint(rs.savepoint()));
            s.releasedSavepoint(rs.savepoint());
            return DONE;
        } else if (op instanceof Op.Set set) {
            set(c, set);
            return DONE;
        } else if (op instanceof Op.Get get) {
            return new Result.Value(get(s, get.property()));
        } else if (op instanceof Op.Validate v) {
            return new Result.Value(c.isValid(v.timeoutSeconds()));
        } else if (op instanceof Op.Warnings w) {
            Result.Warnings result = new Result.Warnings(StatementRunner.warnings(c.getWarnings()));
            if (w.clear()) {
                c.clearWarnings();
            }
            return result;
        } else if (op instanceof Op.MetaInfo) {
            return MetaRunner.info(s);
        } else if (op instanceof Op.MetaCall m) {
            return MetaRunner.call(s, m);
        } else if (op instanceof Op.LobWrite w) {
            s.lobs.append(w.spool(), w.chunk());
            return DONE;
        } else if (op instanceof Op.LobRead r) {
            return new Result.Value(LargeObjects.read(s.connection, r));
        } else if (op instanceof Op.NativeSql n) {
            return new Result.Value(c.nativeSQL(n.sql()));
        }
        // Release is handled by the endpoint, which owns the session table.
        throw new SQLException("operation " + op.getClass().getSimpleName() + " is not supported here", "0A000");
    }

    /**
     * @return whether {@code op} may run while an implicit transaction is open: it reads the
     *         result or the connection's state and cannot fail in a way that aborts the
     *         transaction. Anything else ends that transaction first, so that it runs in
     *         autocommit as the client expects (metadata calls too: they run queries).
     */
    private static boolean insideImplicitTransaction(Op op) {
        return op instanceof Op.Fetch || op instanceof Op.CloseCursor || op instanceof Op.MoreResults
                || op instanceof Op.Get || op instanceof Op.NativeSql
                || op instanceof Op.Validate || op instanceof Op.Warnings || op instanceof Op.MetaInfo
                || op instanceof Op.LobWrite;
    }

    private static void set(Connection c, Op.Set set) throws SQLException {
        Object v = set.value();
        switch (set.property()) {
            case AUTO_COMMIT: c.setAutoCommit((Boolean) v); break;
            case READ_ONLY: c.setReadOnly((Boolean) v); break;
            case ISOLATION: c.setTransactionIsolation((Integer) v); break;
            case CATALOG: c.setCatalog((String) v); break;
            case SCHEMA: c.setSchema((String) v); break;
            case HOLDABILITY: c.setHoldability((Integer) v); break;
            case CLIENT_INFO: {
                String[] pair = (String[]) v;
                c.setClientInfo(pair[0], pair[1]);
                break;
            }
            case CLIENT_INFO_ALL: c.setClientInfo(ClientInfo.properties((String[]) v)); break;
            default: throw new SQLException("unknown connection property " + set.property(), "0A000");
        }
    }

    private static Object get(Session s, Op.Property p) throws SQLException {
        Connection c = s.connection;
        ImplicitTransaction implicit = s.implicit();
        if (implicit != null) { // the client's values, not those of the transaction it does not see
            if (p == Op.Property.AUTO_COMMIT) {
                return true;
            } else if (p == Op.Property.READ_ONLY) {
                return implicit.clientReadOnly();
            }
        }
        switch (p) {
            case AUTO_COMMIT: return c.getAutoCommit();
            case READ_ONLY: return c.isReadOnly();
            case ISOLATION: return c.getTransactionIsolation();
            case CATALOG: return c.getCatalog();
            case SCHEMA: return c.getSchema();
            case HOLDABILITY: return c.getHoldability();
            case CLIENT_INFO: return ClientInfo.pairs(c.getClientInfo());
            default: throw new SQLException("unknown connection property " + p, "0A000");
        }
    }
}
