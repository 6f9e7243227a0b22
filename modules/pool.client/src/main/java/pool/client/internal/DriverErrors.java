package pool.client.internal;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import pool.protocol.Protocol;
import pool.protocol.SessionInfo;

/**
 * The errors the client raises itself, without asking the daemon (a closed result set, a
 * column out of range, a negative fetch size), with the SQLState, class and wording of the
 * backend driver, as an application that moved from the driver's own data source sees them
 * there: pgjdbc's and MariaDB Connector/J's, as measured against their 42.7 and 3.5 releases
 * (Connector/J's {@code (conn=N)} prefix left out: the client does not know the daemon's
 * connection number). Before a connection has been borrowed, and for other drivers, poold's
 * own wording.
 */
class DriverErrors {

    static final DriverErrors POOLD = new DriverErrors();
    private static final DriverErrors PGJDBC = new Pgjdbc();
    private static final DriverErrors MARIADB = new MariaDb();

    static DriverErrors of(SessionInfo.Driver driver) {
        return switch (driver) {
            case PGJDBC -> PGJDBC;
            case MARIADB -> MARIADB;
            default -> POOLD;
        };
    }

    SQLException resultSetClosed() {
        return new SQLException("result set is closed", "HY010");
    }

    SQLException statementClosed() {
        return new SQLException("statement is closed", "HY010");
    }

    SQLException connectionClosed() {
        return new SQLNonTransientConnectionException("connection is closed", Protocol.STATE_NO_CONNECTION);
    }

    SQLException columnIndex(int column, int columns) {
        return new SQLException("column index " + column + " is out of range 1.." + columns, "07009");
    }

    /** @param columns the result's columns, which some drivers list in the message */
    SQLException noSuchLabel(String label, java.util.List<pool.protocol.Column> columns) {
        return new SQLException("no column labelled '" + label + "' in this result set", "42S22");
    }

    /**
     * @return column index by the lower-cased names {@code findColumn} (and every getter by label)
     *         knows the columns by, as the driver's: their labels, the first of equal labels winning
     */
    java.util.Map<String, Integer> labels(java.util.List<pool.protocol.Column> columns) {
        java.util.Map<String, Integer> map = new java.util.HashMap<>(columns.size() * 2);
        for (int c = 0; c < columns.size(); c++) {
            String l = columns.get(c).label();
            if (l != null) {
                map.putIfAbsent(l.toLowerCase(java.util.Locale.ROOT), c + 1);
            }
        }
        return map;
    }

    SQLException notOnARow() {
        return new SQLException("the result set is not on a row (call next() first)", "24000");
    }

    SQLException negativeFetchSize(int rows) {
        return new SQLException("fetch size must not be negative: " + rows, "HY024");
    }

    SQLException negativeMaxRows(long rows) {
        return new SQLException("max rows must not be negative: " + rows, "HY024");
    }

    SQLException negativeQueryTimeout(int seconds) {
        return new SQLException("query timeout must not be negative: " + seconds, "HY024");
    }

    SQLException nameOfUnnamedSavepoint() {
        return new SQLException("this savepoint is unnamed; use getSavepointId()", "3B000");
    }

    SQLException negativeValidTimeout(int seconds) {
        return new SQLException("timeout must not be negative: " + seconds, "HY000");
    }

    /** @return the error of getGeneratedKeys() after an execution that asked for none, or null: an empty result */
    SQLException keysNotRequested() {
        return null;
    }

    SQLException idOfNamedSavepoint() {
        return new SQLException("this savepoint is named; use getSavepointName()", "3B000");
    }

    SQLException negativeNetworkTimeout(int millis) {
        return new SQLException("network timeout must not be negative: " + millis, "HY024");
    }

    /** What a call that outlived the network timeout raises; the connection is closed then. */
    SQLException networkTimeout(NetworkTimeoutException e) {
        return e;
    }

    /** @return what the call in flight of an aborted connection throws, as the driver's blocked call does */
    SQLException aborted(AbortedCallException e) {
        return e;
    }

    /** {@code Connection.abort(null)}, refused whether the connection is open or closed, as both drivers do. */
    SQLException abortWithoutExecutor() {
        return new SQLException("abort needs an executor", "HY000");
    }

    /** What a result set of an aborted connection raises when it needs its next batch of rows. */
    SQLException nextBatchOfAborted() {
        return connectionClosed();
    }

    /**
     * What a result set raises when it needs its next batch of rows and the daemon took its
     * connection back (a leak reclaim), as the driver's result set finds its connection gone
     * while streaming. {@code cause} says why and is chained.
     */
    SQLException nextBatchOfLost(SQLException cause) {
        return cause;
    }

    /**
     * @return whether a closed result set answers {@code next()} with false and its getters with
     *         {@link #notOnARow()}, as Connector/J's do, rather than with {@link #resultSetClosed()}
     */
    boolean lenientClosedResultSet() {
        return false;
    }

