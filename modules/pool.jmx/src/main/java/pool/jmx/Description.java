package pool.jmx;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What an MXBean attribute, operation or parameter means, with its unit: JConsole and
 * VisualVM show it as the description, so an operator need not look it up.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.PARAMETER})
public @interface Description {
    /** @return the description */
    String value();

    /** @return for a parameter, its name (class files keep none by default) */
    String name() default "";
}
