package pool.protocol;

/**
 * An OUT or INOUT parameter of a callable statement.
 *
 * @param sqlType  the type registered with {@code registerOutParameter}
 * @param scale    the scale registered, or -1
 * @param in       the IN value of an INOUT parameter, null for a pure OUT parameter
 */
public record OutParam(int sqlType, int scale, Object in) {
}
