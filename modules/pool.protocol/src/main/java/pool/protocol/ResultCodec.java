package pool.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Results, with their rows and columns (docs/protocol.md sections 8.6 and 8.7): each written
 * under its tag, and read back strictly.
 */
final class ResultCodec {

    private static final int R_DONE = 1;
    private static final int R_EXECUTED = 2;
    private static final int R_BATCHED = 3;
    private static final int R_FETCHED = 4;
    private static final int R_SAVEPOINT_SET = 5;
    private static final int R_VALUE = 6;
    private static final int R_WARNINGS = 7;
    private static final int R_META = 8;
    private static final int R_DESCRIBED = 9;

    private static final Result.Done DONE = new Result.Done();

    private ResultCodec() {
    }

    static void result(FrameWriter o, Result r) {
        if (r instanceof Result.Done) {
            o.u8(R_DONE);
        } else if (r instanceof Result.Executed e) {
            o.u8(R_EXECUTED);
            o.slong(e.updateCount());
            o.u8((e.rows() != null ? 1 : 0) | (e.keys() != null ? 2 : 0) | (e.outValues() != null ? 4 : 0)
                    | (e.holdsTransaction() ? 8 : 0) | (e.columnsId() != 0 ? 16 : 0) | (e.further().isEmpty() ? 0 : 32));
            o.i64(e.cursor());
            if (e.columnsId() != 0) {
                o.i64(e.columnsId());
            }
            if (e.rows() != null) {
                rows(o, e.rows());
            }
            if (e.keys() != null) {
                rows(o, e.keys());
            }
            if (e.outValues() != null) {
                ValueCodec.values(o, e.outValues(), 0);
            }
            ErrorCodec.error(o, e.warnings());
            if (!e.further().isEmpty()) {
                further(o, e.further());
            }
        } else if (r instanceof Result.Batched b) {
            o.u8(R_BATCHED);
            o.slongs(b.counts());
            o.u8(b.keys() != null ? 1 : 0);
            if (b.keys() != null) {
                rows(o, b.keys());
            }
        } else if (r instanceof Result.Fetched f) {
            o.u8(R_FETCHED);
            rows(o, f.rows());
            o.u8(f.further().isEmpty() ? 0 : 1);
            if (!f.further().isEmpty()) {
                further(o, f.further());
            }
        } else if (r instanceof Result.SavepointSet s) {
            o.u8(R_SAVEPOINT_SET);
            o.sint(s.id());
            o.sint(s.savepointId());
        } else if (r instanceof Result.Value v) {
            o.u8(R_VALUE);
            ValueCodec.value(o, v.value(), 0);
        } else if (r instanceof Result.Warnings w) {
            o.u8(R_WARNINGS);
            ErrorCodec.error(o, w.chain());
        } else if (r instanceof Result.Meta m) {
            o.u8(R_META);
            o.length(m.names().size());
            for (String name : m.names()) {
                o.string(name);
            }
            if (m.values() == null) {
                o.u8(0);
            } else {
                o.u8(1);
                ValueCodec.values(o, m.values(), 0);
            }
        } else if (r instanceof Result.Described d) {
            o.u8(R_DESCRIBED);
            o.u8((d.columns() != null ? 1 : 0) | (d.parameters() != null ? 2 : 0));
            if (d.columns() != null) {
                o.length(d.columns().size());
                for (Column c : d.columns()) {
                    column(o, c);
                }
            }
            ErrorCodec.error(o, d.columnsError());
            if (d.parameters() != null) {
                o.length(d.parameters().size());
                for (Result.Parameter p : d.parameters()) {
                    parameter(o, p);
                }
            }
            ErrorCodec.error(o, d.parametersError());
        } else {
            throw new IllegalArgumentException("no wire encoding for result " + r.getClass().getName());
        }
    }

    private static void further(FrameWriter o, List<Result.Further> further) {
        o.length(further.size());
        for (Result.Further f : further) {
            o.slong(f.rows() == null ? f.updateCount() : -1);
            if (f.rows() != null) {
                rows(o, f.rows());
                o.i64(f.cursor());
            }
        }
    }

