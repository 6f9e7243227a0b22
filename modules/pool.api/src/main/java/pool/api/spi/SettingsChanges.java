package pool.api.spi;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import pool.api.LiveSettings;

/**
 * The one lock of a pool's live-settings changes, for the project's pools (the engine's,
 * tenancy's sharded and routing's): {@code apply} and {@code update} of
 * {@link pool.api.ConnectionPool} each run as one step under it, so that two changes made at
 * once never undo each other. A private object, not the pool's public monitor.
 */
public final class SettingsChanges {

    private final Supplier<LiveSettings> inForce;
    private final Consumer<LiveSettings> applier;

    /**
     * @param inForce the settings in force now
     * @param applier checks and applies settings; runs under this lock only
     */
    public SettingsChanges(Supplier<LiveSettings> inForce, Consumer<LiveSettings> applier) {
        this.inForce = Objects.requireNonNull(inForce);
        this.applier = Objects.requireNonNull(applier);
    }

    /** {@link pool.api.ConnectionPool#apply}: checks and applies {@code settings} as one step. */
    public synchronized void apply(LiveSettings settings) {
        applier.accept(settings);
    }

    /** {@link pool.api.ConnectionPool#update}: reads, changes and applies as one step; returns what it applied. */
    public synchronized LiveSettings update(UnaryOperator<LiveSettings> change) {
        LiveSettings next = change.apply(inForce.get());
        applier.accept(next);
        return next;
    }

    /** Runs {@code work} under this lock: what else a pool's settings changes must not interleave with. */
    public synchronized void locked(Runnable work) {
        work.run();
    }
}
