package pool.ormtests;

import java.util.EnumSet;
import java.util.Set;

/**
 * One step of a scenario: it does something through an ORM on one side (a data source) and
 * returns what it saw as an {@link Outcome}. Each step sets up the rows it needs itself, so
 * that a step that failed on one side leaves nothing that decides the next one.
 *
 * @param name     the step's name, as the known-gap list and failure messages use it
 * @param time     whether it is about dates and times: the DST run repeats only these
 * @param backends the databases it applies to
 * @param <C>      what the step gets of a side: the ORM's factory bound to that side's data source
 */
public record Step<C>(String name, boolean time, Set<Backend> backends, Body<C> body) {

    /** The work of a step. */
    @FunctionalInterface
    public interface Body<C> {
        Outcome run(C side) throws Exception;
    }

    public static <C> Step<C> of(String name, Body<C> body) {
        return new Step<>(name, false, EnumSet.allOf(Backend.class), body);
    }

    public static <C> Step<C> time(String name, Body<C> body) {
        return new Step<>(name, true, EnumSet.allOf(Backend.class), body);
    }

    /** The same step on {@code backend} only (a type the other database does not have). */
    public Step<C> only(Backend backend) {
        return new Step<>(name, time, EnumSet.of(backend), body);
    }
}
