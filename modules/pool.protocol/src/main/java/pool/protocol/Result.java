package pool.protocol;

import java.util.List;
import java.util.Objects;

/** The result of one {@link Op}. */
public sealed interface Result {

    /** The operation succeeded and has nothing to return. */
    record Done() implements Result {
    }

    /**
     * The result of {@link Op.Execute} or of a result-set {@link Op.MetaCall}.
     *
     * @param updateCount the update count, -1 when the statement returned rows
     * @param rows        the first batch, null when the statement returned no rows
     * @param cursor      the cursor to fetch further batches from; 0 when
     *                    {@code rows.last()} (the daemon closed it already)
     * @param keys        generated keys, all of them, or null
     * @param outValues   OUT parameter values by parameter index (null where not OUT), or null
     * @param warnings    statement warnings, or null
     * @param holdsTransaction the cursor holds a transaction the daemon began for this one
     *                    statement, the connection being in autocommit (PostgreSQL's driver
     *                    streams a result only inside a transaction): the client closes such a
     *                    cursor with a call of its own when the application closes it before its
     *                    end, rather than with the next call, so the transaction ends at once.
     * @param columnsId   the daemon's name for the column set of {@code rows}, per SQL text, or 0.
     *                    A client that sends it back as {@link Op.Execute#knownColumns()} with the
     *                    same SQL gets {@code rows.columns()} null (and this id) while the columns
     *                    stay the same: it then uses the columns it holds. Ids are unique per
     *                    published pool endpoint, never reused by it
     */
    record Executed(long updateCount, Rows rows, long cursor, Rows keys, Object[] outValues, SqlError warnings,
                    boolean holdsTransaction, long columnsId, List<Further> further) implements Result {

        public Executed {
            further = further == null ? List.of() : List.copyOf(further);
        }

        /** A result without further results. */
        public Executed(long updateCount, Rows rows, long cursor, Rows keys, Object[] outValues, SqlError warnings,
                        boolean holdsTransaction, long columnsId) {
            this(updateCount, rows, cursor, keys, outValues, warnings, holdsTransaction, columnsId, List.of());
        }

        /** @return this result with the statement's further results ({@code getMoreResults}) */
        public Executed withFurther(List<Further> results) {
            return new Executed(updateCount, rows, cursor, keys, outValues, warnings, holdsTransaction, columnsId,
                    results);
        }

        /** A result whose cursor, if any, holds no transaction of its own. */
        public Executed(long updateCount, Rows rows, long cursor, Rows keys, Object[] outValues, SqlError warnings) {
            this(updateCount, rows, cursor, keys, outValues, warnings, false, 0);
        }

        /** A result whose column set has no name. */
        public Executed(long updateCount, Rows rows, long cursor, Rows keys, Object[] outValues, SqlError warnings,
                        boolean holdsTransaction) {
            this(updateCount, rows, cursor, keys, outValues, warnings, holdsTransaction, 0);
        }
    }

    /**
     * A further result of a statement that returned several ({@code getMoreResults}): rows, with
     * their columns, or an update count.
     *
     * @param rows   the rows (their first batch when {@code cursor} is not 0), null for an update count
     * @param cursor the cursor the rest of {@code rows} is fetched from, as a first result's; 0 when
     *               they are all here. A result with a cursor is the last of its list: the results
     *               after it come with its last batch, or when the client moves past it
     *               ({@link Op.MoreResults})
     */
    record Further(long updateCount, Rows rows, long cursor) {
        /** A result that is all here: an update count, or rows to their end. */
        public Further(long updateCount, Rows rows) {
            this(updateCount, rows, 0);
        }
    }

    /** Update counts of a batch, and its generated keys when its statement was prepared to return them. */
    record Batched(long[] counts, Rows keys) implements Result {
        /** A batch without generated keys. */
        public Batched(long[] counts) {
            this(counts, null);
        }
    }

