package pool.daemon.config;

/**
 * {@code <h2UnprivilegedUser>}: the daemon creates the pool's H2 in-memory database
 * itself, and in it the pool's user without administrator rights, owning one schema.
 * The pool's {@code PoolConfig} names the database ({@code jdbc:h2:mem:NAME}), the user
 * (no password: the daemon makes one) and the schema as its default schema.
 *
 * @param database the in-memory database's name, NAME of {@code jdbc:h2:mem:NAME}
 * @param schema   the schema the user owns and starts in, as H2 stores it (upper case)
 */
public record UnprivilegedH2User(String database, String schema) {
}
