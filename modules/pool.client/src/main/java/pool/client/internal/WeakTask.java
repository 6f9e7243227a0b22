package pool.client.internal;

import java.lang.ref.WeakReference;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A timed task of a {@link Link} that does not keep the link reachable. A data source an
 * application drops without closing it (a JNDI object factory called on every lookup makes
 * them by the hundred) must not live on in the timer's queue, renewing and logging in again
 * for ever: once its link is collected, a periodic task cancels itself at its next run and a
 * one-shot task does nothing.
 */
final class WeakTask implements Runnable {

    private final WeakReference<Link> link;
    private final Consumer<Link> work;
    /** Set right after scheduling; a run that comes first and finds the link gone is repeated by the next. */
    private volatile ScheduledFuture<?> future;

    private WeakTask(Link link, Consumer<Link> work) {
        this.link = new WeakReference<>(link);
        this.work = work;
    }

    /** Runs {@code work} on {@code link} once, after {@code delayMillis}, if the link is still reachable. */
    static ScheduledFuture<?> once(ScheduledExecutorService timer, Link link, Consumer<Link> work, long delayMillis) {
        WeakTask task = new WeakTask(link, work);
        task.future = timer.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        return task.future;
    }

    /** Runs {@code work} on {@code link} every {@code periodMillis} until cancelled or the link is collected. */
    static ScheduledFuture<?> every(ScheduledExecutorService timer, Link link, Consumer<Link> work, long periodMillis) {
        WeakTask task = new WeakTask(link, work);
        task.future = timer.scheduleWithFixedDelay(task, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return task.future;
    }

    @Override
    public void run() {
        Link l = link.get();
        if (l != null) {
            work.accept(l);
            return;
        }
        ScheduledFuture<?> f = future;
        if (f != null) {
            f.cancel(false);
        }
    }
}
