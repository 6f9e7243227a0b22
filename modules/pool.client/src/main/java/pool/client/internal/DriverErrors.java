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

    /** {@code getObject(column, Integer.class)} and the like: the driver's refusal of this column for that class, or null. */
    SQLException numberObject(pool.protocol.Column column, Class<?> type) {
        return null;
    }

    /** {@code ResultSet.getObject(column, String.class)}: the driver's refusal for this column, or null. */
    SQLException stringObject(pool.protocol.Column column) {
        return null;
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

        /** pgjdbc's getObject(i, Integer.class) takes int2 and int4 columns only. */
        @Override
        SQLException numberObject(pool.protocol.Column column, Class<?> type) {
            if (type == Integer.class && column.type() != java.sql.Types.SMALLINT && column.type() != java.sql.Types.INTEGER) {
                return new SQLException("conversion to " + type + " from " + column.typeName() + " not supported", "22023");
            }
            return null;
        }

        /** pgjdbc's toInt/toLong/toDouble/toBigDecimal: "Bad value for type int : 3000000000", 22003. */
        @Override
        SQLException badNumber(String type, String value) {
            return new SQLException("Bad value for type " + type + " : " + abbreviate(value), "22003");
        }
        /** pgjdbc 42.7 converts to String only the columns it reports as CHAR or VARCHAR (text, name...). */
        @Override
        SQLException stringObject(pool.protocol.Column column) {
            if (column.type() == java.sql.Types.CHAR || column.type() == java.sql.Types.VARCHAR) {
                return null;
            }
            return new SQLException("conversion to class java.lang.String from " + column.typeName()
                    + " not supported", "22023");
        }

        /** pgjdbc answers the server's text: {@code t}/{@code f} for bool, {@code \\x} and hex for bytea. */
        @Override
        String string(Object v, pool.protocol.Column column) {
            if (v instanceof Boolean b && "bool".equals(column.typeName())) {
                return b ? "t" : "f";
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
