package pool.engine.internal.lifecycle;

import pool.api.LiveSettings;
import pool.engine.internal.bag.Bag;
import pool.engine.internal.bag.BagItem;
import pool.engine.internal.core.LiveSettingsHolder;
import pool.engine.internal.core.PoolEntry;
import pool.engine.internal.core.PoolSize;
import pool.engine.internal.create.BurstGate;
import pool.engine.internal.metrics.Metrics;

/**
 * When the pool may open burst connections above maxSize (up to burstMaxSize more), and
 * how fast it gives them back.
 *
 * <ul>
 *   <li><b>Expansion</b> only under real pressure and with nothing idle: borrowers are
 *       waiting now, or the reaper saw more than 5 % of borrows wait longer than
 *       burstWaitThreshold (i.e. p95 above it) in {@link #SUSTAIN_RUNS} runs in a row.</li>
 *   <li><b>Contraction</b> after {@link #CALM_RUNS} calm runs in a row (hysteresis: one
 *       quiet interval between two busy ones contracts nothing): each further run retires
 *       a quarter of the idle burst connections (at least one), so the pool decays
 *       gradually instead of dropping and re-growing. Burst connections also have the
 *       shorter burstLifetime.</li>
 *   <li>The global cap (maxSize + burstMaxSize &le; the engine's cap) is enforced by the
 *       settings holder, and creation reserves places by CAS against it.</li>
 * </ul>
 */
public final class BurstPolicy implements BurstGate {

    static final int SUSTAIN_RUNS = 2;
    static final int CALM_RUNS = 2;
    static final double DECAY = 0.25;
    static final double SLOW_FRACTION = 0.05;

    private final LiveSettingsHolder settings;
    private final Bag<PoolEntry> bag;
    private final PoolSize size;
    private final Metrics metrics;
    private volatile boolean sustainedPressure;
    // Reaper-thread state (single caller of observe()).
    private int pressureRuns;
    private int calmRuns;
    private long lastBorrows;
    private long lastSlow;

    public BurstPolicy(LiveSettingsHolder settings, Bag<PoolEntry> bag, PoolSize size, Metrics metrics) {
        this.settings = settings;
        this.bag = bag;
        this.size = size;
        this.metrics = metrics;
    }

    /** @return whether a creation may go above maxSize now */
    @Override
    public boolean allowBurst() {
        return settings.get().burstMaxSize() > 0 && (bag.waiting() > 0 || sustainedPressure)
                && bag.count(BagItem.IDLE) == 0;
    }

    /** @return whether the p95 wait has been above the threshold for a while (asks for one burst connection) */
    @Override
    public boolean sustainedPressure() {
        return sustainedPressure && settings.get().burstMaxSize() > 0;
    }

    /** The reaper's observation of the last interval. */
    public void observe() {
        long borrows = metrics.borrows();
        long slow = metrics.slowWaits.sum();
        long dBorrows = borrows - lastBorrows;
        long dSlow = slow - lastSlow;
        lastBorrows = borrows;
        lastSlow = slow;
        boolean slowP95 = dBorrows > 0 && dSlow > dBorrows * SLOW_FRACTION;
        boolean pressure = bag.waiting() > 0 || slowP95;
        if (pressure) {
            pressureRuns++;
            calmRuns = 0;
        } else {
            calmRuns++;
            pressureRuns = 0;
        }
        sustainedPressure = slowP95 && pressureRuns >= SUSTAIN_RUNS;
    }

    /** @return how many idle burst connections the reaper should retire in this run */
    public int burstToRetire() {
        LiveSettings s = settings.get();
        int burst = size.burst();
        if (burst <= 0) {
            return 0;
        }
        int overCap = size.get() - (s.maxSize() + s.burstMaxSize());
        if (overCap > 0) {
            return Math.min(burst, overCap); // settings were lowered: the excess goes now
        }
        if (calmRuns < CALM_RUNS) {
            return 0;
        }
        return Math.max(1, (int) Math.ceil(burst * DECAY));
    }
}
