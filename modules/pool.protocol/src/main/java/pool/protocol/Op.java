package pool.protocol;

import java.util.List;
import java.util.Objects;

/**
 * One operation of a {@link Call}. The set is closed (sealed) so the daemon's
 * dispatcher and the wire format ({@link Wire}) name every type that can arrive.
 */
public sealed interface Op {

    /** How a statement is prepared on the daemon. */
    enum StatementKind { PLAIN, PREPARED, CALLABLE }

    /** Which {@code execute} variant the application called; decides what the driver is asked. */
    enum Mode { QUERY, UPDATE, ANY }

    /**
     * Connection properties the client sets. {@code CLIENT_INFO}: set with a {@code String[]}
     * of one name and value, read as a {@code String[]} of every name and value;
     * {@code CLIENT_INFO_ALL}: set with a {@code String[]} of names and values that replaces all.
     */
    enum Property { AUTO_COMMIT, READ_ONLY, ISOLATION, CATALOG, SCHEMA, HOLDABILITY, CLIENT_INFO, CLIENT_INFO_ALL }

    /**
     * Which generated keys to return.
     *
     * @param all     every generated key ({@code RETURN_GENERATED_KEYS})
     * @param indexes column indexes, or null
     * @param names   column names, or null
     */
    record Keys(boolean all, int[] indexes, String[] names) {
        /** {@code Statement.RETURN_GENERATED_KEYS}. */
        public static final Keys ALL = new Keys(true, null, null);
    }

    /**
     * Executes one statement and returns its first batch of rows, its update count,
     * generated keys and OUT parameters.
     *
     * @param params       parameter values by position (index 0 = parameter 1); JDBC
     *                     null is {@link SqlNull}, OUT parameters {@link OutParam}
     * @param fetchSize    rows in the first and later batches (0 = default)
     * @param maxRows      JDBC maxRows (0 = no limit)
     * @param queryTimeout seconds, JDBC queryTimeout (0 = none)
     * @param keys         generated keys wanted, or null
     * @param knownColumns the {@link Result.Executed#columnsId() column set} the client holds for
     *                     this SQL text, or 0: when the result's columns are still that set, the
     *                     daemon sends the rows without them
     */
    record Execute(StatementKind kind, Mode mode, String sql, Object[] params, int fetchSize, int maxRows,
                   int queryTimeout, Keys keys, long knownColumns) implements Op {
        public Execute {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(sql, "sql");
            params = params == null ? new Object[0] : params;
        }

        /** An execution by a client that holds no column set for the SQL. */
        public Execute(StatementKind kind, Mode mode, String sql, Object[] params, int fetchSize, int maxRows,
                       int queryTimeout, Keys keys) {
            this(kind, mode, sql, params, fetchSize, maxRows, queryTimeout, keys, 0);
        }

        /** @return this execution, for a client that holds column set {@code id} for its SQL */
        public Execute withKnownColumns(long id) {
            return new Execute(kind, mode, sql, params, fetchSize, maxRows, queryTimeout, keys, id);
        }
    }

    /**
     * Executes a JDBC batch: either one SQL string per entry ({@code PLAIN}) or one
     * prepared SQL with a parameter set per entry.
     *
     * @param keys the generated keys a {@code PREPARED} batch's statement was prepared to return, or null
     */
    record Batch(StatementKind kind, String sql, List<String> sqls, List<Object[]> paramSets, int queryTimeout,
                 Keys keys) implements Op {
        public Batch {
            Objects.requireNonNull(kind, "kind");
            sqls = sqls == null ? List.of() : List.copyOf(sqls);
            paramSets = paramSets == null ? List.of() : List.copyOf(paramSets);
        }

        /** A batch that returns no generated keys. */
        public Batch(StatementKind kind, String sql, List<String> sqls, List<Object[]> paramSets, int queryTimeout) {
            this(kind, sql, sqls, paramSets, queryTimeout, null);
        }
    }

    /** Reads the next batch of an open cursor. */
    record Fetch(long cursor, int rows) implements Op {
    }

    /** Closes a cursor the application closed before reading it to the end. */
    record CloseCursor(long cursor) implements Op {
    }

    /** {@code Connection.commit()}. */
    record Commit() implements Op {
    }