    /** A parameter left without a value below the highest one set, found at execution. */
    SQLException parameterNotSet(int index) {
        return new SQLException("no value specified for parameter " + index, "07001");
    }

    /**
     * @return whether {@code ResultSet.getWarnings()}/{@code clearWarnings()} are its statement's,
     *         even once closed (Connector/J's), rather than the result set's own (none, as pgjdbc's)
     */
    boolean resultSetWarningsAreTheStatements() {
        return false;
    }

    /** @return whether the next execution leaves the statement's last result open and readable (Connector/J) */
    boolean keepsResultsOnNextExecution() {
        return false;
    }

    /** @return whether closing any result set of a closeOnCompletion statement may complete it (pgjdbc) */
    boolean anyResultCompletes() {
        return false;
    }

    /** @return what {@code getMoreResults()} does, as a {@code getMoreResults(int)} argument (JDBC: close the current) */
    int moreResultsDefault() {
        return java.sql.Statement.CLOSE_CURRENT_RESULT;
    }

    /** @return whether {@code getMoreResults(how)} closes the current result (JDBC: unless told to keep it) */
    boolean moreResultsClosesCurrent(int how) {
        return how != java.sql.Statement.KEEP_CURRENT_RESULT;
    }

    /** @return whether {@code getMoreResults(how)} closes the results kept open before the current one */
    boolean moreResultsClosesKept(int how) {
        return how == java.sql.Statement.CLOSE_ALL_RESULTS;
    }

    /** @return whether a statement answers its warnings once ({@link RemoteStatement#takeWarnings}) */
    boolean warningsReadOnce() {
        return false;
    }

    SQLException parameterIndexBelowOne(int index) {
        return new SQLException("parameter index " + index + " is out of range (parameters start at 1)", "07009");
    }

    /** @return whether the driver refuses a parameter index beyond the SQL's placeholders at the setter */
    boolean checksParameterIndexAtSetter() {
        return false;
    }

    /** A setter's index beyond the statement's {@code count} placeholders (see {@link #checksParameterIndexAtSetter}). */
    SQLException parameterIndex(int index, int count) {
        return new SQLException("parameter index " + index + " is out of range 1.." + count, "07009");
    }

    /** @return the driver's refusal of {@code method} ({@code setObject}, {@code registerOutParameter}) with an {@code SQLType}, or null when it takes it */
    SQLException sqlTypeForm(String method, boolean callable) {
        return null;
    }

    /** A {@code ParameterMetaData} index out of range; {@code callable}: of a {@code CallableStatement}. */
    SQLException parameterMetaDataIndex(int index, int count, boolean callable) {
        return new SQLException("parameter index " + index + " is out of range 1.." + count, "07009");
    }

    /** {@code ResultSet.getString} of a column's value as the driver writes it. */
    String string(Object v, pool.protocol.Column column) {
        if (v instanceof Double || v instanceof Float) {
            return floating(((Number) v).doubleValue(), v instanceof Float ? 1e6 : 1e15, v.toString());
        }
        return v instanceof java.time.temporal.Temporal ? Temporals.string(v) : Values.string(v);
    }

