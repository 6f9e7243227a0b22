package pool.client.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Array;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Wrapper;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The table of docs/jdbc-methods.md, made from the implementation: a method is refused when
 * the class that implements it for poold is a generated {@code Unsupported*} base (but for
 * {@code unwrap} and {@code isWrapperFor}, which the bases answer themselves; or it is
 * one of the few that poold's classes refuse themselves), supported otherwise. The notes say
 * what to use instead. LOB methods and scrolling are documented in the section "LOBs and
 * scrolling", and left out here.
 */
final class JdbcMethodTable {

    /** The interfaces documented and poold's class of each (DatabaseMetaData is a proxy: its own rules). */
    static final Map<Class<?>, Class<?>> CLASSES = new LinkedHashMap<>();

    static {
        CLASSES.put(Connection.class, RemoteConnection.class);
        CLASSES.put(Statement.class, RemoteStatement.class);
        CLASSES.put(PreparedStatement.class, RemotePreparedStatement.class);
        CLASSES.put(CallableStatement.class, RemoteCallableStatement.class);
        CLASSES.put(ResultSet.class, RemoteResultSet.class);
        CLASSES.put(DatabaseMetaData.class, DatabaseMetaData.class);
        CLASSES.put(Array.class, RemoteArray.class);
        CLASSES.put(SQLXML.class, RemoteSQLXML.class);
    }

    /** Methods poold's classes declare but always refuse. */
    private static final Map<String, String> REFUSED_BY_POOLD = Map.of();

    private static final String MORE_RESULTS = "every result streams as the first does, whatever its size: the"
            + " results after the first travel with it, or with the last batch of the one before, while they fit what"
            + " is left of that batch (the fetch size, about 4 MiB); the first that does not comes with a cursor of its"
            + " own. What getMoreResults() and getMoreResults(int) close is what the backend driver closes (pgjdbc:"
            + " all results before; Connector/J: the current one; KEEP_CURRENT_RESULT keeps it readable, its unread"
            + " rows set aside on the daemon's disk)";
    private static final String TYPED = "bound on the daemon with the same target type (and scale), so the driver"
            + " converts the value as it would directly";

    private static final String DESCRIBED = "before the statement has run, the backend driver's description of it"
            + " (one call, kept for the statement)";
    private static final String SQL_TYPE = "as the backend driver: pgjdbc refuses it at the setter (0A000);"
            + " MariaDB Connector/J binds with the type's vendor type number (a JDBCType's java.sql.Types int)";

    private static final String OUT_SQL_TYPE = "as the backend driver: pgjdbc refuses it (0A000); MariaDB Connector/J"
            + " takes it as registerOutParameter(int, int) with the type's vendor type number";

    private static final String COMPLETION = "as the backend driver: closing the current result closes the statement;"
            + " pgjdbc's closes it too when another of its results closes (generated keys) with no current one open,"
            + " and then refuses the next execution if it closed the last result; Connector/J's next execution"
            + " leaves the last result open (also after the statement's close)";

    private static final String HOLD = "as the backend driver: on PostgreSQL the holdability the statement was"
            + " created with (else the connection's), on MariaDB HOLD_CURSORS_OVER_COMMIT";
    private static final String STRING = "the value's text as the backend driver gives it (pgjdbc: t/f for bool,"
            + " \\x and hex for bytea; Connector/J: a TINYINT(1)'s number, 2 as much as 1,"
            + " binary columns decoded as UTF-8, date-times of a fractional column with six digits and, as read in"
            + " the client's zone, one in its DST gap moved by the gap); floats as the"
            + " servers write them (100, 0.0001) from 0.0001 up to 1e15 (float4/FLOAT: 1e6), in Java's notation"
            + " beyond (1.0E300 where the servers write 1e+300 or 1e300); PostgreSQL money as its number (12.5, where"
            + " pgjdbc answers the server's $12.50)";
    private static final String STRING_OBJECT = "the backend driver's classes per column type: pgjdbc takes String"
            + " from CHAR/VARCHAR, Boolean from BOOLEAN/BIT, Short from SMALLINT, Integer from SMALLINT/INTEGER, Long and"
            + " BigInteger from BIGINT, Float from REAL, Double from DOUBLE, BigDecimal from NUMERIC, byte[] from bytea,"
            + " Date/Time/Timestamp from their own types, never Byte, Instant or ZonedDateTime (22023, a NULL too), the"
            + " java.time classes from their types only (42821), UUID from uuid only (ClassCastException); Connector/J"
            + " refuses a class it has no codec for (numbers from date-times, byte[] from numbers, date-times from"
            + " numbers, UUID but from UUID/VARCHAR/CHAR, OffsetTime always) with a plain SQLException, and a value it"
            + " cannot convert with an SQLDataException without SQLState; see [Getter conversions that"
            + " differ](#getter-conversions-that-differ)";
    private static final String KEYS_AFTER_REFUSAL = "after an execution the driver refused (pgjdbc's"
            + " executeUpdate(String, int[])), an empty result, where pgjdbc answers the result of the execution"
            + " before (closed, 55000 on use)";
    private static final String LARGE_MAX_ROWS = "on both databases, where pgjdbc itself refuses it (0A000)";

    /** Notes for supported methods that behave differently from a driver, by key. */
    private static final Map<String, String> NOTES = Map.ofEntries(
            Map.entry("Connection.setHoldability(int)", "one call: applied at once, where pgjdbc refuses a value it does"
                    + " not know (Connector/J ignores every value); getHoldability() then asks the driver"),
            Map.entry("Statement.getResultSetHoldability()", HOLD),
            Map.entry("PreparedStatement.getResultSetHoldability()", HOLD),
            Map.entry("CallableStatement.getResultSetHoldability()", HOLD),
            Map.entry("ResultSet.getHoldability()", "as the backend driver: pgjdbc refuses it (0A000), Connector/J"
                    + " answers HOLD_CURSORS_OVER_COMMIT"),
            Map.entry("Statement.getGeneratedKeys()", KEYS_AFTER_REFUSAL),
            Map.entry("PreparedStatement.getGeneratedKeys()", KEYS_AFTER_REFUSAL),
            Map.entry("CallableStatement.getGeneratedKeys()", KEYS_AFTER_REFUSAL),
            Map.entry("ResultSet.findColumn(String)", "by the names the backend driver knows: the label, in any"
                    + " case, the first of equal labels; on MariaDB also \"table.label\", the table named as the query"
                    + " names it (its alias), as Connector/J finds it, and so does every getter by label"),
            Map.entry("ResultSet.getString(int)", STRING),
            Map.entry("ResultSet.getString(String)", STRING),
            Map.entry("ResultSet.getObject(int, Class)", STRING_OBJECT),
            Map.entry("ResultSet.getObject(String, Class)", STRING_OBJECT),
            Map.entry("Statement.setLargeMaxRows(long)", LARGE_MAX_ROWS),
            Map.entry("Statement.getLargeMaxRows()", LARGE_MAX_ROWS),
            Map.entry("PreparedStatement.setLargeMaxRows(long)", LARGE_MAX_ROWS),
            Map.entry("PreparedStatement.getLargeMaxRows()", LARGE_MAX_ROWS),
            Map.entry("CallableStatement.setLargeMaxRows(long)", LARGE_MAX_ROWS),
            Map.entry("CallableStatement.getLargeMaxRows()", LARGE_MAX_ROWS),
            Map.entry("Connection.createArrayOf(String, Object[])", "made on the client; the daemon's driver makes its"
                    + " array when a statement binds it"),
            Map.entry("Connection.createSQLXML()", "made on the client"),
            Map.entry("Connection.getNetworkTimeout()", "the value set, 0 by default"),
            Map.entry("Connection.setNetworkTimeout(Executor, int)", "a call whose answer takes longer fails with the"
                    + " backend driver's error of a socket timeout (08xxx) and closes the connection; the daemon cancels"
                    + " its statement and takes its connection back (the executor is not used, as by pgjdbc)"),
            Map.entry("Connection.getTypeMap()", "an empty map"),
            Map.entry("Connection.setTypeMap(Map)", "an empty map only: SQLData mappings are refused; read a"
                    + " structured type's attributes as columns"),
            Map.entry("Connection.nativeSQL(String)", "the backend driver's translation of JDBC escapes (one call when"
                    + " the SQL has a '{')"),
            Map.entry("Connection.getClientInfo()", "the backend driver's (one call)"),
            Map.entry("Connection.setClientInfo(String, String)", "applied with the next call; reset when the"
                    + " connection goes back to the pool"),
            Map.entry("Connection.createStatement(int, int)", "CONCUR_READ_ONLY, TYPE_FORWARD_ONLY or"
                    + " TYPE_SCROLL_INSENSITIVE (see LOBs and scrolling)"),
            Map.entry("Connection.prepareStatement(String, int, int)", "CONCUR_READ_ONLY, TYPE_FORWARD_ONLY or"
                    + " TYPE_SCROLL_INSENSITIVE (see LOBs and scrolling)"),
            Map.entry("Connection.setCatalog(String)", "one call: applied at once, as drivers check it there"),
            Map.entry("Connection.setTransactionIsolation(int)", "applied with the next call; at once (one call) for a"
                    + " level other than the four standard ones, or with autocommit off on a borrowed connection,"
                    + " where drivers may refuse it"),
            Map.entry("Connection.setReadOnly(boolean)", "applied with the next call; at once (one call) with"
                    + " autocommit off on a borrowed connection, where drivers may refuse it"),
            Map.entry("ResultSet.next()", "a result that needs its next batch of rows once its connection was aborted or reclaimed fails as the driver's result set does when its connection is closed or gone: on PostgreSQL 08006 (\"An I/O error occurred while sending to the backend.\"); on MariaDB, aborted: HY000 (\"Operation not permit on a closed resultSet\"), reclaimed: SQLNonTransientConnectionException 08000 (\"Error while streaming resultSet data\", the reclaim's ConnectionReclaimedException as its cause)"),
            Map.entry("Connection.abort(Executor)", "marks the connection closed at once; on the executor a call waiting for its answer fails at once, as the driver's blocked call does (08006 on PostgreSQL, 08000 on MariaDB), its statement is cancelled and its session given back; abort(null) is refused, open or closed, as the driver refuses it (pgjdbc: SQLException without SQLState; Connector/J: SQLSyntaxErrorException 42000)"),
            Map.entry("Connection.commit()", "in autocommit the backend driver's answer (one call)"),
            Map.entry("Connection.rollback()", "in autocommit the backend driver's answer (one call)"),
            Map.entry("Statement.getMoreResults()", MORE_RESULTS),
            Map.entry("Statement.getMoreResults(int)", MORE_RESULTS),
            Map.entry("PreparedStatement.getMoreResults()", MORE_RESULTS),
            Map.entry("PreparedStatement.getMoreResults(int)", MORE_RESULTS),
            Map.entry("CallableStatement.getMoreResults()", MORE_RESULTS),
            Map.entry("CallableStatement.getMoreResults(int)", MORE_RESULTS),
            Map.entry("PreparedStatement.getMetaData()", DESCRIBED),
            Map.entry("CallableStatement.getMetaData()", DESCRIBED),
            Map.entry("PreparedStatement.getParameterMetaData()", DESCRIBED),
            Map.entry("CallableStatement.getParameterMetaData()", DESCRIBED),
            Map.entry("PreparedStatement.setObject(int, Object, SQLType)", SQL_TYPE),
            Map.entry("PreparedStatement.setObject(int, Object, SQLType, int)", SQL_TYPE),
            Map.entry("CallableStatement.setObject(int, Object, SQLType)", SQL_TYPE),
            Map.entry("CallableStatement.setObject(int, Object, SQLType, int)", SQL_TYPE),
            Map.entry("CallableStatement.registerOutParameter(int, SQLType)", OUT_SQL_TYPE),
            Map.entry("CallableStatement.registerOutParameter(int, SQLType, int)", OUT_SQL_TYPE),
            Map.entry("CallableStatement.registerOutParameter(int, SQLType, String)", OUT_SQL_TYPE),
            Map.entry("PreparedStatement.setObject(int, Object, int)", TYPED),
            Map.entry("PreparedStatement.setObject(int, Object, int, int)", TYPED),
            Map.entry("CallableStatement.setObject(int, Object, int)", TYPED),
            Map.entry("CallableStatement.setObject(int, Object, int, int)", TYPED),
            Map.entry("Connection.getMetaData()", "see DatabaseMetaData"),
            Map.entry("Statement.closeOnCompletion()", COMPLETION),
            Map.entry("PreparedStatement.closeOnCompletion()", COMPLETION),
            Map.entry("CallableStatement.closeOnCompletion()", COMPLETION),
            Map.entry("Statement.setFetchDirection(int)", "FETCH_FORWARD only"),
            Map.entry("Statement.setMaxFieldSize(int)", "0 (no limit) only"),
            Map.entry("ResultSet.setFetchDirection(int)", "FETCH_FORWARD only"),
            Map.entry("ResultSet.getArray(int)", "a java.sql.Array of the driver's element class"),
            Map.entry("ResultSet.getTimestamp(int, Calendar)", "the column's fields in the Calendar's zone"),
            Map.entry("PreparedStatement.setTimestamp(int, Timestamp, Calendar)", "bound on the daemon with a"
                    + " calendar of the same zone and Gregorian switch"),
            Map.entry("PreparedStatement.setObject(int, Object)", "JDBC 4.2 types, java.util.Date/Calendar, arrays,"
                    + " Array, SQLXML, pgjdbc's PGobject types"),
            Map.entry("Array.getArray(Map)", "an empty or null map only"),
            Map.entry("SQLXML.getSource(Class)", "StreamSource (default) and DOMSource; use getString() for others"),
            Map.entry("SQLXML.setResult(Class)", "StreamResult (default) and DOMResult; use setString() for others"));

    /** What poold's DatabaseMetaData answers itself, and why; every other method is the backend driver's answer. */
    static final Map<String, String> OWN_METADATA = new LinkedHashMap<>();

    static {
        OWN_METADATA.put("getURL()", "the poold URL of the data source, not the backend's");
        OWN_METADATA.put("getUserName()", "the poold client user, not the database user");
        OWN_METADATA.put("getConnection()", "the remote connection");
        OWN_METADATA.put("supportsNamedParameters()", "false: CallableStatement parameters by name are refused");
        OWN_METADATA.put("supportsRefCursors()", "false: REF_CURSOR OUT parameters are not carried");
    }

    private JdbcMethodTable() {
    }

    /** A method as the table names it. */
    static String signature(Method m) {
        return m.getName() + "(" + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(", ")) + ")";
    }

    static List<Method> methods(Class<?> iface) {
        return Arrays.stream(iface.getMethods()).filter(m -> !Modifier.isStatic(m.getModifiers()))
                .filter(m -> !lobOrScrolling(iface, m))
                .sorted(Comparator.comparing(JdbcMethodTable::signature)).toList();
    }

    /** LOBs (item 17.3) and scrollable results (17.4): the section "LOBs and scrolling". */
    static boolean lobOrScrolling(Class<?> iface, Method m) {
        String s = signature(m);
        if (s.matches(".*(Blob|Clob|NClob).*")) {
            return true;
        }
        if (iface == ResultSet.class || iface == DatabaseMetaData.class) {
            return List.of("absolute", "relative", "previous", "first", "last", "beforeFirst", "afterLast", "isLast",
                    "supportsResultSetType", "supportsResultSetConcurrency", "locatorsUpdateCopy",
                    "ownUpdatesAreVisible", "ownDeletesAreVisible", "ownInsertsAreVisible", "othersUpdatesAreVisible",
                    "othersDeletesAreVisible", "othersInsertsAreVisible", "updatesAreDetected", "deletesAreDetected",
                    "insertsAreDetected").contains(m.getName());
        }
        return false;
    }

    /** @return null when supported, else why and what to use instead */
    static String refusal(Class<?> iface, Method m) {
        String key = iface.getSimpleName() + "." + signature(m);
        if (REFUSED_BY_POOLD.containsKey(key)) {
            return REFUSED_BY_POOLD.get(key);
        }
        if (iface == DatabaseMetaData.class) {
            return null;
        }
        Class<?> declaring = implementor(CLASSES.get(iface), m);
        if (declaring == null) { // java.sql's default method: those that throw are refused
            return DEFAULTS_THAT_THROW.contains(m.getName()) || signature(m).contains("SQLType")
                    ? insteadOf(iface, m) : null;
        }
        // The generated bases implement unwrap and isWrapperFor themselves (each object unwraps to itself).
        if (!declaring.getSimpleName().startsWith("Unsupported") || Wrapper.class == m.getDeclaringClass()) {
            return null;
        }
        return insteadOf(iface, m);
    }

    /** The class whose own (not bridge) method implements {@code m}. */
    private static Class<?> implementor(Class<?> c, Method m) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            try {
                Method d = k.getDeclaredMethod(m.getName(), m.getParameterTypes());
                if (!d.isBridge() && !d.isSynthetic()) {
                    return k;
                }
            } catch (NoSuchMethodException e) {
                // inherited
            }
        }
        return null; // not overridden: the interface's default method
    }

    /** java.sql's default methods that throw (the others, like enquoteLiteral or beginRequest, work as they are). */
    private static final List<String> DEFAULTS_THAT_THROW = List.of("setShardingKey", "setShardingKeyIfValid",
            "executeLargeUpdate", "executeLargeBatch", "getLargeUpdateCount", "setLargeMaxRows", "getLargeMaxRows");

    private static String insteadOf(Class<?> iface, Method m) {
        String n = m.getName();
        Class<?>[] p = m.getParameterTypes();
        if (iface == CallableStatement.class && p.length > 0 && p[0] == String.class && !n.equals("setCursorName")) {
            return "parameters by name: use the index form";
        }
        if (n.startsWith("update") || List.of("insertRow", "deleteRow", "refreshRow", "cancelRowUpdates",
                "moveToInsertRow", "moveToCurrentRow", "rowUpdated", "rowInserted", "rowDeleted").contains(n)) {
            return "updatable result sets: run an UPDATE, INSERT or DELETE statement";
        }
        if (n.contains("AsciiStream") || n.contains("UnicodeStream")) {
            return "use the character stream or String form";
        }
        if (n.contains("NCharacterStream")) {
            return "use the character stream form (" + n.replace("NCharacterStream", "CharacterStream") + ")";
        }
        if (n.endsWith("Ref")) {
            return "REF values: select the referenced row's columns";
        }
        if (n.endsWith("RowId")) {
            return "ROWID values: use the table's key (or the database's row id as a string column)";
        }
        if (n.endsWith("URL")) {
            return "DATALINK values: use the String form";
        }
        if (n.equals("createStruct")) {
            return "structured types: select their attributes as columns";
        }
        if (n.startsWith("executeLarge")) {
            return "use the int form (" + n.replace("executeLarge", "execute") + ")";
        }
        if (n.startsWith("setShardingKey")) {
            return "sharding keys: use a pool per shard";
        }
        if (signature(m).contains("SQLType")) {
            return "use the form with a java.sql.Types int";
        }
        if (n.equals("setCursorName") || n.equals("getCursorName")) {
            return "positioned UPDATE/DELETE: use the table's key in the WHERE clause";
        }
        if (n.equals("getObject") && p.length == 2 && p[1] == Map.class) {
            return "SQLData type maps: use getObject(column) or getObject(column, Class)";
        }
        if (iface == CallableStatement.class && (n.startsWith("get") || n.startsWith("registerOutParameter"))) {
            return "use the index form";
        }
        return "not supported by poold's remote JDBC";
    }

    /** The Markdown of every table, as docs/jdbc-methods.md holds it between its markers. */
    static String render() {
        StringBuilder sb = new StringBuilder();
        for (Class<?> iface : CLASSES.keySet()) {
            sb.append("\n### ").append(iface.getSimpleName()).append("\n\n");
            if (iface == DatabaseMetaData.class) {
                sb.append("| method | answer |\n|---|---|\n");
                for (Method m : methods(iface)) {
                    String own = OWN_METADATA.get(signature(m));
                    sb.append("| `").append(signature(m)).append("` | ")
                            .append(own != null ? "poold: " + own : "the backend driver's").append(" |\n");
                }
                continue;
            }
            sb.append("| method | poold | what to use instead, or how it behaves |\n|---|---|---|\n");
            for (Method m : methods(iface)) {
                String key = iface.getSimpleName() + "." + signature(m);
                String refused = refusal(iface, m);
                String note = refused != null ? refused : NOTES.getOrDefault(key, "");
                sb.append("| `").append(signature(m)).append("` | ").append(refused == null ? "yes" : "**refused**")
                        .append(" | ").append(note).append(" |\n");
            }
        }
        return sb.toString();
    }

    /** Prints the tables (to regenerate the page: paste between the markers). */
    public static void main(String[] args) {
        System.out.print(render());
    }
}
