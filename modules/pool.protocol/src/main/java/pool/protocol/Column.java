package pool.protocol;

/**
 * What {@code ResultSetMetaData} says about one column, taken once on the daemon.
 *
 * @param tableAlias the name the query gives the column's table (its alias), where the backend
 *                   driver knows it apart from {@code table} and looks columns up by it (MariaDB
 *                   Connector/J's {@code findColumn("alias.label")}); null otherwise
 */
public record Column(String label, String name, int type, String typeName, String className, int precision,
                     int scale, int nullable, boolean signed, boolean autoIncrement, boolean caseSensitive,
                     boolean currency, boolean searchable, boolean readOnly, boolean writable,
                     boolean definitelyWritable, int displaySize, String table,
                     String schema, String catalog, String tableAlias) {

    /** A column whose table has no alias apart from its name. */
    public Column(String label, String name, int type, String typeName, String className, int precision,
                  int scale, int nullable, boolean signed, boolean autoIncrement, boolean caseSensitive,
                  boolean currency, boolean searchable, boolean readOnly, boolean writable,
                  boolean definitelyWritable, int displaySize, String table, String schema, String catalog) {
        this(label, name, type, typeName, className, precision, scale, nullable, signed, autoIncrement, caseSensitive,
                currency, searchable, readOnly, writable, definitelyWritable, displaySize, table, schema, catalog, null);
    }
}
