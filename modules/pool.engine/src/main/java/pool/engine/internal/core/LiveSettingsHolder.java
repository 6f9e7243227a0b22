package pool.engine.internal.core;

import java.util.Objects;
import java.util.function.Consumer;
import pool.api.LiveSettings;
import pool.api.PoolConfig;

/**
 * The one mutable holder of a pool's live-tunable settings: a volatile reference to an
 * immutable {@link LiveSettings} snapshot. The API's {@code apply}, the reaper, JMX and
 * reload all read and write through it, so a reader always sees one consistent set and
 * a change takes effect everywhere at once. Writes are validated as a whole first.
 */
public final class LiveSettingsHolder {

    private final PoolConfig base;
    private final int globalCap;
    private volatile Snapshot current;
    private volatile Consumer<LiveSettings> onChange = s -> { };

    public LiveSettingsHolder(PoolConfig config, int globalCap) {
        this.base = config;
        this.globalCap = globalCap;
        this.current = new Snapshot(validate(config.liveSettings()));
    }

    /**
     * The settings together with the durations the borrow and return paths compare
     * against, converted to nanoseconds once per change instead of on every borrow
     * ({@code Duration.toNanos()} is two overflow-checked operations, several per cycle).
     */
    private record Snapshot(LiveSettings settings, long maxLifetimeNanos, long validationSkipWindowNanos,
                            long reaperIntervalNanos) {
        Snapshot(LiveSettings s) {
            this(s, s.maxLifetime().toNanos(), s.validationSkipWindow().toNanos(), s.reaperInterval().toNanos());
        }
    }

    public LiveSettings get() {
        return current.settings();
    }

    /** @return {@code get().maxLifetime()} in nanoseconds */
    public long maxLifetimeNanos() {
        return current.maxLifetimeNanos();
    }

    /** @return {@code get().validationSkipWindow()} in nanoseconds */
    public long validationSkipWindowNanos() {
        return current.validationSkipWindowNanos();
    }

    /** @return {@code get().reaperInterval()} in nanoseconds */
    public long reaperIntervalNanos() {
        return current.reaperIntervalNanos();
    }

    /** @return the configuration the pool was built from, with the live settings as they are now */
    public PoolConfig config() {
        return base.with(current.settings());
    }

    /** Called after every successful change (the pool reschedules its reaper, resizes...). */
    public void onChange(Consumer<LiveSettings> listener) {
        this.onChange = Objects.requireNonNull(listener);
    }

    /**
     * Replaces the settings after checking them as a whole.
     *
     * @throws IllegalArgumentException naming the setting; nothing changes then
     */
    public void set(LiveSettings next) {
        current = new Snapshot(validate(next));
        onChange.accept(next);
    }

    private LiveSettings validate(LiveSettings s) {
        Objects.requireNonNull(s, "settings");
        // PoolConfig's own checks name the setting; building one is the single source of truth.
        base.with(s);
        if ((long) s.maxSize() + s.burstMaxSize() > globalCap) {
            throw new IllegalArgumentException("pool '" + base.name() + "': maxSize + burstMaxSize ("
                    + s.maxSize() + " + " + s.burstMaxSize() + ") must not exceed the engine's global cap of "
                    + globalCap + " connections per pool");
        }
        return s;
    }
}
