package pool.protocol;

/** A JDBC null parameter of a given {@code java.sql.Types} type ({@code setNull}). */
public record SqlNull(int sqlType) {
}
