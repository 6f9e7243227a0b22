package pool.jmx.internal;

import java.util.function.Supplier;

/**
 * A bean's figures, taken once for the attributes one JMX call reads (a Prometheus scrape, a
 * JConsole refresh), so that they agree with each other (active plus idle is total, as in one
 * snapshot) and the pool computes them once, not once per attribute; outside such a call,
 * taken afresh at each read.
 *
 * @param <T> the figures' type
 */
final class OneReadSnapshot<T> {

    /** Set only for the duration of one multi-attribute read. */
    private final ThreadLocal<T> taken = new ThreadLocal<>();
    private final Supplier<T> source;

    OneReadSnapshot(Supplier<T> source) {
        this.source = source;
    }

    /** @return the figures of the read under way, or fresh ones */
    T get() {
        T t = taken.get();
        return t != null ? t : source.get();
    }

    /** Runs {@code read} with the figures taken once; the snapshot ends with the call. */
    <R> R during(Supplier<R> read) {
        taken.set(source.get());
        try {
            return read.get();
        } finally {
            taken.remove();
        }
    }

    /** A bean whose multi-attribute reads come from one snapshot. */
    interface Reads {
        /** @return what {@code read} returns, its figures taken once */
        <R> R withOneSnapshot(Supplier<R> read);
    }
}
