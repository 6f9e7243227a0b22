package pool.daemon;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import pool.daemon.config.ConfigLoader;
import pool.daemon.config.DaemonConfig;
import pool.daemon.config.DaemonSettings;
import pool.daemon.config.Durations;
import pool.daemon.config.SecretExposure;
import pool.daemon.lifecycle.PoolFactory;
import pool.daemon.lifecycle.PoolRegistry;
import pool.daemon.lifecycle.PoolStartException;
import pool.daemon.lifecycle.ReloadPlan;
import sun.misc.Signal;

/**
 * The running daemon: starts the configured pools, reloads on SIGHUP (and through
 * {@link #reload()} for JMX), and on SIGTERM or SIGINT drains and closes everything and
 * ends with exit code 0 (the JVM's own handler would exit 143, which systemd reports
 * as a failure).
 *
 * <p>Reload and stop run one at a time on a single control thread, so a SIGTERM during
 * a reload waits for the reload to finish rather than racing it.
 */
public final class Daemon {

    private static final Logger LOG = System.getLogger("poold");

    private final Path configFile;
    private final ConfigLoader loader;
    private final PoolRegistry pools;
    private final ExecutorService control = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("poold-control").daemon(true).unstarted(r));
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Read by any thread, written only on the control thread. */
    private volatile DaemonConfig config;
    private boolean stopping;

    Daemon(Path configFile, ConfigLoader loader, PoolFactory factory) {
        this.configFile = configFile;
        this.loader = loader;
        this.pools = new PoolRegistry(factory);
    }

    /**
     * Starts the pools and serves until SIGTERM/SIGINT, then drains and closes them.
     *
     * @return the exit code: 0 after a clean stop
     * @throws ConfigException when the file is invalid or a fail-fast pool cannot start (exit 78)
     */
    int run() throws ConfigException, InterruptedException {
        // Handlers first, and the start on the control thread: a SIGTERM that arrives
        // while pools are still starting then queues behind the start and drains what
        // it started, instead of killing the JVM with exit 143 half-way.
        Signal.handle(new Signal("TERM"), s -> requestStop("SIGTERM"));
        Signal.handle(new Signal("INT"), s -> requestStop("SIGINT"));
        Signal.handle(new Signal("HUP"), s -> control.execute(this::reloadOnControlThread));
        try {
            control.submit(() -> {
                start();
                return null;
            }).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ConfigException c) {
                throw c;
            }
            throw new IllegalStateException("start failed unexpectedly", e.getCause());
        }
        LOG.log(Level.INFO, "poold ready: {0} pool(s) from {1} (pid {2})", config.pools().size(), configFile,
                ProcessHandle.current().pid());
        stopped.await();
        return Main.EXIT_OK;
    }

    /**
     * Loads the configuration and starts its pools; signal handling is {@link #run()}'s.
     *
     * @throws ConfigException when the file is invalid or a fail-fast pool cannot start
     */
    void start() throws ConfigException {
        config = loader.load(configFile);
        SecretExposure.warnings(config).forEach(w -> LOG.log(Level.WARNING, w));
        warnIfNotLoopback(config.daemon());
        try {
            pools.start(config.pools().values());
        } catch (PoolStartException e) {
            throw new ConfigException(e.problems());
        }
    }

    /** Stops as SIGTERM does and waits until every pool is closed. */
    void stop(String why) throws InterruptedException {
        requestStop(why);
        stopped.await();
    }

    /** @return the registry of running pools, for the services that publish them (RMI, JMX) */
    public PoolRegistry pools() {
        return pools;
    }

    /** @return the configuration now in force */
    public DaemonConfig config() {
        return config;
    }

    /**
     * Re-reads the configuration file and applies it: new pools start, removed pools
     * drain and close, live-tunable changes apply in place, connection changes replace
     * the pool gracefully. An invalid file, or a new pool that cannot start, changes
     * nothing. Safe to call from any thread; reloads run one at a time.
     */
    public ReloadResult reload() throws InterruptedException {
        try {
            return control.submit(this::reloadOnControlThread).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("reload failed unexpectedly", e.getCause());
        }
    }

    private ReloadResult reloadOnControlThread() {
        if (stopping || config == null) {
            return new ReloadResult(false, "not reloaded: poold is stopping", List.of());
        }
        LOG.log(Level.INFO, "reloading {0}", configFile);
        DaemonConfig next;
        try {
            next = loader.load(configFile);
        } catch (ConfigException e) {
            return rejected(e.problems());
        }
        SecretExposure.warnings(next).forEach(w -> LOG.log(Level.WARNING, w));
        ReloadPlan plan = ReloadPlan.between(pools.definitions(), next.pools());
        try {
            pools.apply(plan, next.daemon().drainTimeout());
        } catch (PoolStartException e) {
            return rejected(e.problems());
        }
        DaemonSettings old = config.daemon();
        warnAboutRestartOnlySettings(old, next.daemon());
        // Sockets keep their old address and ports until a restart, so config() says so too.
        config = next.withDaemon(new DaemonSettings(old.listenAddress(), old.rmiRegistryPort(), old.jmxPort(),
                next.daemon().drainTimeout()));
        String summary = plan.isEmpty() ? "reloaded: no pool changed" : "reloaded: " + plan.summary();
        LOG.log(Level.INFO, summary);
        return new ReloadResult(true, summary, List.of());
    }

    private static ReloadResult rejected(List<String> problems) {
        problems.forEach(p -> LOG.log(Level.ERROR, p));
        String summary = "reload rejected (" + problems.size() + " problem(s)); the running configuration is unchanged";
        LOG.log(Level.ERROR, summary);
        return new ReloadResult(false, summary, problems);
    }

    private void requestStop(String why) {
        control.execute(() -> {
            if (stopping) {
                return;
            }
            stopping = true;
            var drain = config != null ? config.daemon().drainTimeout() : DaemonSettings.DEFAULT_DRAIN_TIMEOUT;
            LOG.log(Level.INFO, "poold stopping on {0}: no new borrows, draining for at most {1}", why,
                    Durations.format(drain));
            pools.shutdown(drain);
            LOG.log(Level.INFO, "poold stopped");
            stopped.countDown();
        });
    }

    private static void warnIfNotLoopback(DaemonSettings d) {
        if (!d.listenAddress().equals("127.0.0.1") && !d.listenAddress().equals("::1")
                && !d.listenAddress().equals("localhost")) {
            LOG.log(Level.WARNING, "listenAddress is {0}: services are reachable beyond this host;"
                    + " make sure clients authenticate and TLS is on", d.listenAddress());
        }
    }

    /** Listening sockets are bound once; changing them needs a restart, and saying so beats silence. */
    private static void warnAboutRestartOnlySettings(DaemonSettings old, DaemonSettings next) {
        if (!old.listenAddress().equals(next.listenAddress()) || old.rmiRegistryPort() != next.rmiRegistryPort()
                || old.jmxPort() != next.jmxPort()) {
            LOG.log(Level.WARNING, "listenAddress, rmiRegistryPort and jmxPort changes take effect only after a"
                    + " restart; drainTimeout and pool changes are applied now");
        }
    }
}