    private static List<Result.Further> further(FrameReader in) throws WireException {
        int n = in.length("further results", 1);
        Result.Further[] read = new Result.Further[n];
        for (int i = 0; i < n; i++) {
            long count = in.slong();
            if (count != -1) {
                read[i] = new Result.Further(count, null);
                continue;
            }
            Rows rows = rows(in);
            long cursor = in.i64();
            if (cursor != 0 && i != n - 1) {
                throw in.fail("further result " + (i + 1) + " of " + n + " has a cursor: only the last may");
            }
            read[i] = new Result.Further(-1, rows, cursor);
        }
        return List.of(read);
    }

    private static void parameter(FrameWriter o, Result.Parameter p) {
        o.sint(p.mode());
        o.sint(p.type());
        o.string(p.typeName());
        o.string(p.className());
        o.sint(p.precision());
        o.sint(p.scale());
        o.sint(p.nullable());
        int failed = 0;
        for (int i = 0; i < Result.Parameter.ATTRIBUTES.size(); i++) {
            failed |= p.error(i) != null ? 1 << i : 0;
        }
        o.u8(p.signed() ? 1 : 0);
        o.u8(failed);
        for (int i = 0; i < Result.Parameter.ATTRIBUTES.size(); i++) {
            if (p.error(i) != null) {
                ErrorCodec.error(o, p.error(i));
            }
        }
    }

    private static Result.Parameter parameter(FrameReader in) throws WireException {
        int mode = in.sint();
        int type = in.sint();
        String typeName = in.string();
        String className = in.string();
        int precision = in.sint();
        int scale = in.sint();
        int nullable = in.sint();
        boolean signed = (in.flags("parameter", 1) & 1) != 0;
        int failed = in.flags("refused parameter attributes", Result.Parameter.ATTRIBUTES.size());
        SqlError[] errors = new SqlError[Result.Parameter.ATTRIBUTES.size()];
        for (int i = 0; i < errors.length; i++) {
            if ((failed & 1 << i) != 0) {
                errors[i] = ErrorCodec.error(in);
                if (errors[i] == null) {
                    throw in.fail("refused parameter attribute " + Result.Parameter.ATTRIBUTES.get(i) + " without an error");
                }
            }
        }
        return new Result.Parameter(mode, type, typeName, className, precision, scale, nullable, signed, errors);
    }

