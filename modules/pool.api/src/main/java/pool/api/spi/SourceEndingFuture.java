package pool.api.spi;

import java.util.concurrent.CompletableFuture;

/**
 * The future a pool hands the application over a future of its own making (a place in an
 * admission's line, a part pool's borrow): whoever ends this one first, the application
 * ({@code cancel}, {@code orTimeout}, {@code complete}...) or the pool, ends the source too
 * when it is still pending, so that no borrower is left in a line it no longer waits in. A
 * pool that completes this future after its source is done ends nothing.
 *
 * <p>The pool that forwards the source's outcome here reads {@link #endedSource()}: a
 * {@code CancellationException} of the source that this future caused is not the outcome.
 *
 * @param <T> the value, a connection
 */
public class SourceEndingFuture<T> extends CompletableFuture<T> {

    private final CompletableFuture<?> source;
    private volatile boolean endedSource;

    /** @param source the pool's own future, or null while there is none (then nothing is ended) */
    public SourceEndingFuture(CompletableFuture<?> source) {
        this.source = source;
    }

    /** @return whether this future cancelled its source (set before it did) */
    public boolean endedSource() {
        return endedSource;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        endSource();
        return super.cancel(mayInterruptIfRunning);
    }

    @Override
    public boolean complete(T value) {
        endSource();
        return super.complete(value);
    }

    @Override
    public boolean completeExceptionally(Throwable ex) {
        endSource();
        return super.completeExceptionally(ex);
    }

    private void endSource() {
        if (!isDone() && source != null && !source.isDone()) {
            endedSource = true;
            source.cancel(false);
        }
    }
}