    /** {@code Connection.rollback()} ({@code savepoint} 0) or {@code rollback(Savepoint)}. */
    record Rollback(int savepoint) implements Op {
    }

    /** {@code setSavepoint(name)}; a null name makes an unnamed savepoint. */
    record SetSavepoint(String name) implements Op {
    }

    /** {@code releaseSavepoint}. */
    record ReleaseSavepoint(int savepoint) implements Op {
    }

    /** Sets a connection property; value is a Boolean, Integer or String as the property needs. */
    record Set(Property property, Object value) implements Op {
        public Set {
            Objects.requireNonNull(property, "property");
        }
    }

    /** Reads a connection property the daemon did not send on borrow (some drivers ask the server). */
    record Get(Property property) implements Op {
        public Get {
            Objects.requireNonNull(property, "property");
        }
    }

    /** {@code Connection.isValid(timeout)}. */
    record Validate(int timeoutSeconds) implements Op {
    }

    /** {@code Connection.getWarnings()} (and {@code clearWarnings()} when {@code clear}). */
    record Warnings(boolean clear) implements Op {
    }

    /** Every argument-less scalar property of {@code DatabaseMetaData}, in one go. */
    record MetaInfo() implements Op {
    }

    /**
     * One {@code DatabaseMetaData} method with arguments, by name; the daemon only runs
     * read-only methods returning a scalar or a result set.
     */
    record MetaCall(String method, Object[] args) implements Op {
        public MetaCall {
            Objects.requireNonNull(method, "method");
            args = args == null ? new Object[0] : args;
        }
    }

    /** Gives the connection back to the pool (rolled back first unless in autocommit) and ends the session. */
    record Release() implements Op {
    }

    /**
     * Appends a chunk of a LOB parameter's content to spool {@code spool} of the session,
     * made by the first chunk: the client names its spools (per connection), so that the
     * last chunk can travel in the same call as the execution that binds it
     * ({@link LobParam}). At most {@link LobParam#CHUNK_BYTES} per chunk.
     */
    record LobWrite(long spool, byte[] chunk) implements Op {
        public LobWrite {
            Objects.requireNonNull(chunk, "chunk");
            if (spool == 0) {
                throw new IllegalArgumentException("spool 0 names no spool");
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LobWrite w && spool == w.spool && java.util.Arrays.equals(chunk, w.chunk);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(spool) * 31 + java.util.Arrays.hashCode(chunk);
        }
    }

    /**
     * Reads a PostgreSQL large object by its oid: {@code length} bytes from {@code offset}
     * (a {@code byte[]}, shorter at its end), or, with {@code length} -1, its size (a
     * {@code Long}). At most {@link LobParam#CHUNK_BYTES} per read.
     */
    record LobRead(long oid, long offset, int length) implements Op {
    }
    /** {@code Connection.nativeSQL(sql)}: the backend driver's translation of JDBC escapes. */
    record NativeSql(String sql) implements Op {
        public NativeSql {
            Objects.requireNonNull(sql, "sql");
        }
    }

    /**
     * Describes a statement without running it, as {@code PreparedStatement.getParameterMetaData()}
     * and {@code getMetaData()} before execution do: the daemon prepares {@code sql} as {@code kind}
     * says (with {@code keys}, which change what an INSERT returns) on the session's connection and
     * answers what the backend driver says of it ({@link Result.Described}).
     */
    record Describe(StatementKind kind, String sql, Keys keys) implements Op {
        public Describe {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(sql, "sql");
            if (kind == StatementKind.PLAIN) {
                throw new IllegalArgumentException("only prepared and callable statements are described");
            }
        }
    }

    /**
     * {@code Statement.getMoreResults(int)} while the current result is a cursor not read to its
     * end: the daemon closes that result, or with {@code keep} sets the rest of it aside to be
     * fetched as before ({@code KEEP_CURRENT_RESULT}), and answers the statement's further
     * results ({@link Result.Fetched} with no rows and the further results).
     */
    record MoreResults(long cursor, boolean keep) implements Op {
        /** {@code getMoreResults()}: the current result is closed. */
        public MoreResults(long cursor) {
            this(cursor, false);
        }
    }
}
