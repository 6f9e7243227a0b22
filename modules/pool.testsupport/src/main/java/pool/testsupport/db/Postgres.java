package pool.testsupport.db;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Injects a running PostgreSQL server into a test or lifecycle method parameter:
 * <pre>{@code
 * @Test void reads(@Postgres DatabaseServer pg) { ... }          // a standalone primary
 * @Test void routes(@Postgres ReplicatedPair pair) { ... }        // a primary with a replica
 * }</pre>
 * Registers {@link DatabaseExtension} itself; no {@code @ExtendWith} is needed on the class.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@ExtendWith(DatabaseExtension.class)
public @interface Postgres {
}
