package pool.client.internal;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Arrays;
import java.util.List;
import pool.protocol.LobParam;
import pool.protocol.Op;
import pool.protocol.Result;
import pool.protocol.SqlNull;
import pool.protocol.TypedParam;
import pool.protocol.ValueTypes;

/**
 * A prepared statement: parameters are kept in the client and travel with the
 * execution, so preparing costs no call; the daemon's driver prepares (and caches, where
 * it does) on execution.
 */
class RemotePreparedStatement extends UnsupportedPreparedStatement {

    private final String sql;
    private final Op.StatementKind kind;
    private final Op.Keys keys;
    private Object[] params = new Object[8];
    private int count;
    private final List<Object[]> batches = new ArrayList<>();
    private Result.Described described;
    /** The SQL's placeholders as pgjdbc counts them; -1 until needed. */
    private int placeholders = -1;

    RemotePreparedStatement(RemoteConnection connection, String sql, Op.StatementKind kind, Op.Keys keys) {
        super(connection);
        this.sql = sql;
        this.kind = kind;
        this.keys = keys;
    }

    /** Sets parameter {@code index} (1-based) to a value the wire format carries ({@link Values#parameter}). */
    void set(int index, Object value) throws SQLException {
        checkOpen();
        if (kind == Op.StatementKind.PREPARED && connection.errors().checksParameterIndexAtSetter()) {
            if (placeholders < 0) {
                placeholders = Placeholders.count(sql);
            }
            if (index < 1 || index > placeholders) {
                throw connection.errors().parameterIndex(index, placeholders);
            }
        }
        if (index < 1) {
            throw connection.errors().parameterIndexBelowOne(index);
        }
        if (index > params.length) {
            params = Arrays.copyOf(params, Math.max(index, params.length * 2));
        }
        if (params[index - 1] instanceof Lobs.Pending old && old != value) {
            old.free();
        }
        params[index - 1] = value;
        count = Math.max(count, index);
    }

    Object param(int index) {
        return index <= count ? params[index - 1] : null;
    }

    /** @return the parameters to send; a gap is an error before any call, as drivers report it */
    Object[] parameters() throws SQLException {
        Object[] out = new Object[count];
        for (int i = 0; i < count; i++) {
            if (params[i] == null) {
                throw connection.errors().parameterNotSet(i + 1);
            }
            Object v = params[i];
            out[i] = wire(i + 1, v instanceof Lobs.Pending p ? Lobs.upload(connection, p) : v);
        }
        return out;
    }

    /** Hook for callable statements, which turn registered OUT parameters into OutParam. */
    Object wire(int index, Object value) {
        return value;
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        afterExecute(run(op(kind, Op.Mode.QUERY, sql, parameters(), keys)));
        return requireRows();
    }

    @Override
    public int executeUpdate() throws SQLException {
        return (int) Math.min(Integer.MAX_VALUE, executeLargeUpdate());
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        Result.Executed e = run(op(kind, Op.Mode.UPDATE, sql, parameters(), keys));
        afterExecute(e);
        return e.updateCount();
    }

    @Override
    public boolean execute() throws SQLException {
        Result.Executed e = run(op(kind, Op.Mode.ANY, sql, parameters(), keys));
        afterExecute(e);
        return e.rows() != null;
    }

