package pool.api;

import java.time.Duration;

/**
 * The settings a running pool takes without being replaced. JMX, configuration
 * reload and the API all change them through {@link ConnectionPool#apply(LiveSettings)},
 * which checks the whole set and applies it at once.
 *
 * @param minIdle              idle connections kept ready
 * @param maxSize              most connections, idle and in use
 * @param burstMaxSize         extra connections above maxSize while borrowers wait
 * @param borrowTimeout        longest wait for a connection (0: do not wait)
 * @param idleTimeout          idle time before a connection above minIdle closes (0: never)
 * @param maxLifetime          age at which a connection retires (0: never)
 * @param validationSkipWindow recently used connections skip validation within this window
 * @param reaperInterval       interval of the background reaper (&gt; 0)
 * @param leakThreshold        time in use before a leak is suspected (0: off)
 * @param leakReclaim          whether suspects are reclaimed by force
 * @param tenancy              per-tenant quotas and weights, or null for a pool without tenancy
 *                             (its mode cannot change on a running pool)
 */
public record LiveSettings(
        int minIdle,
        int maxSize,
        int burstMaxSize,
        Duration borrowTimeout,
        Duration idleTimeout,
        Duration maxLifetime,
        Duration validationSkipWindow,
        Duration reaperInterval,
        Duration leakThreshold,
        boolean leakReclaim,
        Tenancy tenancy) {

    /** A duration longer than 100 years is taken as 100 years, as in {@link PoolConfig}. */
    public LiveSettings {
        borrowTimeout = Durations.capped(borrowTimeout);
        idleTimeout = Durations.capped(idleTimeout);
        maxLifetime = Durations.capped(maxLifetime);
        validationSkipWindow = Durations.capped(validationSkipWindow);
        reaperInterval = Durations.capped(reaperInterval);
        leakThreshold = Durations.capped(leakThreshold);
    }

    /** The settings of a pool without tenancy. */
    public LiveSettings(int minIdle, int maxSize, int burstMaxSize, Duration borrowTimeout, Duration idleTimeout,
                        Duration maxLifetime, Duration validationSkipWindow, Duration reaperInterval,
                        Duration leakThreshold, boolean leakReclaim) {
        this(minIdle, maxSize, burstMaxSize, borrowTimeout, idleTimeout, maxLifetime, validationSkipWindow,
                reaperInterval, leakThreshold, leakReclaim, null);
    }

    /** @return these settings with other tenant quotas (same mode) */
    public LiveSettings withTenancy(Tenancy t) {
        return new LiveSettings(minIdle, maxSize, burstMaxSize, borrowTimeout, idleTimeout, maxLifetime,
                validationSkipWindow, reaperInterval, leakThreshold, leakReclaim, t);
    }

    public LiveSettings withSize(int minIdle, int maxSize) {
        return new LiveSettings(minIdle, maxSize, burstMaxSize, borrowTimeout, idleTimeout, maxLifetime,
                validationSkipWindow, reaperInterval, leakThreshold, leakReclaim, tenancy);
    }

    public LiveSettings withBurstMaxSize(int n) {
        return new LiveSettings(minIdle, maxSize, n, borrowTimeout, idleTimeout, maxLifetime,
                validationSkipWindow, reaperInterval, leakThreshold, leakReclaim, tenancy);
    }

    public LiveSettings withBorrowTimeout(Duration d) {
        return new LiveSettings(minIdle, maxSize, burstMaxSize, d, idleTimeout, maxLifetime,
                validationSkipWindow, reaperInterval, leakThreshold, leakReclaim, tenancy);
    }

    public LiveSettings withIdleTimeout(Duration d) {
        return new LiveSettings(minIdle, maxSize, burstMaxSize, borrowTimeout, d, maxLifetime,
                validationSkipWindow, reaperInterval, leakThreshold, leakReclaim, tenancy);
    }

    public LiveSettings withMaxLifetime(Duration d) {
        return new LiveSettings(minIdle, maxSize, burstMaxSize, borrowTimeout, idleTimeout, d,
                validationSkipWindow, reaperInterval, leakThreshold, leakReclaim, tenancy);
    }

    public LiveSettings withValidationSkipWindow(Duration d) {
        return new LiveSettings(minIdle, maxSize, burstMaxSize, borrowTimeout, idleTimeout, maxLifetime,
                d, reaperInterval, leakThreshold, leakReclaim, tenancy);
    }

    public LiveSettings withReaperInterval(Duration d) {
        return new LiveSettings(minIdle, maxSize, burstMaxSize, borrowTimeout, idleTimeout, maxLifetime,
                validationSkipWindow, d, leakThreshold, leakReclaim, tenancy);
    }

    public LiveSettings withLeakThreshold(Duration d) {
        return new LiveSettings(minIdle, maxSize, burstMaxSize, borrowTimeout, idleTimeout, maxLifetime,
                validationSkipWindow, reaperInterval, d, leakReclaim, tenancy);
    }

    public LiveSettings withLeakReclaim(boolean b) {
        return new LiveSettings(minIdle, maxSize, burstMaxSize, borrowTimeout, idleTimeout, maxLifetime,
                validationSkipWindow, reaperInterval, leakThreshold, b, tenancy);
    }
}
