package pool.protocol;

import java.util.ArrayList;
import java.util.List;

/** Operations (docs/protocol.md section 7): each written under its tag, and read back strictly. */
final class OpCodec {

    private static final int OP_EXECUTE = 1;
    private static final int OP_BATCH = 2;
    private static final int OP_FETCH = 3;
    private static final int OP_CLOSE_CURSOR = 4;
    private static final int OP_COMMIT = 5;
    private static final int OP_ROLLBACK = 6;
    private static final int OP_SET_SAVEPOINT = 7;
    private static final int OP_RELEASE_SAVEPOINT = 8;
    private static final int OP_SET = 9;
    private static final int OP_GET = 10;
    private static final int OP_VALIDATE = 11;
    private static final int OP_WARNINGS = 12;
    private static final int OP_META_INFO = 13;
    private static final int OP_META_CALL = 14;
    private static final int OP_RELEASE = 15;
    private static final int OP_NATIVE_SQL = 16;
    private static final int OP_DESCRIBE = 17;
    private static final int OP_MORE_RESULTS = 18;
    private static final int OP_LOB_WRITE = 24;
    private static final int OP_LOB_READ = 25;

    // The enums' codes: their order here is the wire's, whatever order the enums declare.
    private static final Op.StatementKind[] KINDS = {Op.StatementKind.PLAIN, Op.StatementKind.PREPARED,
            Op.StatementKind.CALLABLE};
    private static final Op.Mode[] MODES = {Op.Mode.QUERY, Op.Mode.UPDATE, Op.Mode.ANY};
    private static final Op.Property[] PROPERTIES = {Op.Property.AUTO_COMMIT, Op.Property.READ_ONLY,
            Op.Property.ISOLATION, Op.Property.CATALOG, Op.Property.SCHEMA, Op.Property.HOLDABILITY,
            Op.Property.CLIENT_INFO, Op.Property.CLIENT_INFO_ALL};

    // The operations without fields, decoded as one instance each.
    private static final Op.Commit COMMIT = new Op.Commit();
    private static final Op.MetaInfo META_INFO = new Op.MetaInfo();
    private static final Op.Release RELEASE = new Op.Release();

    private OpCodec() {
    }

    static void op(FrameWriter o, Op op) {
        if (op instanceof Op.Execute e) {
            o.u8(OP_EXECUTE);
            o.code(KINDS, e.kind());
            o.code(MODES, e.mode());
            o.string(e.sql());
            ValueCodec.values(o, e.params(), 0);
            o.sint(e.fetchSize());
            o.sint(e.maxRows());
            o.sint(e.queryTimeout());
            keys(o, e.keys());
            o.varlong(e.knownColumns());
        } else if (op instanceof Op.Batch b) {
            o.u8(OP_BATCH);
            o.code(KINDS, b.kind());
            o.string(b.sql());
            o.length(b.sqls().size());
            for (String s : b.sqls()) {
                o.string(s);
            }
            o.length(b.paramSets().size());
            for (Object[] params : b.paramSets()) {
                ValueCodec.values(o, params, 0);
            }
            o.sint(b.queryTimeout());
            keys(o, b.keys());
        } else if (op instanceof Op.Fetch f) {
            o.u8(OP_FETCH);
            o.i64(f.cursor());
            o.sint(f.rows());
        } else if (op instanceof Op.CloseCursor c) {
            o.u8(OP_CLOSE_CURSOR);
            o.i64(c.cursor());
        } else if (op instanceof Op.Commit) {
            o.u8(OP_COMMIT);
        } else if (op instanceof Op.Rollback r) {
            o.u8(OP_ROLLBACK);
            o.sint(r.savepoint());
        } else if (op instanceof Op.SetSavepoint s) {
            o.u8(OP_SET_SAVEPOINT);
            o.string(s.name());
        } else if (op instanceof Op.ReleaseSavepoint r) {
            o.u8(OP_RELEASE_SAVEPOINT);
            o.sint(r.savepoint());
        } else if (op instanceof Op.Set s) {
            o.u8(OP_SET);
            o.code(PROPERTIES, s.property());
            ValueCodec.value(o, s.value(), 0);
        } else if (op instanceof Op.Get g) {
            o.u8(OP_GET);
            o.code(PROPERTIES, g.property());
        } else if (op instanceof Op.Validate v) {
            o.u8(OP_VALIDATE);
            o.sint(v.timeoutSeconds());
        } else if (op instanceof Op.Warnings w) {
            o.u8(OP_WARNINGS);
            o.u8(w.clear() ? 1 : 0);
        } else if (op instanceof Op.MetaInfo) {
            o.u8(OP_META_INFO);
        } else if (op instanceof Op.MetaCall m) {
            o.u8(OP_META_CALL);
            o.string(m.method());
            ValueCodec.values(o, m.args(), 0);
        } else if (op instanceof Op.Release) {
            o.u8(OP_RELEASE);
        } else if (op instanceof Op.LobWrite w) {
            o.u8(OP_LOB_WRITE);
            o.i64(w.spool());
            o.length(w.chunk().length);
            o.bytes(w.chunk(), 0, w.chunk().length);
        } else if (op instanceof Op.LobRead r) {
            o.u8(OP_LOB_READ);
            o.i64(r.oid());
            o.slong(r.offset());
            o.sint(r.length());
        } else if (op instanceof Op.NativeSql n) {
            o.u8(OP_NATIVE_SQL);
            o.string(n.sql());
        } else if (op instanceof Op.Describe d) {
            o.u8(OP_DESCRIBE);
            o.code(KINDS, d.kind());
            o.string(d.sql());
            keys(o, d.keys());
        } else if (op instanceof Op.MoreResults m) {
            o.u8(OP_MORE_RESULTS);
            o.i64(m.cursor());
            o.u8(m.keep() ? 1 : 0);
        } else {
            throw new IllegalArgumentException("no wire encoding for operation " + op.getClass().getName());
        }
    }

