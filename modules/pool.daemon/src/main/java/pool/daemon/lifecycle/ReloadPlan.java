package pool.daemon.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import pool.api.LiveSettings;
import pool.api.Replicas;
import pool.daemon.config.PoolDefinition;

/**
 * What a reload does to each pool, computed from the running and the new definitions
 * alone (no side effects, so it is tested on its own):
 * <ul>
 * <li>{@code added}: in the new file only: start it;</li>
 * <li>{@code removed}: in the running set only: drain and close it;</li>
 * <li>{@code retuned}: only live-tunable settings differ: {@code ConnectionPool.apply}
 *     in place, keeping every connection; or these and the {@code <replicas>} section of a
 *     pool that had one: changed in place too, keeping the primary's connections and those of
 *     the replicas that stay;</li>
 * <li>{@code replaced}: a connection setting (URL, user, password, driver, ...)
 *     differs: start a new pool, route new borrows to it, drain the old one;</li>
 * <li>{@code unchanged}: identical: nothing to do.</li>
 * </ul>
 */
public record ReloadPlan(
        List<PoolDefinition> added,
        List<PoolDefinition> removed,
        List<Retune> retuned,
        List<PoolDefinition> replaced,
        List<String> unchanged) {

    /**
     * A pool whose live settings change in place.
     *
     * @param replicas its new {@code <replicas>} section, taken in place too
     *                 ({@code pool.api.spi.ReplicasInPlace}); null when that did not change
     */
    public record Retune(PoolDefinition definition, LiveSettings settings, Replicas replicas) {
        /** A retune of live settings only. */
        public Retune(PoolDefinition definition, LiveSettings settings) {
            this(definition, settings, null);
        }

        public String name() {
            return definition.name();
        }
    }

    public ReloadPlan {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        retuned = List.copyOf(retuned);
        replaced = List.copyOf(replaced);
        unchanged = List.copyOf(unchanged);
    }

    /** @return the plan that turns {@code running} into {@code next} (both keyed by pool name) */
    public static ReloadPlan between(Map<String, PoolDefinition> running, Map<String, PoolDefinition> next) {
        List<PoolDefinition> added = new ArrayList<>();
        List<PoolDefinition> removed = new ArrayList<>();
        List<Retune> retuned = new ArrayList<>();
        List<PoolDefinition> replaced = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (PoolDefinition n : next.values()) {
            PoolDefinition old = running.get(n.name());
            if (old == null) {
                added.add(n);
            } else if (old.config().equals(n.config()) && old.driver() == n.driver()) {
                unchanged.add(n.name());
            } else if (old.isLiveChangeTo(n)) {
                retuned.add(new Retune(n, n.config().liveSettings()));
            } else if (old.isReplicaChangeTo(n)) {
                // The primary and the replicas that stay keep their connections.
                retuned.add(new Retune(n, n.config().liveSettings(), n.config().replicas()));
            } else {
                replaced.add(n);
            }
        }
        for (PoolDefinition old : running.values()) {
            if (!next.containsKey(old.name())) {
                removed.add(old);
            }
        }
        return new ReloadPlan(added, removed, retuned, replaced, unchanged);
    }

    /** @return whether applying the plan changes nothing */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && retuned.isEmpty() && replaced.isEmpty();
    }

    /** @return a one-line summary for the log, naming pools only */
    public String summary() {
        return "added " + names(added) + ", removed " + names(removed) + ", retuned "
                + retuned.stream().map(Retune::name).toList() + ", replaced " + names(replaced)
                + ", unchanged " + unchanged;
    }

    private static List<String> names(List<PoolDefinition> defs) {
        return defs.stream().map(PoolDefinition::name).toList();
    }
}