    /**
     * The next batch of a cursor; after the last one the cursor is closed.
     *
     * @param further with the last batch of a statement's first result, the results after it
     *                ({@code getMoreResults}), as {@link Executed#further()}; empty otherwise
     */
    record Fetched(Rows rows, List<Further> further) implements Result {
        public Fetched {
            further = further == null ? List.of() : List.copyOf(further);
        }

        /** A batch without further results. */
        public Fetched(Rows rows) {
            this(rows, List.of());
        }
    }

    /**
     * A savepoint was set; {@code id} names it in later operations.
     *
     * @param savepointId what {@code getSavepointId()} of an unnamed savepoint answers: the id the
     *        backend driver would have given it on a connection of its own (pgjdbc counts from 0,
     *        MariaDB Connector/J from 1, per connection), not poold's handle; 0 for a named one
     */
    record SavepointSet(int id, int savepointId) implements Result {
        /** A named savepoint. */
        public SavepointSet(int id) {
            this(id, 0);
        }
    }

    /** A single value: validity, a scalar metadata answer. */
    record Value(Object value) implements Result {
    }

    /** Connection warnings as a chain, or null when there are none. */
    record Warnings(SqlError chain) implements Result {
    }

    /** Argument-less {@code DatabaseMetaData} properties: method name to value. */
    record Meta(List<String> names, Object[] values) implements Result {
        public Meta {
            names = List.copyOf(names);
        }
    }

    /**
     * What the backend driver says of a statement before it runs ({@link Op.Describe}).
     *
     * @param columns         {@code getMetaData()}'s columns; null when the driver answered null
     *                        (a statement that returns no rows, on pgjdbc) or failed
     * @param columnsError    why {@code getMetaData()} failed, or null
     * @param parameters      {@code getParameterMetaData()}'s parameters, in order; null when it failed
     * @param parametersError why {@code getParameterMetaData()} failed, or null
     */
    record Described(List<Column> columns, SqlError columnsError, List<Parameter> parameters,
                     SqlError parametersError) implements Result {
        public Described {
            columns = columns == null ? null : List.copyOf(columns);
            parameters = parameters == null ? null : List.copyOf(parameters);
        }
    }

    /**
     * What {@code ParameterMetaData} says of one parameter. A driver may refuse some of its methods
     * (MariaDB Connector/J refuses the type of a parameter it did not prepare on the server): each
     * refusal is kept in {@code errors} at its {@link #ATTRIBUTES} position (null where the driver
     * answered), and the attribute then holds 0, null or false.
     */
    record Parameter(int mode, int type, String typeName, String className, int precision, int scale,
                     int nullable, boolean signed, SqlError[] errors) {

        /** The methods in the order of {@link #errors}. */
        public static final List<String> ATTRIBUTES = List.of("getParameterMode", "getParameterType",
                "getParameterTypeName", "getParameterClassName", "getPrecision", "getScale", "isNullable", "isSigned");

        public Parameter {
            errors = errors == null ? new SqlError[ATTRIBUTES.size()] : errors.clone();
            if (errors.length != ATTRIBUTES.size()) {
                throw new IllegalArgumentException("errors has " + errors.length + " entries, not " + ATTRIBUTES.size());
            }
        }

        /** @return the driver's refusal of attribute {@code i} ({@link #ATTRIBUTES}), or null */
        public SqlError error(int i) {
            return errors[i];
        }

        @Override
        public SqlError[] errors() {
            return errors.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Parameter p && mode == p.mode && type == p.type
                    && Objects.equals(typeName, p.typeName) && Objects.equals(className, p.className)
                    && precision == p.precision && scale == p.scale && nullable == p.nullable && signed == p.signed
                    && java.util.Arrays.equals(errors, p.errors);
        }

        @Override
        public int hashCode() {
            return Objects.hash(mode, type, typeName, className, precision, scale, nullable, signed);
        }
    }
}
