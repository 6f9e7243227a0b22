package pool.protocol;

/** What {@code ResultSetMetaData} says about one column, taken once on the daemon. */
public record Column(String label, String name, int type, String typeName, String className, int precision,
                     int scale, int nullable, boolean signed, boolean autoIncrement, boolean caseSensitive,
                     boolean currency, boolean searchable, boolean readOnly, boolean writable,
                     boolean definitelyWritable, int displaySize, String table,
                     String schema, String catalog) {
}