    static Result result(FrameReader in) throws WireException {
        int tag = in.u8();
        switch (tag) {
            case R_DONE:
                return DONE;
            case R_EXECUTED: {
                long updateCount = in.slong();
                int flags = in.flags("executed", 6);
                long cursor = in.i64();
                long columnsId = (flags & 16) != 0 ? in.i64() : 0;
                Rows rows = (flags & 1) != 0 ? rows(in) : null;
                Rows keys = (flags & 2) != 0 ? rows(in) : null;
                Object[] outs = (flags & 4) != 0 ? ValueCodec.values(in, 0) : null;
                SqlError warnings = ErrorCodec.error(in);
                List<Result.Further> further = (flags & 32) != 0 ? further(in) : List.of();
                return new Result.Executed(updateCount, rows, cursor, keys, outs, warnings, (flags & 8) != 0, columnsId,
                        further);
            }
            case R_BATCHED: {
                long[] counts = in.slongs("batch update counts");
                return new Result.Batched(counts, (in.flags("batched", 1) & 1) != 0 ? rows(in) : null);
            }
            case R_FETCHED: {
                Rows rows = rows(in);
                return new Result.Fetched(rows, (in.flags("fetched", 1) & 1) != 0 ? further(in) : List.of());
            }
            case R_DESCRIBED: {
                int flags = in.flags("described", 2);
                List<Column> columns = null;
                if ((flags & 1) != 0) {
                    int n = in.length("described columns", 8);
                    columns = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        in.spend();
                        columns.add(column(in));
                    }
                }
                SqlError columnsError = ErrorCodec.error(in);
                List<Result.Parameter> parameters = null;
                if ((flags & 2) != 0) {
                    int n = in.length("described parameters", 8);
                    parameters = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        in.spend();
                        parameters.add(parameter(in));
                    }
                }
                return new Result.Described(columns, columnsError, parameters, ErrorCodec.error(in));
            }
            case R_SAVEPOINT_SET:
                return new Result.SavepointSet(in.sint(), in.sint());
            case R_VALUE:
                return new Result.Value(ValueCodec.value(in, 0));
            case R_WARNINGS:
                return new Result.Warnings(ErrorCodec.error(in));
            case R_META: {
                int n = in.length("metadata names", 1);
                List<String> names = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    in.spend();
                    names.add(in.requiredString("metadata name"));
                }
                Object[] values = (in.flags("metadata values", 1) & 1) != 0 ? ValueCodec.values(in, 0) : null;
                return new Result.Meta(names, values);
            }
            default:
                throw in.fail("unknown result tag " + tag);
        }
    }

    private static void rows(FrameWriter o, Rows rows) {
        List<Column> columns = rows.columns();
        if (columns == null) {
            o.u8(0);
        } else {
            o.length(columns.size() + 1);
            for (Column c : columns) {
                column(o, c);
            }
        }
        Object[][] data = rows.data();
        int width = data.length == 0 ? 0 : data[0].length;
        o.length(data.length);
        o.length(width);
        for (Object[] row : data) {
            if (row.length != width) {
                throw new IllegalArgumentException("rows of one batch differ in width: " + row.length + " and " + width);
            }
            for (Object v : row) {
                ValueCodec.value(o, v, 1);
            }
        }
        o.u8(rows.last() ? 1 : 0);
    }

    private static Rows rows(FrameReader in) throws WireException {
        List<Column> columns = null;
        int c = in.nullableLength("columns", 8);
        if (c >= 0) {
            columns = new ArrayList<>(c);
            for (int i = 0; i < c; i++) {
                in.spend();
                columns.add(column(in));
            }
        }
        int n = in.length("rows", 0);
        int width = in.length("row width", 0);
        if ((long) n * width > in.remaining()) { // every value takes at least its tag byte
            throw in.fail(n + " rows of " + width + " values cannot fit the " + in.remaining() + " bytes left");
        }
        if (width == 0 && n > in.remaining()) { // empty rows: bounded by the frame like everything else
            throw in.fail(n + " empty rows in a frame of " + in.remaining() + " bytes left");
        }
        Object[][] data = new Object[n][];
        for (int r = 0; r < n; r++) {
            in.spend();
            Object[] row = new Object[width];
            for (int i = 0; i < width; i++) {
                row[i] = ValueCodec.value(in, 1);
            }
            data[r] = row;
        }
        boolean last = (in.flags("rows", 1) & 1) != 0;
        return new Rows(columns, data, last);
    }

    private static void column(FrameWriter o, Column c) {
        o.string(c.label());
        o.string(c.name());
        o.sint(c.type());
        o.string(c.typeName());
        o.string(c.className());
        o.sint(c.precision());
        o.sint(c.scale());
        o.sint(c.nullable());
        o.u8((c.signed() ? 1 : 0) | (c.autoIncrement() ? 2 : 0) | (c.caseSensitive() ? 4 : 0)
                | (c.currency() ? 8 : 0) | (c.searchable() ? 16 : 0) | (c.readOnly() ? 32 : 0)
                | (c.writable() ? 64 : 0) | (c.definitelyWritable() ? 128 : 0));
        o.sint(c.displaySize());
        o.string(c.table());
        o.string(c.schema());
        o.string(c.catalog());
        o.string(c.tableAlias());
    }

    private static Column column(FrameReader in) throws WireException {
        String label = in.string();
        String name = in.string();
        int type = in.sint();
        String typeName = in.string();
        String className = in.string();
        int precision = in.sint();
        int scale = in.sint();
        int nullable = in.sint();
        int f = in.flags("column", 8);
        int displaySize = in.sint();
        return new Column(label, name, type, typeName, className, precision, scale, nullable, (f & 1) != 0,
                (f & 2) != 0, (f & 4) != 0, (f & 8) != 0, (f & 16) != 0, (f & 32) != 0, (f & 64) != 0,
                (f & 128) != 0, displaySize, in.string(),
                in.string(), in.string(), in.string());
    }
}
