package pool.jmx;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an MXBean operation that changes nothing. Its {@code MBeanOperationInfo} impact
 * is then {@code INFO} (every other operation's is {@code ACTION}), and users with role
 * {@link JmxRole#MONITOR} may invoke it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ReadOnly {
}
