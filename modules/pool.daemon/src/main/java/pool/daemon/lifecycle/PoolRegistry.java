package pool.daemon.lifecycle;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import pool.api.ConnectionPool;
import pool.api.Durations;
import pool.api.LiveSettings;
import pool.api.spi.Redaction;
import pool.daemon.config.PoolDefinition;

/**
 * The daemon's named pools. Lookups ({@link #pool(String)}) come from any thread and
 * always see the pool now serving a name, so swapping in a replacement routes every
 * later borrow to it. Changes ({@link #start}, {@link #apply}, {@link #shutdown}) come
 * from the daemon's single control thread, one at a time.
 *
 * <p>Pools start in parallel, each on its own virtual thread: a fail-fast pool waiting
 * out its connect timeout must not hold up the others.
 */
public final class PoolRegistry {

    private static final Logger LOG = System.getLogger("poold");
    /** Beyond the drain timeout, how long shutdown waits for a close that hangs in a driver. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final PoolFactory factory;
    private final Map<String, RunningPool> running = new ConcurrentHashMap<>();
    private final Set<CompletableFuture<Void>> draining = ConcurrentHashMap.newKeySet();

    public PoolRegistry(PoolFactory factory) {
        this.factory = factory;
    }

    /** @return the pool serving {@code name} now, if any */
    public Optional<ConnectionPool> pool(String name) {
        RunningPool r = running.get(name);
        return r == null ? Optional.empty() : Optional.of(r.pool());
    }

    /** @return the definition the pool serving {@code name} was started or last retuned from, if any */
    public Optional<PoolDefinition> definition(String name) {
        RunningPool r = running.get(name);
        return r == null ? Optional.empty() : Optional.of(r.definition());
    }

    /** @return the pools serving now */
    public java.util.List<ConnectionPool> all() {
        return running.values().stream().map(RunningPool::pool).toList();
    }

    /** @return the definitions the running pools were started or last retuned from, by name */
    public Map<String, PoolDefinition> definitions() {
        Map<String, PoolDefinition> defs = new LinkedHashMap<>();
        running.forEach((name, r) -> defs.put(name, r.definition()));
        return defs;
    }

    /**
     * Starts the pools, in parallel.
     *
     * @throws PoolStartException when any could not be created; those that were are closed again
     */
    public void start(Collection<PoolDefinition> definitions) throws PoolStartException {
        running.putAll(createAll(definitions));
    }

    /**
     * Applies a reload in two phases, so that a failure changes nothing: first every
     * new pool (added or replacement) is created and every retune applied; only when
     * all of that worked are the new pools swapped in, and the removed and replaced
     * ones drained in the background, each for at most {@code drainTimeout}.
     *
     * @throws PoolStartException when a new pool could not be created or a retune was
     *                            refused; the running pools are then as they were
     */
    public void apply(ReloadPlan plan, Duration drainTimeout) throws PoolStartException {
        List<PoolDefinition> toCreate = new ArrayList<>(plan.added());
        toCreate.addAll(plan.replaced());
        Map<String, RunningPool> created = createAll(toCreate);
        retuneAll(plan.retuned(), created, drainTimeout);
        for (PoolDefinition def : plan.added()) {
            running.put(def.name(), created.get(def.name()));
        }
        for (PoolDefinition def : plan.replaced()) {
            RunningPool old = running.put(def.name(), created.get(def.name()));
            drainInBackground(old, drainTimeout, "replaced");
        }
        for (PoolDefinition def : plan.removed()) {
            RunningPool old = running.remove(def.name());
            drainInBackground(old, drainTimeout, "removed");
        }
    }

