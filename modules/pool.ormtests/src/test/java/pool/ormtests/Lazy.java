package pool.ormtests;

import java.util.concurrent.Callable;

/**
 * A side's ORM factory, built on first use. When building it fails (Hibernate cannot boot on
 * a data source, say), every step of that side fails with the same exception, which then is
 * what the comparison shows.
 */
public final class Lazy<C> implements AutoCloseable {

    private final Callable<C> factory;
    private final java.util.function.Consumer<C> closer;
    private C value;
    private Exception failure;

    public Lazy(Callable<C> factory, java.util.function.Consumer<C> closer) {
        this.factory = factory;
        this.closer = closer;
    }

    public synchronized C get() throws Exception {
        if (value == null && failure == null) {
            try {
                value = factory.call();
            } catch (Exception e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return value;
    }

    @Override
    public synchronized void close() {
        if (value != null) {
            closer.accept(value);
            value = null;
        }
    }
}
