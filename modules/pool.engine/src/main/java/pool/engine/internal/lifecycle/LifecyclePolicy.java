package pool.engine.internal.lifecycle;

import java.util.concurrent.ThreadLocalRandom;
import pool.api.LiveSettings;
import pool.engine.internal.core.LiveSettingsHolder;
import pool.engine.internal.core.PoolEntry;

/**
 * When a connection is too old, idle too long, or must be checked before use. Pure
 * decisions over timestamps of the pool's clock ({@link pool.engine.internal.core.PoolClock});
 * the reaper and the borrow and return paths act on them. Reads the live settings on every
 * decision, so changes apply at once.
 */
public final class LifecyclePolicy {

    /**
     * Lifetimes are shortened by up to this fraction, at random, so connections opened together
     * do not all expire together. Each connection draws its share once and applies it to the
     * lifetime in force at each decision: a cut fixed in nanoseconds at creation would be none
     * for connections opened while maxLifetime was 0, and out of scale after a live change.
     */
    static final double LIFETIME_JITTER = 0.025;

    private final LiveSettingsHolder settings;

    public LifecyclePolicy(LiveSettingsHolder settings) {
        this.settings = settings;
    }

    /** @return a new connection's share (0 to 1) of the largest cut of its lifetime, 2.5 % of it */
    public double lifetimeJitter() {
        return ThreadLocalRandom.current().nextDouble();
    }

    /** @return whether the connection has outlived maxLifetime (minus its own jitter) */
    public boolean expired(PoolEntry e, long now) {
        long life = settings.maxLifetimeNanos();
        if (e.burst()) {
            long burstLife = e.burstLifetimeNanos();
            life = life <= 0 ? burstLife : Math.min(life, burstLife);
        }
        if (life <= 0) {
            return false;
        }
        return now - e.createdNanos() >= life - (long) (life * LIFETIME_JITTER * e.lifetimeJitter());
    }

    /**
     * @return whether a borrow must validate it: not known good within the skip window. A
     *         zero window validates every borrow: with a coarse {@code now} (one kernel tick
     *         per step, see {@link pool.engine.internal.core.CoarseClock}) the elapsed time can read as zero.
     */
    public boolean needsValidation(PoolEntry e, long now) {
        long window = settings.validationSkipWindowNanos();
        return window <= 0 || now - e.lastCheckedNanos() > window;
    }

    /** @return whether it has been idle past idleTimeout (the caller keeps minIdle) */
    public boolean idleTimedOut(PoolEntry e, long now) {
        long t = settings.get().idleTimeout().toNanos();
        return t > 0 && now - e.lastUsedNanos() >= t;
    }

    /** @return whether the reaper should validate it while idle (keepalive) */
    public boolean needsKeepalive(PoolEntry e, long now, long keepaliveNanos) {
        return now - e.lastCheckedNanos() >= Math.max(keepaliveNanos, settings.get().validationSkipWindow().toNanos());
    }

    public LiveSettings settings() {
        return settings.get();
    }
}