    /**
     * Stops every pool: no new borrows, borrowed connections get up to
     * {@code drainTimeout} to come back, then everything is rolled back and closed.
     * Pools still draining from a reload are waited for too.
     */
    public void shutdown(Duration drainTimeout) {
        List<RunningPool> all = new ArrayList<>(running.values());
        running.clear();
        for (RunningPool r : all) {
            // drainAndClose stops new borrows first, so starting all at once stops
            // every pool's borrows at about the same moment.
            drainInBackground(r, drainTimeout, "shutdown");
        }
        CompletableFuture<Void> everyDrain = CompletableFuture.allOf(draining.toArray(CompletableFuture[]::new));
        try {
            everyDrain.get(drainTimeout.plus(CLOSE_GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.log(Level.WARNING, "some pools did not finish closing within {0}; exiting anyway",
                    Durations.format(drainTimeout.plus(CLOSE_GRACE)));
        } catch (ExecutionException e) {
            LOG.log(Level.ERROR, "closing pools failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void retuneAll(List<ReloadPlan.Retune> retunes, Map<String, RunningPool> created, Duration drainTimeout)
            throws PoolStartException {
        Map<String, LiveSettings> before = new LinkedHashMap<>();
        for (ReloadPlan.Retune r : retunes) {
            RunningPool current = running.get(r.name());
            try {
                // One step of the pool's, as JMX writes make theirs: a write racing the reload
                // would otherwise put back the settings it read before.
                LiveSettings[] old = new LiveSettings[1];
                current.pool().update(now -> {
                    old[0] = now;
                    return r.settings();
                });
                before.put(r.name(), old[0]);
            } catch (IllegalArgumentException e) {
                // Put back what was already retuned and drop the new pools: all or nothing.
                before.forEach((name, old) -> running.get(name).pool().apply(old));
                created.values().forEach(p -> p.pool().close());
                throw new PoolStartException(List.of(r.definition().location() + ": pool '" + r.name()
                        + "': new settings refused: " + e.getMessage()));
            }
        }
        changeReplicas(retunes, before, created, drainTimeout);
        for (ReloadPlan.Retune r : retunes) {
            running.computeIfPresent(r.name(), (name, cur) -> new RunningPool(r.definition(), cur.pool()));
        }
    }

    /**
     * The replica changes of the retunes, in place: the last step of a reload that may fail
     * (a new replica's pool could not be made), so it puts back the live settings and the
     * replica changes already made, and drops the new pools.
     */
    private void changeReplicas(List<ReloadPlan.Retune> retunes, Map<String, LiveSettings> before,
            Map<String, RunningPool> created, Duration drainTimeout) throws PoolStartException {
        List<ReloadPlan.Retune> done = new ArrayList<>();
        for (ReloadPlan.Retune r : retunes) {
            if (r.replicas() == null) {
                continue;
            }
            RunningPool current = running.get(r.name());
            try {
                if (!(current.pool() instanceof pool.api.spi.ReplicasInPlace inPlace)) {
                    throw new SQLException("the running pool cannot change its replicas in place");
                }
                inPlace.changeReplicas(r.replicas(), drainTimeout);
                done.add(r);
            } catch (SQLException | RuntimeException e) {
                for (ReloadPlan.Retune d : done) {
                    try {
                        ((pool.api.spi.ReplicasInPlace) running.get(d.name()).pool())
                                .changeReplicas(running.get(d.name()).definition().config().replicas(), drainTimeout);
                    } catch (SQLException | RuntimeException again) {
                        LOG.log(Level.WARNING, "pool ''{0}'': could not put its replicas back: {1}", d.name(),
                                Redaction.mask(String.valueOf(again.getMessage())));
                    }
                }
                before.forEach((name, old) -> running.get(name).pool().apply(old));
                created.values().forEach(p -> p.pool().close());
                throw new PoolStartException(List.of(r.definition().location() + ": pool '" + r.name()
                        + "': new replicas refused: " + Redaction.mask(String.valueOf(e.getMessage()))));
            }
        }
    }

    private Map<String, RunningPool> createAll(Collection<PoolDefinition> definitions) throws PoolStartException {
        Map<PoolDefinition, Future<ConnectionPool>> futures = new LinkedHashMap<>();
        try (ExecutorService starter = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("poold-start-", 0).factory())) {
            for (PoolDefinition def : definitions) {
                futures.put(def, starter.submit(() -> create(def)));
            }
        } // close() waits for every start to finish
        Map<String, RunningPool> created = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        futures.forEach((def, f) -> {
            try {
                created.put(def.name(), new RunningPool(def, f.get()));
            } catch (ExecutionException e) {
                problems.add(def.location() + ": pool '" + def.name() + "': " + startFailure(def, e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problems.add(def.location() + ": pool '" + def.name() + "': start interrupted");
            }
        });
        if (!problems.isEmpty()) {
            created.values().forEach(r -> r.pool().close());
            throw new PoolStartException(problems);
        }
        return created;
    }

    private static String startFailure(PoolDefinition def, Throwable cause) {
        // Thrown by the H2 set-up itself, or by a fail-fast pool's first connection, which made the database.
        EmbeddedH2.SetupException setup = EmbeddedH2.setupFailure(cause);
        if (setup != null) {
            return Redaction.mask(setup.getMessage());
        }
        if (cause instanceof SQLException) {
            // The engine's message may name the pool itself; the location prefix already does.
            String reason = Redaction.mask(String.valueOf(cause.getMessage()))
                    .replaceFirst("^pool '" + Pattern.quote(def.name()) + "': ", "");
            return switch (def.config().initialization()) {
                case FAIL_FAST -> "cannot connect and initialization=\"fail-fast\": " + reason
                        + " (start the database, fix the settings, or use initialization=\"background\")";
                case BACKGROUND -> "cannot be created: " + reason;
            };
        }
        if (cause instanceof IllegalArgumentException) {
            // The engine refusing a setting (such as its per-pool connection cap): the message says which.
            return "cannot be created: " + Redaction.mask(String.valueOf(cause.getMessage()));
        }
        return "cannot be created: " + Redaction.mask(cause.toString());
    }

    private ConnectionPool create(PoolDefinition def) throws SQLException, EmbeddedH2.SetupException {
        ConnectionPool pool;
        if (def.h2User() == null) {
            pool = factory.create(ResultBufferLimit.apply(def, Runtime.getRuntime().maxMemory()));
        } else {
            pool = factory.create(EmbeddedH2.poolConfig(def), EmbeddedH2.connections(def));
        }
        pool.addListener(new PoolEventLogger(def.name()));
        var c = def.config();
        LOG.log(Level.INFO, "pool ''{0}'' started: {1} {2}, minIdle {3}, maxSize {4}, state {5}", def.name(),
                def.driver().xmlName(), Redaction.mask(c.jdbcUrl()), c.minIdle(), c.maxSize(), pool.stats().state());
        return pool;
    }

    private void drainInBackground(RunningPool old, Duration timeout, String why) {
        CompletableFuture<Void> f = CompletableFuture.runAsync(() -> drain(old, timeout, why),
                r -> Thread.ofVirtual().name("poold-drain-" + old.name()).start(r));
        draining.add(f);
        f.whenComplete((v, e) -> draining.remove(f));
    }

    private static void drain(RunningPool old, Duration timeout, String why) {
        try {
            int inUse = old.pool().stats().active();
            LOG.log(Level.INFO, "pool ''{0}'' ({1}): draining {2} borrowed connection(s), at most {3}",
                    old.name(), why, inUse, Durations.format(timeout));
            if (old.pool().drainAndClose(timeout)) {
                LOG.log(Level.INFO, "pool ''{0}'' ({1}): closed; every connection was returned", old.name(), why);
            } else {
                LOG.log(Level.WARNING, "pool ''{0}'' ({1}): closed after the drain timeout of {2};"
                        + " connections still borrowed were rolled back and closed", old.name(), why,
                        Durations.format(timeout));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "pool '" + old.name() + "' (" + why + "): closing failed", e);
        }
    }
}
