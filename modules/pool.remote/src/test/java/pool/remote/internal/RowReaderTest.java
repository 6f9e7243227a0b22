package pool.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.ResultSetMetaData;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pool.protocol.Column;

class RowReaderTest {

    /** Metadata of one INTEGER column "id" of table "t", refusing the methods named in {@code refused}. */
    private static ResultSetMetaData metaData(Set<String> refused) {
        return (ResultSetMetaData) Proxy.newProxyInstance(ResultSetMetaData.class.getClassLoader(),
                new Class<?>[] {ResultSetMetaData.class}, (proxy, method, args) -> {
                    String m = method.getName();
                    if (refused.contains(m)) {
                        throw new SQLFeatureNotSupportedException(m + " is not supported");
                    }
                    switch (m) {
                        case "getColumnCount": return 1;
                        case "getColumnLabel": case "getColumnName": return "id";
                        case "getColumnType": return Types.INTEGER;
                        case "getColumnTypeName": return "int4";
                        case "getColumnClassName": return "java.lang.Integer";
                        case "getPrecision": return 10;
                        case "getScale": return 0;
                        case "isNullable": return ResultSetMetaData.columnNoNulls;
                        case "isSigned": case "isSearchable": case "isReadOnly": return true;
                        case "isAutoIncrement": case "isCaseSensitive": case "isCurrency": case "isWritable":
                        case "isDefinitelyWritable": return false;
                        case "getColumnDisplaySize": return 11;
                        case "getTableName": return "t";
                        case "getSchemaName": return "public";
                        case "getCatalogName": return "db";
                        default: throw new UnsupportedOperationException(m);
                    }
                });
    }

    @Test
    void everyAttributeIsRead() throws Exception {
        List<Column> columns = RowReader.columns(metaData(Set.of()));
        assertEquals(List.of(new Column("id", "id", Types.INTEGER, "int4", "java.lang.Integer", 10, 0,
                ResultSetMetaData.columnNoNulls, true, false, false, false, true, true, false, false, 11, "t", "public", "db")), columns);
    }

    @Test
    void attributesADriverRefusesAreLeftEmptyTheOthersKept() throws Exception {
        Column c = RowReader.columns(metaData(Set.of("isSigned", "getTableName", "getPrecision"))).get(0);
        assertFalse(c.signed());
        assertNull(c.table());
        assertEquals(0, c.precision());
        assertEquals("public", c.schema());
        assertTrue(c.searchable());
        assertEquals(11, c.displaySize());
        assertEquals("java.lang.Integer", c.className());
    }

    @Test
    void classNamesBecomeWhatTheClientReceives() throws Exception {
        Column c = RowReader.columns(metaData(Set.of("getColumnClassName"))).get(0);
        assertNull(c.className());
    }

    @Test
    void javaObjectValuesTravelAsTheirBytesAndAreNeverDeserializedInTheDaemon() throws Exception {
        java.io.ByteArrayOutputStream serialized = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(serialized)) {
            out.writeObject(new java.util.HashMap<>(java.util.Map.of("k", "v"))); // stands for any gadget chain
        }
        byte[] bytes = serialized.toByteArray();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:h2:mem:rowreader", "sa", "");
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT CAST(X'" + java.util.HexFormat.of().formatHex(bytes)
                     + "' AS JAVA_OBJECT) AS o, 7 AS n")) {
            List<Column> columns = RowReader.columns(rs.getMetaData());
            assertEquals(Types.JAVA_OBJECT, columns.get(0).type());
            pool.protocol.Rows rows = RowReader.read(rs, columns, 10, true);
            Object value = rows.data()[0][0];
            assertTrue(value instanceof byte[], "the driver deserialized it: " + value);
            org.junit.jupiter.api.Assertions.assertArrayEquals(bytes, (byte[]) value);
            assertEquals(7, rows.data()[0][1]);
        }
    }

    @Test
    void resultsWithoutJavaObjectColumnsNeedNoFlags() throws Exception {
        assertNull(RowReader.serializedObjects(RowReader.columns(metaData(Set.of()))));
    }

    @Test
    void aBatchEndsAfterTheRowThatBringsItsBytesToFourMegabytes() throws Exception {
        try (java.sql.Connection h2 = java.sql.DriverManager.getConnection("jdbc:h2:mem:batchbytes" + System.nanoTime());
             java.sql.Statement st = h2.createStatement();
             java.sql.ResultSet rs = st.executeQuery("select x, repeat('x', 1048576) from system_range(1, 20)")) {
            List<Column> columns = RowReader.columns(rs.getMetaData());
            pool.protocol.Rows first = RowReader.read(rs, columns, 1000, true);
            assertEquals(4, first.size(), "4 rows of 1 MiB and a number reach the bound");
            assertFalse(first.last());
            for (int batch = 2; batch <= 5; batch++) {
                pool.protocol.Rows rest = RowReader.read(rs, columns, 1000, false);
                assertEquals(4, rest.size());
                assertFalse(rest.last(), "the bound reached with the last row: whether more follow is not yet known");
            }
            pool.protocol.Rows end = RowReader.read(rs, columns, 1000, false);
            assertEquals(0, end.size());
            assertTrue(end.last());
        }
    }
    @Test
    void aBatchThatReachesItsByteBoundExactlyEndsAndOneAByteShortTakesTheNextRow() throws Exception {
        // Each row: a number (8) and a string of so many characters that two rows come to the bound, or one less.
        int reaching = (int) (RowReader.MAX_BATCH_BYTES / 2 - 8);
        assertEquals(2, rowsInFirstBatch(reaching), "two rows reach the bound: the batch ends");
        assertEquals(3, rowsInFirstBatch(reaching - 1), "two rows a byte short of it: one more row");
    }

    private static int rowsInFirstBatch(int chars) throws Exception {
        try (java.sql.Connection h2 = java.sql.DriverManager.getConnection("jdbc:h2:mem:batchedge" + System.nanoTime());
             java.sql.Statement st = h2.createStatement();
             java.sql.ResultSet rs = st.executeQuery("select x, repeat('y', " + chars + ") from system_range(1, 5)")) {
            pool.protocol.Rows first = RowReader.read(rs, RowReader.columns(rs.getMetaData()), 1000, true);
            assertFalse(first.last());
            return first.size();
        }
    }
}
