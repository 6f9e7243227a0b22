package pool.protocol;

import java.util.Objects;

/**
 * A SQL array, both ways: a column's {@code java.sql.Array} on its way to the client, and a
 * parameter the application made with {@code Connection.createArrayOf} (or any
 * {@code java.sql.Array}) on its way to the daemon, which makes the driver's array of it
 * with its own {@code createArrayOf}.
 *
 * @param baseTypeName the element type's name as the database calls it ({@code int4}, {@code text})
 * @param baseType     the element type's {@code java.sql.Types} code (0 when unknown)
 * @param elementClass the class name of the array the driver's {@code getArray()} returned
 *                     ({@code [Ljava.lang.Integer;}, {@code [[Ljava.lang.String;}...), so the client
 *                     returns an array of the same type; null when not known
 * @param elements     the elements, each a wire value; nested {@code Object[]} for more dimensions
 */
public record SqlArray(String baseTypeName, int baseType, String elementClass, Object[] elements)
        implements ObjectValue {
    public SqlArray {
        Objects.requireNonNull(baseTypeName, "baseTypeName");
        Objects.requireNonNull(elements, "elements");
    }

    /** The PostgreSQL text form of the array, what {@code getString} of the column gives. */
    @Override
    public String text() {
        StringBuilder sb = new StringBuilder();
        append(sb, elements);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Object[] a) {
        sb.append('{');
        for (int i = 0; i < a.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object e = a[i];
            if (e == null) {
                sb.append("NULL");
            } else if (e instanceof Object[] inner) {
                append(sb, inner);
            } else if (e instanceof Boolean b) {
                sb.append(b ? 't' : 'f'); // bool's text form
            } else if (e instanceof String s) {
                boolean quote = s.isEmpty() || s.equalsIgnoreCase("null") || s.chars().anyMatch(c -> c == ',' || c == '"'
                        || c == '{' || c == '}' || c == '\\' || Character.isWhitespace(c));
                if (quote) {
                    sb.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                } else {
                    sb.append(s);
                }
            } else {
                sb.append(e);
            }
        }
        sb.append('}');
    }

    @Override
    public String toString() {
        return text();
    }
}
