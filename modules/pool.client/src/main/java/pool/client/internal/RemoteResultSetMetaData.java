package pool.client.internal;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;
import pool.protocol.Column;

/** Column metadata as the daemon's driver described it; answered locally. */
final class RemoteResultSetMetaData implements ResultSetMetaData {

    private final List<Column> columns;

    RemoteResultSetMetaData(List<Column> columns) {
        this.columns = columns;
    }

    private Column c(int i) throws SQLException {
        if (i < 1 || i > columns.size()) {
            throw new SQLException("column index " + i + " is out of range 1.." + columns.size(), "07009");
        }
        return columns.get(i - 1);
    }

    @Override public int getColumnCount() { return columns.size(); }
    @Override public boolean isAutoIncrement(int i) throws SQLException { return c(i).autoIncrement(); }
    @Override public boolean isCaseSensitive(int i) throws SQLException { return c(i).caseSensitive(); }
    @Override public boolean isSearchable(int i) throws SQLException { return c(i).searchable(); }
    @Override public boolean isCurrency(int i) throws SQLException { return c(i).currency(); }
    @Override public int isNullable(int i) throws SQLException { return c(i).nullable(); }
    @Override public boolean isSigned(int i) throws SQLException { return c(i).signed(); }
    @Override public int getColumnDisplaySize(int i) throws SQLException { return c(i).displaySize(); }
    @Override public String getColumnLabel(int i) throws SQLException { return c(i).label(); }
    @Override public String getColumnName(int i) throws SQLException { return c(i).name(); }
    @Override public String getSchemaName(int i) throws SQLException { return nz(c(i).schema()); }
    @Override public int getPrecision(int i) throws SQLException { return c(i).precision(); }
    @Override public int getScale(int i) throws SQLException { return c(i).scale(); }
    @Override public String getTableName(int i) throws SQLException { return nz(c(i).table()); }
    @Override public String getCatalogName(int i) throws SQLException { return nz(c(i).catalog()); }
    @Override public int getColumnType(int i) throws SQLException { return c(i).type(); }
    @Override public String getColumnTypeName(int i) throws SQLException { return c(i).typeName(); }
    // The driver's answers about the column, as it gives them on a read-only result too.
    @Override public boolean isReadOnly(int i) throws SQLException { return c(i).readOnly(); }
    @Override public boolean isWritable(int i) throws SQLException { return c(i).writable(); }
    @Override public boolean isDefinitelyWritable(int i) throws SQLException { return c(i).definitelyWritable(); }

    /** The class of the values the client hands out for this column, which is what getObject returns. */
    @Override
    public String getColumnClassName(int i) throws SQLException {
        String name = c(i).className();
        return name == null ? Object.class.getName() : name;
    }

    private static String nz(String s) {
        return s == null ? "" : s; // JDBC: "" when not applicable
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return Wrappers.unwrap(this, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