    static Op op(FrameReader in) throws WireException {
        int tag = in.u8();
        switch (tag) {
            case OP_EXECUTE: {
                Op.StatementKind kind = in.code(KINDS, "statement kind");
                Op.Mode mode = in.code(MODES, "execute mode");
                String sql = in.requiredString("sql");
                Object[] params = ValueCodec.values(in, 0);
                int fetchSize = in.sint();
                int maxRows = in.sint();
                int queryTimeout = in.sint();
                Op.Keys keys = keys(in);
                return new Op.Execute(kind, mode, sql, params, fetchSize, maxRows, queryTimeout, keys, in.varlong(10));
            }
            case OP_BATCH: {
                Op.StatementKind kind = in.code(KINDS, "statement kind");
                String sql = in.string();
                int n = in.length("batch statements", 1);
                List<String> sqls = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    in.spend();
                    sqls.add(in.requiredString("batch statement"));
                }
                int m = in.length("batch parameter sets", 1);
                List<Object[]> sets = new ArrayList<>(m);
                for (int i = 0; i < m; i++) {
                    in.spend();
                    sets.add(ValueCodec.values(in, 0));
                }
                int queryTimeout = in.sint();
                return new Op.Batch(kind, sql, sqls, sets, queryTimeout, keys(in));
            }
            case OP_FETCH:
                return new Op.Fetch(in.i64(), in.sint());
            case OP_CLOSE_CURSOR:
                return new Op.CloseCursor(in.i64());
            case OP_COMMIT:
                return COMMIT;
            case OP_ROLLBACK:
                return new Op.Rollback(in.sint());
            case OP_SET_SAVEPOINT:
                return new Op.SetSavepoint(in.string());
            case OP_RELEASE_SAVEPOINT:
                return new Op.ReleaseSavepoint(in.sint());
            case OP_SET:
                return new Op.Set(in.code(PROPERTIES, "connection property"), ValueCodec.value(in, 0));
            case OP_GET:
                return new Op.Get(in.code(PROPERTIES, "connection property"));
            case OP_VALIDATE:
                return new Op.Validate(in.sint());
            case OP_WARNINGS:
                return new Op.Warnings((in.flags("warnings", 1) & 1) != 0);
            case OP_META_INFO:
                return META_INFO;
            case OP_META_CALL:
                return new Op.MetaCall(in.requiredString("metadata method"), ValueCodec.values(in, 0));
            case OP_RELEASE:
                return RELEASE;
            case OP_LOB_WRITE: {
                long spool = in.i64();
                int n = in.length("LOB chunk", 1);
                if (n > LobParam.CHUNK_BYTES) {
                    throw in.fail("LOB chunk of " + n + " bytes, the limit is " + LobParam.CHUNK_BYTES);
                }
                return new Op.LobWrite(spool, in.bytes(n));
            }
            case OP_LOB_READ:
                return new Op.LobRead(in.i64(), in.slong(), in.sint());
            case OP_NATIVE_SQL:
                return new Op.NativeSql(in.requiredString("sql"));
            case OP_DESCRIBE: {
                Op.StatementKind kind = in.code(KINDS, "statement kind");
                if (kind == Op.StatementKind.PLAIN) {
                    throw in.fail("a PLAIN statement cannot be described");
                }
                String sql = in.requiredString("sql");
                return new Op.Describe(kind, sql, keys(in));
            }
            case OP_MORE_RESULTS:
                return new Op.MoreResults(in.i64(), (in.flags("more results", 1) & 1) != 0);
            default:
                throw in.fail("unknown operation tag " + tag);
        }
    }

    private static void keys(FrameWriter o, Op.Keys k) {
        if (k == null) {
            o.u8(0);
            return;
        }
        o.u8(1 | (k.all() ? 2 : 0) | (k.indexes() != null ? 4 : 0) | (k.names() != null ? 8 : 0));
        if (k.indexes() != null) {
            o.length(k.indexes().length);
            for (int i : k.indexes()) {
                o.sint(i);
            }
        }
        if (k.names() != null) {
            o.length(k.names().length);
            for (String s : k.names()) {
                o.string(s);
            }
        }
    }

    private static Op.Keys keys(FrameReader in) throws WireException {
        int flags = in.flags("generated keys", 4);
        if (flags == 0) {
            return null;
        }
        if ((flags & 1) == 0) {
            throw in.fail("generated keys flags " + flags + " without keys");
        }
        int[] indexes = null;
        if ((flags & 4) != 0) {
            indexes = new int[in.length("key indexes", 1)];
            for (int i = 0; i < indexes.length; i++) {
                indexes[i] = in.sint();
            }
        }
        String[] names = null;
        if ((flags & 8) != 0) {
            names = new String[in.length("key names", 1)];
            for (int i = 0; i < names.length; i++) {
                in.spend();
                names[i] = in.string();
            }
        }
        return new Op.Keys((flags & 2) != 0, indexes, names);
    }
}
