package pool.engine.internal;

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
    private volatile LiveSettings current;
    private volatile Consumer<LiveSettings> onChange = s -> { };

    public LiveSettingsHolder(PoolConfig config, int globalCap) {
        this.base = config;
        this.globalCap = globalCap;
        this.current = validate(config.liveSettings());
    }

    public LiveSettings get() {
        return current;
    }

    /** @return the configuration the pool was built from, with the live settings as they are now */
    public PoolConfig config() {
        return base.with(current);
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
        current = validate(next);
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