    /** Hook for callable statements to keep OUT values. */
    void afterExecute(Result.Executed e) {
    }

    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        batches.add(parameters());
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batches.clear();
    }

    @Override
    long[] runBatch() throws SQLException {
        if (batches.isEmpty()) {
            return new long[0];
        }
        Result.Batched b = (Result.Batched) connection.exchange(new Op.Batch(kind, sql, null, batches, queryTimeout(),
                kind == Op.StatementKind.PREPARED ? keys : null));
        generatedKeys(b.keys());
        return b.counts();
    }

    @Override
    void clearBatchEntries() {
        batches.clear();
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        freeLobs();
        Arrays.fill(params, null);
        count = 0;
    }

    // ---- setters

    @Override
    public void setNull(int index, int sqlType) throws SQLException {
        set(index, new SqlNull(sqlType));
    }

    @Override
    public void setNull(int index, int sqlType, String typeName) throws SQLException {
        set(index, new SqlNull(sqlType));
    }

    @Override
    public void setBoolean(int index, boolean x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setByte(int index, byte x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setShort(int index, short x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setInt(int index, int x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setLong(int index, long x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setFloat(int index, float x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setDouble(int index, double x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setBigDecimal(int index, BigDecimal x) throws SQLException {
        set(index, x == null ? new SqlNull(Types.DECIMAL) : x);
    }

    @Override
    public void setString(int index, String x) throws SQLException {
        set(index, x == null ? new SqlNull(Types.VARCHAR) : x);
    }

    @Override
    public void setNString(int index, String x) throws SQLException {
        set(index, x == null ? new SqlNull(Types.NVARCHAR) : x);
    }

    @Override
    public void setBytes(int index, byte[] x) throws SQLException {
        set(index, x == null ? new SqlNull(Types.VARBINARY) : x.clone());
    }

    @Override
    public void setDate(int index, Date x) throws SQLException {
        setDate(index, x, null);
    }

    @Override
    public void setTime(int index, Time x) throws SQLException {
        setTime(index, x, null);
    }

    @Override
    public void setTimestamp(int index, Timestamp x) throws SQLException {
        setTimestamp(index, x, null);
    }

    // The value travels with the zone it is meant in (the calendar's, else this JVM's): the
    // daemon binds it with that zone, as the driver would here (see Temporals, InZone).

    @Override
    public void setDate(int index, Date x, Calendar cal) throws SQLException {
        set(index, x == null ? new SqlNull(Types.DATE) : Temporals.inZone(x, cal));
    }

    @Override
    public void setTime(int index, Time x, Calendar cal) throws SQLException {
        set(index, x == null ? new SqlNull(Types.TIME) : Temporals.inZone(x, cal));
    }

    @Override
    public void setTimestamp(int index, Timestamp x, Calendar cal) throws SQLException {
        set(index, x == null ? new SqlNull(Types.TIMESTAMP) : Temporals.inZone(x, cal));
    }

    @Override
    public void setArray(int index, java.sql.Array x) throws SQLException {
        set(index, x == null ? new SqlNull(Types.ARRAY) : RemoteArray.wire(x));
    }

    @Override
    public void setSQLXML(int index, java.sql.SQLXML x) throws SQLException {
        set(index, x == null ? new SqlNull(Types.SQLXML) : Values.parameter(x));
    }

    @Override
    public void setObject(int index, Object x) throws SQLException {
        if (!lobObject(index, x)) {
            set(index, Values.parameter(x));
        }
    }

    /** {@code setObject} of a LOB or stream is its own setter's, as JDBC maps it. */
    private boolean lobObject(int index, Object x) throws SQLException {
        if (x instanceof NClob n) {
            setNClob(index, n);
        } else if (x instanceof Clob c) {
            setClob(index, c);
        } else if (x instanceof Blob b) {
            setBlob(index, b);
        } else if (x instanceof InputStream in) {
            setBinaryStream(index, in);
        } else if (x instanceof Reader r) {
            setCharacterStream(index, r);
        } else {
            return false;
        }
        return true;
    }

    @Override
    public void setObject(int index, Object x, int targetSqlType) throws SQLException {
        if (lobObject(index, x)) {
            return;
        }
        Object inClientZone = inClientZone(x, targetSqlType);
        if (inClientZone != null) {
            set(index, Values.parameter(inClientZone));
            return;
        }
        set(index, x == null ? new SqlNull(targetSqlType) : typed(Values.parameter(x), targetSqlType, -1));
    }

    /**
     * Text (or a {@code LocalDate} as a timestamp) bound as a DATE, TIME or TIMESTAMP, made the
     * java.sql value pgjdbc makes of it in the JVM's zone: here, in the client's (the daemon's zone
     * would shift it); null where the driver does not do so, or the text is no such value, which
     * the daemon's driver then refuses as it would.
     */
    private Object inClientZone(Object x, int sqlType) {
        if (!connection.errors().parsesTemporalTextInJvmZone()
                || !(x instanceof String || x instanceof java.time.LocalDate && sqlType == java.sql.Types.TIMESTAMP)) {
            return null;
        }
        String text = x.toString().trim();
        try {
            return switch (sqlType) {
                case java.sql.Types.DATE -> java.sql.Date.valueOf(java.time.LocalDate.parse(text));
                case java.sql.Types.TIME -> java.sql.Time.valueOf(java.time.LocalTime.parse(text));
                case java.sql.Types.TIMESTAMP -> text.length() == 10
                        ? java.sql.Timestamp.valueOf(java.time.LocalDate.parse(text).atStartOfDay())
                        : java.sql.Timestamp.valueOf(text);
                default -> null;
            };
        } catch (RuntimeException notOne) {
            return null;
        }
    }

    @Override
    public void setObject(int index, Object x, int targetSqlType, int scale) throws SQLException {
        if (lobObject(index, x)) {
            return;
        }
        set(index, x == null ? new SqlNull(targetSqlType) : typed(Values.parameter(x), targetSqlType, scale));
    }

    /**
     * The {@code SQLType} forms, as the backend driver takes them: pgjdbc refuses them at the
     * setter; MariaDB Connector/J (and a connection whose driver is not known yet) binds with the
     * type's vendor type number, which is the {@code java.sql.Types} int of a {@code JDBCType},
     * and without a target type when there is none.
     */
    @Override
    public void setObject(int index, Object x, java.sql.SQLType targetSqlType) throws SQLException {
        Integer type = sqlType(targetSqlType);
        if (type == null) {
            setObject(index, x);
        } else {
            setObject(index, x, type);
        }
    }

    @Override
    public void setObject(int index, Object x, java.sql.SQLType targetSqlType, int scaleOrLength) throws SQLException {
        Integer type = sqlType(targetSqlType);
        if (type == null) {
            setObject(index, x);
        } else {
            setObject(index, x, type, scaleOrLength);
        }
    }

    private Integer sqlType(java.sql.SQLType type) throws SQLException {
        checkOpen();
        SQLException refused = connection.errors().sqlTypeForm("setObject", kind == Op.StatementKind.CALLABLE);
        if (refused != null) {
            throw refused;
        }
        return type == null ? null : type.getVendorTypeNumber();
    }

    /** A plain value keeps its target type, which the daemon's driver converts it to (see TypedParam). */
    private static Object typed(Object value, int sqlType, int scale) {
        return ValueTypes.travelsAsIs(value) ? new TypedParam(value, sqlType, scale) : value;
    }

    // ---- LOBs and streams: read into the client when set (see Lobs.Pending), sent when executed

    private void lob(int index, int nullType, Lobs.Pending p) throws SQLException {
        set(index, p == null ? new SqlNull(nullType) : p);
    }

    private static long length(long length) throws SQLException {
        if (length < 0) {
            throw new SQLException("length " + length + " is negative", "HY090");
        }
        return length;
    }

    @Override
    public void setBlob(int index, Blob x) throws SQLException {
        lob(index, Types.BLOB, x == null ? null : Lobs.pending(LobParam.Kind.BLOB, x));
    }

    @Override
    public void setBlob(int index, InputStream x) throws SQLException {
        lob(index, Types.BLOB, x == null ? null : Lobs.pending(LobParam.Kind.BLOB, x, Long.MAX_VALUE));
    }

    @Override
    public void setBlob(int index, InputStream x, long length) throws SQLException {
        lob(index, Types.BLOB, x == null ? null
                : Lobs.pending(LobParam.Kind.BLOB, x, length(length)));
    }

    @Override
    public void setClob(int index, Clob x) throws SQLException {
        lob(index, Types.CLOB, x == null ? null : Lobs.pending(LobParam.Kind.CLOB, x));
    }

    @Override
    public void setClob(int index, Reader x) throws SQLException {
        lob(index, Types.CLOB, x == null ? null : Lobs.pending(LobParam.Kind.CLOB, x, Long.MAX_VALUE));
    }

    @Override
    public void setClob(int index, Reader x, long length) throws SQLException {
        lob(index, Types.CLOB, x == null ? null
                : Lobs.pending(LobParam.Kind.CLOB, x, length(length)));
    }

    @Override
    public void setNClob(int index, NClob x) throws SQLException {
        lob(index, Types.NCLOB, x == null ? null : Lobs.pending(LobParam.Kind.NCLOB, x));
    }

    @Override
    public void setNClob(int index, Reader x) throws SQLException {
        lob(index, Types.NCLOB, x == null ? null
                : Lobs.pending(LobParam.Kind.NCLOB, x, Long.MAX_VALUE));
    }

    @Override
    public void setNClob(int index, Reader x, long length) throws SQLException {
        lob(index, Types.NCLOB, x == null ? null
                : Lobs.pending(LobParam.Kind.NCLOB, x, length(length)));
    }

    @Override
    public void setBinaryStream(int index, InputStream x) throws SQLException {
        setBinaryStream(index, x, Long.MAX_VALUE);
    }

    @Override
    public void setBinaryStream(int index, InputStream x, int length) throws SQLException {
        setBinaryStream(index, x, (long) length);
    }

    @Override
    public void setBinaryStream(int index, InputStream x, long length) throws SQLException {
        lob(index, Types.VARBINARY, x == null ? null
                : Lobs.pending(LobParam.Kind.BINARY_STREAM, x, length(length)));
    }

    @Override
    public void setAsciiStream(int index, InputStream x) throws SQLException {
        setAsciiStream(index, x, Long.MAX_VALUE);
    }

    @Override
    public void setAsciiStream(int index, InputStream x, int length) throws SQLException {
        setAsciiStream(index, x, (long) length);
    }

    @Override
    public void setAsciiStream(int index, InputStream x, long length) throws SQLException {
        lob(index, Types.VARCHAR, x == null ? null
                : Lobs.pending(LobParam.Kind.ASCII_STREAM, x, length(length)));
    }

    @Override
    public void setCharacterStream(int index, Reader x) throws SQLException {
        setCharacterStream(index, x, Long.MAX_VALUE);
    }

    @Override
    public void setCharacterStream(int index, Reader x, int length) throws SQLException {
        setCharacterStream(index, x, (long) length);
    }

    @Override
    public void setCharacterStream(int index, Reader x, long length) throws SQLException {
        lob(index, Types.VARCHAR, x == null ? null
                : Lobs.pending(LobParam.Kind.CHARACTER_STREAM, x, length(length)));
    }

    @Override
    public void setNCharacterStream(int index, Reader x) throws SQLException {
        setCharacterStream(index, x, Long.MAX_VALUE);
    }

    @Override
    public void setNCharacterStream(int index, Reader x, long length) throws SQLException {
        setCharacterStream(index, x, length);
    }

    private void freeLobs() {
        for (int i = 0; i < count; i++) {
            if (params[i] instanceof Lobs.Pending p) {
                p.free();
            }
        }
    }

    @Override
    public void close() throws SQLException {
        if (!isClosed()) {
            freeLobs();
        }
        super.close();
    }

    /**
     * The current result's columns; before the statement has run (or after a result without
     * rows), what the daemon's driver says of the prepared statement, as it describes it
     * ({@link Op.Describe}: one call, then kept for this statement).
     */
    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        ResultSet rs = getResultSet();
        if (rs != null) {
            return rs.getMetaData();
        }
        Result.Described d = described();
        if (d.columnsError() != null) {
            throw d.columnsError().toException();
        }
        return d.columns() == null ? null : new RemoteResultSetMetaData(d.columns());
    }

    /** What the daemon's driver says of the parameters (one call per statement, shared with getMetaData). */
    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        Result.Described d = described();
        if (d.parametersError() != null) {
            throw d.parametersError().toException();
        }
        return new RemoteParameterMetaData(d.parameters(), connection.errors(), kind == Op.StatementKind.CALLABLE);
    }

    /**
     * The statement described by the daemon's driver, kept while it answered without an error:
     * Spring's JdbcTemplate asks for the parameter metadata once per null parameter, and the
     * drivers keep what they learnt of a prepared statement too. A failed answer (the table
     * does not exist yet) is asked again next time.
     */
    private Result.Described described() throws SQLException {
        Result.Described d = described;
        if (d == null) {
            d = (Result.Described) connection.exchange(new Op.Describe(kind, sql, keys));
            if (d.columnsError() == null && d.parametersError() == null) {
                described = d;
            }
        }
        return d;
    }

    // A prepared statement's SQL is fixed: the Statement forms taking SQL are errors, per JDBC.

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        throw misuse("executeQuery(String)");
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        throw misuse("executeUpdate(String)");
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        throw misuse("execute(String)");
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        throw misuse("addBatch(String)");
    }

    private static SQLException misuse(String method) {
        return new SQLException(method + " cannot be called on a PreparedStatement", "HY000");
    }
}
