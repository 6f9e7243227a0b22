package pool.protocol;

import java.io.Serializable;

/** A JDBC null parameter of a given {@code java.sql.Types} type ({@code setNull}). */
public record SqlNull(int sqlType) implements Serializable {
}
