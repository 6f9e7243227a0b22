package pool.engine.internal.leak;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import pool.api.LeakSuspect;
import pool.api.PoolEvent;
import pool.api.StackCapture;
import pool.engine.internal.bag.Bag;
import pool.engine.internal.bag.BagItem;
import pool.engine.internal.core.EngineCore;
import pool.engine.internal.core.PoolEntry;
import pool.engine.internal.core.Retirement;
import pool.engine.internal.metrics.EventDispatcher;
import pool.engine.internal.metrics.Metrics;
import pool.engine.internal.proxy.ClosedConnection;
import pool.engine.internal.proxy.ProxyConnection;

/**
 * Finds connections held past the leak threshold, reports each borrow once, and on
 * request takes them back by force.
 *
 * <p>The borrow side costs a field write or two: thread and time always, the stack
 * (a {@link Throwable}, whose frames are only materialised when reported) never,
 * for a sampled fraction, or always. Detection runs on the reaper's thread.
 *
 * <p>Reclaim races the application's own {@code close()} by one CAS on the borrow's
 * handle ({@link ProxyConnection#revoke}): if the application won, nothing happens; if
 * reclaim won, the application's handle throws {@link pool.api.ConnectionReclaimedException}
 * from then on, and the physical connection is rolled back and destroyed (its state
 * is unknown: it is never handed on).
 */
public final class LeakDetector {

    private final String pool;
    private final Bag<PoolEntry> bag;
    private final Retirement retirement;
    private final Metrics metrics;
    private final EventDispatcher events;
    private final StackCapture capture;
    private final double sampleRate;
    /** SAMPLED on the borrow path: one borrow in this many per connection captures its stack (0: none). */
    private final int samplePeriod;

    public LeakDetector(EngineCore core) {
        this.pool = core.name();
        this.bag = core.bag();
        this.retirement = core.retirement();
        this.metrics = core.metrics();
        this.events = core.events();
        this.capture = core.config().leakStackCapture();
        this.sampleRate = core.config().leakStackSampleRate();
        this.samplePeriod = sampleRate <= 0 ? 0
                : (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(1 / sampleRate)));
    }

    /**
     * The borrow stack to record for a borrow of {@code e}, or null. SAMPLED takes every
     * {@code round(1/rate)}-th borrow of each connection, starting at a random phase per
     * connection: a countdown on the entry, which its borrower owns, instead of a random
     * draw per borrow (same rate, no random state touched on the hot path).
     */
    public Throwable captureStack(PoolEntry e) {
        return switch (capture) {
            case OFF -> null;
            case ALWAYS -> new Throwable("borrowed here");
            case SAMPLED -> samplePeriod > 0 && e.sampleDue(samplePeriod) ? new Throwable("borrowed here") : null;
        };
    }

    /** @return the borrow stack to record for a borrow not tied to a connection yet (async requests), or null */
    public Throwable captureStack() {
        return switch (capture) {
            case OFF -> null;
            case ALWAYS -> new Throwable("borrowed here");
            case SAMPLED -> sampleRate > 0 && ThreadLocalRandom.current().nextDouble() < sampleRate
                    ? new Throwable("borrowed here") : null;
        };
    }

    /** A suspect together with the handle it was found on, for reclaim. */
    private record Found(PoolEntry entry, ProxyConnection handle, LeakSuspect suspect) {
    }

    private List<Found> find(long now, long thresholdNanos) {
        List<Found> found = new ArrayList<>();
        if (thresholdNanos <= 0) {
            return found;
        }
        Instant wallNow = Instant.now();
        bag.forEach(e -> {
            if (e.state() != BagItem.IN_USE) {
                return;
            }
            ProxyConnection h = e.handle();
            if (h == null || !h.isLive()) {
                return;
            }
            long held = now - h.borrowedAtNanos();
            if (held < thresholdNanos) {
                return;
            }
            Thread t = h.borrower();
            Throwable stack = h.borrowStack();
            if (!h.isLive() || e.handle() != h) {
                return; // returned (and maybe borrowed again) while we looked
            }
            found.add(new Found(e, h, new LeakSuspect(e.id(), t == null ? "?" : describe(t),
                    wallNow.minusNanos(held), Duration.ofNanos(held),
                    stack == null ? List.of() : Arrays.asList(trimmed(stack.getStackTrace())))));
        });
        found.sort(Comparator.comparing((Found f) -> f.suspect().held()).reversed());
        return found;
    }

    private static String describe(Thread t) {
        String name = t.getName();
        return (name.isEmpty() ? (t.isVirtual() ? "virtual" : "thread") : name) + " (id " + t.threadId() + ")";
    }

    /** Classes of the borrow path whose frames lead every captured stack. */
    private static final java.util.Set<String> BORROW_PATH = java.util.Set.of(
            LeakDetector.class.getName(), "pool.engine.internal.Borrower", "pool.engine.internal.EnginePool",
            "pool.engine.internal.AsyncBorrower", "pool.engine.internal.AsyncBorrower$Completion");

    /** Drops the pool's own frames so the stack starts at the application's call. */
    private static StackTraceElement[] trimmed(StackTraceElement[] frames) {
        int i = 0;
        while (i < frames.length && BORROW_PATH.contains(frames[i].getClassName())) {
            i++;
        }
        return i < frames.length ? Arrays.copyOfRange(frames, i, frames.length) : frames;
    }

    /** @return current suspects, longest held first */
    public List<LeakSuspect> suspects(long now, long thresholdNanos) {
        return find(now, thresholdNanos).stream().map(Found::suspect).toList();
    }

    /**
     * The reaper's pass: reports new suspects, and reclaims them when {@code reclaim}.
     *
     * @return how many were reclaimed
     */
    public int check(long now, long thresholdNanos, boolean reclaim) {
        int reclaimed = 0;
        for (Found f : find(now, thresholdNanos)) {
            report(f);
            if (reclaim && reclaim(f)) {
                reclaimed++;
            }
        }
        return reclaimed;
    }

    /** Counts and announces a suspect the first time it is found. */
    private void report(Found f) {
        if (f.entry().markLeakReported()) {
            metrics.leakSuspects.increment();
            events.publish(new PoolEvent.LeakSuspected(pool, Instant.now(), f.suspect()));
        }
    }

    /** Reclaims every current suspect. @return how many */
    public int reclaimAll(long now, long thresholdNanos) {
        int n = 0;
        for (Found f : find(now, thresholdNanos)) {
            // A suspect reclaimed before the reaper met it is still a leak: counted and announced
            // first, so LeakReclaimCount never exceeds LeakSuspectCount.
            report(f);
            if (reclaim(f)) {
                n++;
            }
        }
        return n;
    }

    private boolean reclaim(Found f) {
        LeakSuspect s = f.suspect();
        String message = "Connection " + s.connectionId() + " of pool '" + pool + "' was reclaimed after being held for "
                + formatHeld(s.held()) + " (leak threshold exceeded); it was borrowed by " + s.thread() + " at "
                + s.borrowedAt() + (s.borrowStack().isEmpty() ? " (no borrow stack captured)"
                        : ", borrow stack:\n" + s.borrowStackText());
        if (!f.handle().revoke(ClosedConnection.reclaimed(message))) {
            return false; // the application closed it first: nothing to reclaim
        }
        metrics.leakReclaims.increment();
        events.publish(new PoolEvent.LeakReclaimed(pool, Instant.now(), s));
        retirement.retireInUse(f.entry(), "reclaimed", f.handle()::cancelStatements);
        return true;
    }

    static String formatHeld(Duration d) {
        long ms = d.toMillis();
        return ms < 10_000 ? ms + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