    /**
     * A float as PostgreSQL and MariaDB write it in the range where they write it plainly (100, not
     * Java's 100.0; 0.0001, not 1.0E-4): the shortest digits that read back, without a decimal
     * point when whole. Outside that range, Java's text ({@code 1.0E300}; the servers write 1e+300,
     * 1e300), a difference the method table states.
     */
    private static String floating(double d, double plainBelow, String java) {
        double a = Math.abs(d);
        if (d != 0 && (a < 1e-4 || a >= plainBelow) || Double.isNaN(d) || Double.isInfinite(d)) {
            return java;
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        return new java.math.BigDecimal(java).stripTrailingZeros().toPlainString();
    }

    /**
     * A numeric getter's refusal of a value it cannot return: out of the range of its type
     * (never wrapped around) or text that is no number.
     *
     * @param type the getter's type as the driver names it: "byte", "short", "int", "long",
     *             "float", "double" or "BigDecimal"
     * @param value the value as getString would return it
     */
    SQLException badNumber(String type, String value) {
        return new java.sql.SQLDataException("the value " + abbreviate(value) + " does not fit a " + type, "22003");
    }

    static String abbreviate(String s) {
        return s == null || s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }

    /** {@code getBoolean} of a value: poold's rule (numbers other than 0, and the usual words, are true), or the driver's. */
    boolean bool(Object v) throws SQLException {
        return Values.bool(v);
    }

    /** Whether the integral getters read a boolean as 1 or 0 (Connector/J's), rather than refuse it (pgjdbc's). */
    boolean booleansAsNumbers() {
        return true;
    }

    /**
     * {@code ResultSet.getObject(column, type)}: the driver's refusal of this column's type for that
     * class, or null where it converts (the value may still fail then, as {@link Values#as} finds).
     *
     * @param v the column's value in this row, null for SQL NULL (which some drivers refuse too)
     */
    SQLException objectAs(pool.protocol.Column column, Class<?> type, Object v) {
        return null;
    }

    /**
     * The value a numeric getter reads of a column's value, before {@link Values}' conversion:
     * the driver reads some columns other than as the value the wire carries (a bit as a number).
     *
     * @param getter "byte", "short", "int", "long", "float", "double" or "BigDecimal"
     */
    Object numeric(Object v, pool.protocol.Column column, String getter) throws SQLException {
        return v;
    }

    /** {@code ResultSet.getBytes}. */
    byte[] bytes(Object v, pool.protocol.Column column) throws SQLException {
        return Values.bytes(v);
    }

    /** The integral getters' reading of text: poold's rule trims and cuts a fraction toward zero. */
    java.math.BigInteger wholeOfText(String s, Values.Integral type) {
        return new java.math.BigDecimal(s.trim()).toBigInteger();
    }

    /** {@code getBigDecimal} of text. */
    java.math.BigDecimal decimalOfText(String s) {
        return new java.math.BigDecimal(s.trim());
    }

    /**
     * @return whether the driver makes a java.sql date-time in the JVM's zone of text (or a
     *         {@code LocalDate}) bound with {@code setObject(i, x, Types.DATE/TIME/TIMESTAMP)}, as
     *         pgjdbc does: then the client does it in its own zone, not the daemon in its zone
     */
    boolean parsesTemporalTextInJvmZone() {
        return false;
    }

    /** @return whether getTime of text takes a date-time's time of day (pgjdbc), rather than refuse what is no time */
    boolean readsDateTimeTextForTime() {
        return false;
    }

    /**
     * @return whether getDate of a timestamp is the timestamp's instant with its time of day, as
     *         Connector/J gives it (a Date that prints the day but keeps the milliseconds), rather
     *         than midnight (pgjdbc's)
     */
    boolean dateKeepsTimeOfDay() {
        return false;
    }

    /** A getter's refusal of a value it cannot convert, as the driver raises it (its class and SQLState). */
    SQLException refused(Values.Refused e) {
        return e;
    }

    /** {@code ResultSet.getHoldability()}: the driver's answer, or its refusal. */
    int resultSetHoldability() throws SQLException {
        return java.sql.ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    /**
     * @return whether a statement created with a holdability answers that one (pgjdbc's), rather
     *         than the connection's (Connector/J's, which is always HOLD_CURSORS_OVER_COMMIT)
     */
    boolean statementKeepsHoldability() {
        return true;
    }

    /** pgjdbc 42.7: PSQLException, an SQLException of the JDK's class as far as the application can tell. */
    private static final class Pgjdbc extends DriverErrors {

        private static final java.util.Set<String> TRUE = java.util.Set.of("1", "true", "t", "yes", "y", "on");
        private static final java.util.Set<String> FALSE = java.util.Set.of("0", "false", "f", "no", "n", "off");

        /** pgjdbc's fetch on a closed socket: an I/O error, 08006 (CONNECTION_FAILURE), as measured. */
        private static final String IO_ERROR = "An I/O error occurred while sending to the backend.";

        /** pgjdbc's refusal has no SQLState. */
        @Override
        SQLException abortWithoutExecutor() {
            return new SQLException("executor is null");
        }

        @Override
        SQLException nextBatchOfAborted() {
            return new SQLException(IO_ERROR + " (the connection was aborted)", "08006");
        }

        @Override
        SQLException nextBatchOfLost(SQLException cause) {
            return new SQLException(IO_ERROR + " " + cause.getMessage(), "08006", cause);
        }

        /**
         * pgjdbc's BooleanTypeUtil: a column's text is true or false by those words only (case and
         * surrounding blanks ignored), a floating-point value only when it is 1 or 0; anything else
         * is refused with 42846 (cannot coerce), a numeric 2 or 1.5 as much as the text "x".
         */
        @Override
        boolean bool(Object v) throws SQLException {
            if (v == null) {
                return false;
            }
            if (v instanceof Boolean b) {
                return b;
            }
            if (v instanceof Double || v instanceof Float) {
                double d = ((Number) v).doubleValue();
                if (d == 1.0d || d == 0.0d) {
                    return d == 1.0d;
                }
                throw new SQLException("Cannot cast to boolean: \"" + v + "\"", "42846");
            }
            String text = Values.string(v).trim().toLowerCase(java.util.Locale.ROOT);
            if (TRUE.contains(text) || FALSE.contains(text)) {
                return TRUE.contains(text);
            }
            throw new SQLException("Cannot cast to boolean: \"" + abbreviate(Values.string(v)) + "\"", "42846");
        }

        /** pgjdbc reads getInt of a boolean column from its text "t", which is no number. */
        @Override
        boolean booleansAsNumbers() {
            return false;
        }

        /**
         * pgjdbc 42.7's getObject(i, type) takes each class from some column types only, by the
         * column's JDBC type, before it looks at the value (so a NULL is refused too): 22023 "conversion
         * to ... not supported" (Byte, Instant and ZonedDateTime from none). The java.time classes are
         * checked on a non-null value only, 42821 "Cannot convert the column of type ...". UUID is a cast
         * of getObject(i): a ClassCastException from any other column, as measured.
         */
        @Override
        SQLException objectAs(pool.protocol.Column column, Class<?> type, Object v) {
            int t = column.type();
            String name = column.typeName();
            Boolean ok = null;
            if (type == String.class) {
                ok = t == java.sql.Types.CHAR || t == java.sql.Types.VARCHAR;
            } else if (type == Boolean.class) {
                ok = t == java.sql.Types.BOOLEAN || t == java.sql.Types.BIT;
            } else if (type == Short.class) {
                ok = t == java.sql.Types.SMALLINT;
            } else if (type == Integer.class) {
                ok = t == java.sql.Types.SMALLINT || t == java.sql.Types.INTEGER;
            } else if (type == Long.class || type == java.math.BigInteger.class) {
                ok = t == java.sql.Types.BIGINT;
            } else if (type == Float.class) {
                ok = t == java.sql.Types.REAL;
            } else if (type == Double.class) {
                ok = t == java.sql.Types.FLOAT || t == java.sql.Types.DOUBLE;
            } else if (type == java.math.BigDecimal.class) {
                ok = t == java.sql.Types.NUMERIC || t == java.sql.Types.DECIMAL;
            } else if (type == byte[].class) {
                ok = t == java.sql.Types.BINARY || t == java.sql.Types.VARBINARY || t == java.sql.Types.LONGVARBINARY;
            } else if (type == java.sql.Date.class) {
                ok = t == java.sql.Types.DATE;
            } else if (type == java.sql.Time.class) {
                ok = t == java.sql.Types.TIME || t == java.sql.Types.TIME_WITH_TIMEZONE;
            } else if (type == java.sql.Timestamp.class) {
                ok = t == java.sql.Types.TIMESTAMP || t == java.sql.Types.TIMESTAMP_WITH_TIMEZONE;
            } else if (type == Byte.class || type == java.time.Instant.class || type == java.time.ZonedDateTime.class) {
                ok = false;
            } else if (type == java.util.UUID.class) {
                if (v != null && !(v instanceof java.util.UUID)) {
                    throw new ClassCastException("Cannot cast " + v.getClass().getName() + " to java.util.UUID");
                }
                return null;
            } else if (v != null && type.getName().startsWith("java.time.")) {
                java.util.Set<String> from = switch (type.getSimpleName()) {
                    case "LocalDate" -> java.util.Set.of("date", "timestamp");
                    case "LocalTime" -> java.util.Set.of("time", "timetz");
                    case "LocalDateTime" -> java.util.Set.of("timestamp");
                    case "OffsetDateTime" -> java.util.Set.of("timestamp", "timestamptz");
                    case "OffsetTime" -> java.util.Set.of("timetz");
                    default -> null;
                };
                if (from != null && !from.contains(name)) {
                    return new SQLException("Cannot convert the column of type " + name.toUpperCase(java.util.Locale.ROOT)
                            + " to requested type " + type.getName() + ".", "42821");
                }
            }
            if (ok == null || ok) {
                return null;
            }
            return new SQLException("conversion to " + type + " from " + name + " not supported", "22023");
        }

        /** pgjdbc reads getByte of blank text as 0 (it trims and takes an empty string as 0), the wider getters refuse it. */
        @Override
        java.math.BigInteger wholeOfText(String s, Values.Integral type) {
            if (type == Values.Integral.BYTE && s.isBlank()) {
                return java.math.BigInteger.ZERO;
            }
            return super.wholeOfText(s, type);
        }

        /** pgjdbc's date-time getters on text that is no date-time: "Bad value for type timestamp", 22007. */
        @Override
        SQLException refused(Values.Refused e) {
            return new SQLException(e.getMessage(), "22007", new NumberFormatException(e.getMessage()));
        }

        @Override
        boolean parsesTemporalTextInJvmZone() {
            return true;
        }

        @Override
        boolean readsDateTimeTextForTime() {
            return true;
        }

        /** pgjdbc reads a bit(1) column from its text, "1" or "0": a number to the numeric getters. */
        @Override
        Object numeric(Object v, pool.protocol.Column column, String getter) {
            if (v instanceof Boolean b && "bit".equals(column.typeName())) {
                return b ? 1 : 0;
            }
            return v;
        }

        /** pgjdbc's getBytes of a column other than bytea: the bytes of its text. */
        @Override
        byte[] bytes(Object v, pool.protocol.Column column) throws SQLException {
            if (v == null || v instanceof byte[]) {
                return (byte[]) v;
            }
            return string(v, column).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        /** pgjdbc's toInt/toLong/toDouble/toBigDecimal: "Bad value for type int : 3000000000", 22003. */
        @Override
        SQLException badNumber(String type, String value) {
            return new SQLException("Bad value for type " + type + " : " + abbreviate(value), "22003");
        }
        /** pgjdbc answers the server's text: {@code t}/{@code f} for bool, 1/0 for bit(1), {@code \\x} and hex for bytea. */
        @Override
        String string(Object v, pool.protocol.Column column) {
            if (v instanceof Boolean b && "bool".equals(column.typeName())) {
                return b ? "t" : "f";
            }
            if (v instanceof Boolean b && "bit".equals(column.typeName())) {
                return b ? "1" : "0";
            }
            if (v instanceof byte[] b && "bytea".equals(column.typeName())) {
                return "\\x" + java.util.HexFormat.of().formatHex(b);
            }
            return super.string(v, column);
        }

        @Override
        int resultSetHoldability() throws SQLException {
            throw new java.sql.SQLFeatureNotSupportedException(
                    "Method org.postgresql.jdbc.PgResultSet.getHoldability() is not yet implemented.", "0A000");
        }

        @Override
        SQLException resultSetClosed() {
            return new SQLException("This ResultSet is closed.", "55000");
        }

        @Override
        SQLException statementClosed() {
            return new SQLException("This statement has been closed.", "55000");
        }

        @Override
        SQLException connectionClosed() {
            return new SQLException("This connection has been closed.", "08003");
        }

        @Override
        SQLException columnIndex(int column, int columns) {
            return new SQLException("The column index is out of range: " + column + ", number of columns: " + columns
                    + ".", "22023");
        }

        @Override
        SQLException noSuchLabel(String label, java.util.List<pool.protocol.Column> columns) {
            return new SQLException("The column name " + label + " was not found in this ResultSet.", "42703");
        }

        @Override
        SQLException notOnARow() {
            return new SQLException("ResultSet not positioned properly, perhaps you need to call next.", "24000");
        }

        @Override
        SQLException negativeFetchSize(int rows) {
            return new SQLException("Fetch size must be a value greater than or equal to 0.", "22023");
        }

        @Override
        SQLException negativeMaxRows(long rows) {
            return new SQLException("Maximum number of rows must be a value greater than or equal to 0.", "22023");
        }

        @Override
        SQLException negativeQueryTimeout(int seconds) {
            return new SQLException("Query timeout must be a value greater than or equals to 0.", "22023");
        }

        @Override
        SQLException nameOfUnnamedSavepoint() {
            return new SQLException("Cannot retrieve the name of an unnamed savepoint.", "42809");
        }

        @Override
        SQLException negativeValidTimeout(int seconds) {
            return new SQLException("Invalid timeout (" + seconds + "<0).", "22023");
        }

        @Override
        SQLException idOfNamedSavepoint() {
            return new SQLException("Cannot retrieve the id of a named savepoint.", "42809");
        }

        @Override
        SQLException negativeNetworkTimeout(int millis) {
            return new SQLException("Network timeout must be a value greater than or equal to 0.", "22023");
        }

        /** pgjdbc's socket read timed out: an I/O error that closes the connection. */
        @Override
        SQLException networkTimeout(NetworkTimeoutException e) {
            return new SQLException("An I/O error occurred while sending to the backend.", "08006", e.getCause());
        }

        @Override
        SQLException aborted(AbortedCallException e) {
            return new SQLException("An I/O error occurred while sending to the backend.", "08006", e);
        }

        @Override
        boolean checksParameterIndexAtSetter() {
            return true;
        }

        @Override
        boolean anyResultCompletes() {
            return true;
        }

        /** pgjdbc 42.7: getMoreResults() is getMoreResults(CLOSE_ALL_RESULTS). */
        @Override
        int moreResultsDefault() {
            return java.sql.Statement.CLOSE_ALL_RESULTS;
        }

        /** pgjdbc closes only on CLOSE_CURRENT_RESULT and CLOSE_ALL_RESULTS; any other value keeps. */
        @Override
        boolean moreResultsClosesCurrent(int how) {
            return how == java.sql.Statement.CLOSE_CURRENT_RESULT || how == java.sql.Statement.CLOSE_ALL_RESULTS;
        }

        @Override
        SQLException parameterNotSet(int index) {
            return new SQLException("No value specified for parameter " + index + ".", "22023");
        }

        /** pgjdbc's parameter list refuses the index when it is bound, with its column wording. */
        @Override
        SQLException parameterIndex(int index, int count) {
            return new SQLException("The column index is out of range: " + index + ", number of columns: " + count + ".",
                    "22023");
        }

        /** pgjdbc 42.7 implements no SQLType form: Driver.notImplemented, named after the statement's class. */
        @Override
        SQLException sqlTypeForm(String method, boolean callable) {
            return new java.sql.SQLFeatureNotSupportedException("Method org.postgresql.jdbc."
                    + (callable ? "PgCallableStatement" : "PgPreparedStatement") + "." + method + " is not yet implemented.",
                    "0A000");
        }

        @Override
        SQLException parameterMetaDataIndex(int index, int count, boolean callable) {
            return new SQLException("The parameter index is out of range: " + index + ", number of parameters: " + count
                    + ".", "22023");
        }
    }

    /** MariaDB Connector/J 3.5: most of its own checks are SQLSyntaxErrorExceptions of 42000, vendor code -1. */
    private static final class MariaDb extends DriverErrors {

        /** Connector/J's codecs: an SQLDataException without SQLState ("value '...' cannot be decoded as Integer"). */
        @Override
        SQLException badNumber(String type, String value) {
            String named = switch (type) {
                case "int" -> "Integer";
                case "BigDecimal" -> type;
                default -> Character.toUpperCase(type.charAt(0)) + type.substring(1);
            };
            return new java.sql.SQLDataException("value '" + abbreviate(value) + "' cannot be decoded as " + named);
        }

        /**
         * Connector/J 3.5's getBoolean, as measured: any text but "0" is true ("", "no" and "false"
         * too), a number is true unless 0, and binary and date-time columns are refused.
         */
        @Override
        boolean bool(Object v) throws SQLException {
            if (v == null) {
                return false;
            }
            if (v instanceof Boolean b) {
                return b;
            }
            if (v instanceof Number n) {
                return n.doubleValue() != 0;
            }
            if (v instanceof String text) {
                return !text.equals("0");
            }
            throw new java.sql.SQLDataException("Data type " + v.getClass().getSimpleName() + " cannot be decoded as Boolean");
        }

        /** Connector/J parses text as it is, without trimming: getLong as a whole number, the narrower getters cutting a fraction. */
        @Override
        java.math.BigInteger wholeOfText(String s, Values.Integral type) {
            if (type == Values.Integral.LONG) {
                return new java.math.BigInteger(s);
            }
            return new java.math.BigDecimal(s).toBigInteger();
        }

        @Override
        java.math.BigDecimal decimalOfText(String s) {
            return new java.math.BigDecimal(s);
        }

        /**
         * Connector/J reads a TINYINT(1) (a Boolean on the wire) as its number for every numeric
         * getter, a BIT as one but for getFloat/getDouble, and getByte of binary as its first byte.
         */
        @Override
        Object numeric(Object v, pool.protocol.Column column, String getter) throws SQLException {
            if (v instanceof Boolean b && !(isBit(column) && (getter.equals("float") || getter.equals("double")))) {
                return b ? 1 : 0;
            }
            if (v instanceof byte[] bytes && getter.equals("byte")) {
                if (bytes.length == 0) {
                    throw new java.sql.SQLDataException("empty String value cannot be decoded as Byte");
                }
                return (int) bytes[0];
            }
            return v;
        }

        /** Connector/J's getBytes of a BIT is its byte, of a UUID its text. */
        @Override
        byte[] bytes(Object v, pool.protocol.Column column) throws SQLException {
            if (v instanceof Boolean b && isBit(column)) {
                return new byte[] {(byte) (b ? 1 : 0)};
            }
            if (v instanceof java.util.UUID u) {
                return u.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            return super.bytes(v, column);
        }

        private static boolean isBit(pool.protocol.Column column) {
            return "BIT".equalsIgnoreCase(column.typeName());
        }

        @Override
        boolean dateKeepsTimeOfDay() {
            return true;
        }

        /** Connector/J's codecs refuse a value with an SQLDataException without SQLState. */
        @Override
        SQLException refused(Values.Refused e) {
            return new java.sql.SQLDataException(e.getMessage());
        }

        /**
         * Connector/J 3.5's getObject(i, type) finds a codec for the column's type and the class, and
         * without one refuses with a plain SQLException ("Type ... not supported type for ..."), as
         * measured: numbers from date-time columns (Float and Double from BIT too), byte[] from numbers
         * and date-times, date-times from numbers (and a date from a TIME, a time from a DATE), UUID
         * from any but a UUID or VARCHAR/CHAR column, OffsetTime from any. A NULL is null, always.
         */
        @Override
        SQLException objectAs(pool.protocol.Column column, Class<?> type, Object v) {
            if (v == null || type.isInstance(v) && type != Boolean.class) {
                return null;
            }
            int t = column.type();
            boolean temporal = t == java.sql.Types.DATE || t == java.sql.Types.TIME || t == java.sql.Types.TIMESTAMP
                    || t == java.sql.Types.TIMESTAMP_WITH_TIMEZONE || t == java.sql.Types.TIME_WITH_TIMEZONE;
            boolean number = switch (t) {
                case java.sql.Types.BIT, java.sql.Types.BOOLEAN, java.sql.Types.TINYINT, java.sql.Types.SMALLINT,
                     java.sql.Types.INTEGER, java.sql.Types.BIGINT, java.sql.Types.REAL, java.sql.Types.FLOAT,
                     java.sql.Types.DOUBLE, java.sql.Types.NUMERIC, java.sql.Types.DECIMAL -> true;
                default -> false;
            };
            boolean none;
            if (type == Float.class || type == Double.class) {
                none = temporal || isBit(column);
            } else if (type == Boolean.class || type == Byte.class || type == Short.class || type == Integer.class
                    || type == Long.class || type == java.math.BigDecimal.class || type == java.math.BigInteger.class) {
                none = temporal;
            } else if (type == byte[].class) {
                none = temporal || number && !isBit(column);
            } else if (type == java.util.UUID.class) {
                // a VARCHAR or CHAR is parsed (and may fail as UUID.fromString does); TEXT is not
                String name = String.valueOf(column.typeName()).toUpperCase(java.util.Locale.ROOT);
                none = !(v instanceof java.util.UUID) && !name.equals("VARCHAR") && !name.equals("CHAR");
            } else if (type == java.time.OffsetTime.class) {
                none = true;
            } else if (type == java.sql.Date.class || type == java.time.LocalDate.class) {
                none = number || t == java.sql.Types.TIME;
            } else if (type == java.sql.Time.class || type == java.time.LocalTime.class) {
                none = number || t == java.sql.Types.DATE;
            } else if (type == java.sql.Timestamp.class || type == java.time.LocalDateTime.class
                    || type == java.time.Instant.class || type == java.time.ZonedDateTime.class
                    || type == java.time.OffsetDateTime.class) {
                none = number;
            } else {
                none = false;
            }
            return none ? new SQLException(String.format("Type %s not supported type for %s type", column.typeName(),
                    type.getName())) : null;
        }
        /**
         * Connector/J answers the column's text: a TINYINT(1) read as a Boolean is its number,
         * binary columns are their bytes decoded as UTF-8, and date-times of a column with fractional
         * seconds carry six digits (DATETIME(3): {@code .500000}; a TIME(2) does not: 23:59:59.25), as measured.
         * It writes a date-time as read in the JVM's zone (its default, without {@code preserveInstants}):
         * a value in one of that zone's DST gaps comes out moved by the gap, so the client's zone does it here.
         */
        @Override
        String string(Object v, pool.protocol.Column column) {
            if (v instanceof Boolean b && !"BIT".equalsIgnoreCase(column.typeName())) {
                return b ? "1" : "0";
            }
            if (v instanceof byte[] b) {
                return new String(b, java.nio.charset.StandardCharsets.UTF_8);
            }
            if (v instanceof java.time.LocalTime t && column.scale() > 0 && column.scale() <= 6) {
                // the server's text of a TIME(n): n digits, 00:00:00.000000 for a TIME(6)
                return String.format("%02d:%02d:%02d.%s", t.getHour(), t.getMinute(), t.getSecond(),
                        String.format("%09d", t.getNano()).substring(0, column.scale()));
            }
            if (v instanceof java.time.LocalDateTime stored) {
                java.time.LocalDateTime t = stored.atZone(java.time.ZoneId.systemDefault()).toLocalDateTime();
                return t.toLocalDate() + " " + time(t.toLocalTime(), column.scale());
            }
            return super.string(v, column);
        }

        private static String time(java.time.LocalTime t, int decimals) {
            String s = String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
            if (decimals <= 0) {
                return t.getNano() == 0 ? s : Temporals.string(t);
            }
            // Connector/J writes six digits for any fractional column (DATETIME(3): .500000)
            return s + "." + String.format("%09d", t.getNano()).substring(0, 6);
        }

        /** Connector/J ignores holdability: every result is held over commit. */
        @Override
        int resultSetHoldability() {
            return java.sql.ResultSet.HOLD_CURSORS_OVER_COMMIT;
        }

        @Override
        boolean statementKeepsHoldability() {
            return false;
        }

        @Override
        SQLException parameterIndexBelowOne(int index) {
            return new SQLSyntaxErrorException("wrong parameter index " + index, "42000", -1);
        }

        @Override
        boolean lenientClosedResultSet() {
            return true;
        }

        @Override
        SQLException abortWithoutExecutor() {
            return new SQLSyntaxErrorException("Cannot abort the connection: null executor passed", "42000", -1);
        }

        /** Connector/J's abort closes the connection's result sets: the next batch finds its own closed. */
        @Override
        SQLException nextBatchOfAborted() {
            return resultSetClosed();
        }

        /** Connector/J's streaming result set on a closed socket, as measured. */
        @Override
        SQLException nextBatchOfLost(SQLException cause) {
            return new SQLNonTransientConnectionException("Error while streaming resultSet data: " + cause.getMessage(),
                    "08000", -1, cause);
        }

        @Override
        boolean resultSetWarningsAreTheStatements() {
            return true;
        }

        @Override
        boolean warningsReadOnce() {
            return true;
        }

        @Override
        boolean keepsResultsOnNextExecution() {
            return true;
        }

        /** Connector/J 3.5 closes on CLOSE_CURRENT_RESULT only: any other value, CLOSE_ALL_RESULTS too, keeps all. */
        @Override
        boolean moreResultsClosesCurrent(int how) {
            return how == java.sql.Statement.CLOSE_CURRENT_RESULT;
        }

        @Override
        boolean moreResultsClosesKept(int how) {
            return false;
        }

        @Override
        SQLException parameterNotSet(int index) {
            return new java.sql.SQLTransientConnectionException("Parameter at position " + index + " is not set", "07004",
                    -1);
        }

        @Override
        SQLException resultSetClosed() {
            return new SQLException("Operation not permit on a closed resultSet", "HY000", -1);
        }

        @Override
        SQLException statementClosed() {
            return new SQLSyntaxErrorException("Cannot do an operation on a closed statement", "42000", -1);
        }

        @Override
        SQLException notOnARow() {
            return new java.sql.SQLDataException("wrong row position", "22023");
        }

        /** Connector/J lists the names it knows ({@link #labels}), in the order of its HashMap of them. */
        @Override
        SQLException noSuchLabel(String label, java.util.List<pool.protocol.Column> columns) {
            return new SQLException(String.format("Unknown label '%s'. Possible value %s", label,
                    java.util.Arrays.toString(labels(columns).keySet().toArray(new String[0]))));
        }

        /**
         * Connector/J 3.5 knows a column by its label and by "table.label" (the table's alias in
         * the query: {@link pool.protocol.Column#tableAlias()}, else its name), lower-cased, each
         * name for the first column that has it, in the order it builds its HashMap of them (so the
         * same map is built here).
         */
        @Override
        java.util.Map<String, Integer> labels(java.util.List<pool.protocol.Column> columns) {
            java.util.Map<String, Integer> mapper = new java.util.HashMap<>((int) (columns.size() * 2.5));
            for (int i = 0; i < columns.size(); i++) {
                pool.protocol.Column c = columns.get(i);
                if (c.label() != null) {
                    String alias = c.label().toLowerCase(java.util.Locale.ROOT);
                    mapper.putIfAbsent(alias, i + 1);
                    String table = c.tableAlias() != null ? c.tableAlias() : c.table() == null ? "" : c.table();
                    mapper.putIfAbsent(table.toLowerCase(java.util.Locale.ROOT) + "." + alias, i + 1);
                }
            }
            return mapper;
        }

        @Override
        SQLException connectionClosed() {
            return new SQLNonTransientConnectionException("Connection is closed", "08000", 1220);
        }

        @Override
        SQLException columnIndex(int column, int columns) {
            return new SQLException("Wrong index position. Is " + column + " but must be in 1-" + columns + " range");
        }

        @Override
        SQLException negativeFetchSize(int rows) {
            return new SQLSyntaxErrorException("invalid fetch size", "42000", -1);
        }

        @Override
        SQLException negativeMaxRows(long rows) {
            return new SQLSyntaxErrorException("max rows cannot be negative : asked for " + rows, "42000", -1);
        }

        @Override
        SQLException negativeQueryTimeout(int seconds) {
            return new SQLSyntaxErrorException("Query timeout cannot be negative : asked for " + seconds, "42000", -1);
        }

        @Override
        SQLException nameOfUnnamedSavepoint() {
            return new SQLSyntaxErrorException("Cannot retrieve savepoint name of an unnamed savepoint", "42000", -1);
        }

        @Override
        SQLException idOfNamedSavepoint() {
            return new SQLSyntaxErrorException("Cannot retrieve savepoint id of a named savepoint", "42000", -1);
        }

        @Override
        SQLException negativeValidTimeout(int seconds) {
            return new SQLSyntaxErrorException("the value supplied for timeout is negative", "42000", -1);
        }

        @Override
        SQLException negativeNetworkTimeout(int millis) {
            return new SQLSyntaxErrorException("Connection.setNetworkTimeout cannot be called with a negative timeout",
                    "42000", -1);
        }

        /** Connector/J's socket read timed out ("timout" is its spelling), and the connection is closed. */
        @Override
        SQLException networkTimeout(NetworkTimeoutException e) {
            return new SQLNonTransientConnectionException("Socket timout error", "08000", -1, e.getCause());
        }

        @Override
        SQLException aborted(AbortedCallException e) {
            return new SQLNonTransientConnectionException("Socket error", "08000", -1, e);
        }

        /** Connector/J's ParameterMetaData of a prepared statement, CallableParameterMetaData of a call. */
        @Override
        SQLException parameterMetaDataIndex(int index, int count, boolean callable) {
            return new SQLException(callable ? "invalid parameter index " + index
                    : "Wrong index position. Is " + index + " but must be in 1-" + count + " range");
        }

        @Override
        SQLException keysNotRequested() {
            return new SQLException("Cannot return generated keys: query was not set with"
                    + " Statement.RETURN_GENERATED_KEYS");
        }
    }
}
