package pool.protocol;

/**
 * A parameter set with a target SQL type ({@code setObject(index, value, sqlType[, scale])}):
 * the daemon binds it with the same {@code setObject}, so that the driver converts the value
 * to that type as it would directly ({@code "1.5"} as a {@code REAL}, {@code 1} as a
 * {@code BIT}, a {@code BigDecimal} rounded to the scale).
 *
 * @param value   the value, not null (a null is a {@link SqlNull} of the type)
 * @param sqlType the target type, a {@code java.sql.Types} constant
 * @param scale   the scale or length given, or -1 for the form without one
 */
public record TypedParam(Object value, int sqlType, int scale) {
    public TypedParam {
        if (value == null) {
            throw new IllegalArgumentException("a typed parameter has a value; a null is an SqlNull");
        }
    }
}
