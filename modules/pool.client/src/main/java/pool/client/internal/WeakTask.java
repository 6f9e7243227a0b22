package pool.client.internal;

import java.lang.ref.WeakReference;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A timed task of a part of a {@link Link} that does not keep that part reachable. A data
 * source an application drops without closing it (a JNDI object factory called on every
 * lookup makes them by the hundred) must not live on in the timer's queue, renewing and
 * logging in again for ever: once its owner is collected, a periodic task cancels itself at
 * its next run and a one-shot task does nothing.
 */
final class WeakTask<T> implements Runnable {

    private final WeakReference<T> owner;
    private final Consumer<T> work;
    /** Set right after scheduling; a run that comes first and finds the owner gone is repeated by the next. */
    private volatile ScheduledFuture<?> future;

    private WeakTask(T owner, Consumer<T> work) {
        this.owner = new WeakReference<>(owner);
        this.work = work;
    }

    /** Runs {@code work} on {@code owner} once, after {@code delayMillis}, if the owner is still reachable. */
    static <T> ScheduledFuture<?> once(ScheduledExecutorService timer, T owner, Consumer<T> work, long delayMillis) {
        WeakTask<T> task = new WeakTask<>(owner, work);
        task.future = timer.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        return task.future;
    }

    /** Runs {@code work} on {@code owner} every {@code periodMillis} until cancelled or the owner is collected. */
    static <T> ScheduledFuture<?> every(ScheduledExecutorService timer, T owner, Consumer<T> work, long periodMillis) {
        WeakTask<T> task = new WeakTask<>(owner, work);
        task.future = timer.scheduleWithFixedDelay(task, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return task.future;
    }

    @Override
    public void run() {
        T o = owner.get();
        if (o != null) {
            work.accept(o);
            return;
        }
        ScheduledFuture<?> f = future;
        if (f != null) {
            f.cancel(false);
        }
    }
}
