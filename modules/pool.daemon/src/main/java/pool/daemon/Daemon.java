package pool.daemon;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import pool.api.Durations;
import pool.daemon.config.ClientUser;
import pool.daemon.config.ConfigLoader;
import pool.daemon.config.DaemonConfig;
import pool.daemon.config.DaemonSettings;
import pool.daemon.config.Loopback;
import pool.daemon.config.PoolDefinition;
import pool.daemon.config.SecretExposure;
import pool.daemon.config.TlsConfig;
import pool.daemon.lifecycle.PoolFactory;
import pool.daemon.lifecycle.PoolRegistry;
import pool.daemon.lifecycle.PoolStartException;
import pool.daemon.lifecycle.ReloadPlan;
import pool.daemon.systemd.SystemdNotifier;
import pool.jmx.DaemonBean;
import pool.jmx.PoolBeans;
import pool.remote.LoginGuard;
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
    /** How long the start's garbage waits for the pools' first connections (see StartGarbage). */
    private static final Duration FIRST_FILL_WAIT = Duration.ofSeconds(5);

    private final Path configFile;
    private final ConfigLoader loader;
    private final PoolRegistry pools;
    private final Publisher.Factory publisherFactory;
    /** Set once started; used on the control thread only. */
    private Publisher publisher;
    /**
     * The pools' MXBeans in the platform MBean server; used on the control thread only. They
     * compare each pool's live settings with its definition's, to show what was changed live.
     */
    private final PoolBeans beans = new PoolBeans(ManagementFactory.getPlatformMBeanServer(),
            this::fileSettings);
    /** {@code poold:type=Daemon}: the pools, the file and the reload operation. */
    private final DaemonBean daemonBean;
    private final JmxStarter jmxStarter;
    /** The JMX connector, once started; closed last on stop. */
    private JmxStarter.Started jmx;
    /** Every password check, remote pools' and JMX's, goes through it; set by start(), closed after jmx. */
    private volatile LoginGuard logins;
    private final ExecutorService control = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("poold-control").daemon(true).unstarted(r));
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** READY=1, RELOADING=1 and STOPPING=1 for systemd; sent on the control thread only, so in order. */
    private final SystemdNotifier systemd = SystemdNotifier.fromEnvironment();
    /** Read by any thread, written only on the control thread. */
    private volatile DaemonConfig config;
    private boolean stopping;
    /** Set by {@link #run()}: the daemon is the process, and its stop ends it within {@link StopBound}. */
    private volatile boolean ownsProcess;

    /** @return pool {@code name}'s live settings as the file gives them (the last read that applied), or null */
    private pool.api.LiveSettings fileSettings(String name) {
        return pools.definition(name).map(d -> d.config().liveSettings()).orElse(null);
    }

    /** A daemon without a JMX connector (in-process tests); its MBeans are still registered. */
    Daemon(Path configFile, ConfigLoader loader, PoolFactory factory, Publisher.Factory publisherFactory) {
        this(configFile, loader, factory, publisherFactory, JmxStarter.NONE);
    }

    Daemon(Path configFile, ConfigLoader loader, PoolFactory factory, Publisher.Factory publisherFactory,
           JmxStarter jmxStarter) {
        this.jmxStarter = jmxStarter;
        this.configFile = configFile;
        this.loader = loader;
        this.pools = new PoolRegistry(factory);
        this.publisherFactory = publisherFactory;
        this.daemonBean = new DaemonBean(() -> List.copyOf(pools.definitions().keySet()), configFile.toString(),
                this::reloadInWords, this::passwordChecks);
    }

    /**
     * Starts the pools and serves until SIGTERM/SIGINT, then drains and closes them.
     *
     * @return the exit code: 0 after a clean stop
     * @throws ConfigException when the file is invalid or a fail-fast pool cannot start (exit 78)
     */
    int run() throws ConfigException, InterruptedException {
        ownsProcess = true;
        // Handlers first, and the start on the control thread: a SIGTERM that arrives
        // while pools are still starting then queues behind the start and drains what
        // it started, instead of killing the JVM with exit 143 half-way.
        Signal.handle(new Signal("TERM"), s -> requestStop("SIGTERM"));
        Signal.handle(new Signal("INT"), s -> requestStop("SIGINT"));
        Signal.handle(new Signal("HUP"), s -> control.execute(this::reloadTellingSystemd));
        if (IgnoredSignals.hangupIgnored()) {
            LOG.log(Level.WARNING, "SIGHUP is ignored in this process (started under nohup?): a reload by signal"
                    + " does nothing; reload with poolctl reload or the Daemon MBean, or start poold without nohup");
        }
        try {
            control.submit(() -> {
                start();
                systemd.ready(config.pools().size() + " pool(s) from " + configFile);
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
        StartGarbage.releaseAfterFirstFill(pools::all, FIRST_FILL_WAIT, stopped);
        stopped.await();
        return Main.EXIT_OK;
    }

    /**
     * Loads the configuration, starts the RMI registry and the pools, and publishes the
     * pools; signal handling is {@link #run()}'s.
     *
     * @throws ConfigException when the file is invalid, the registry cannot listen or a
     *                         fail-fast pool cannot start
     */
    void start() throws ConfigException {
        DaemonConfig loaded = loader.load(configFile);
        SecretExposure.warnings(loaded).forEach(w -> LOG.log(Level.WARNING, w));
        warnIfNotLoopback(loaded.daemon());
        if (loaded.jmxUsers().isEmpty()) {
            LOG.log(Level.INFO, "no <jmx> users: nobody can log in to the JMX connector; add <jmx><user name= hash="
                    + " role=/></jmx> with role monitor or operate (poold --hash-password makes the hash)");
        }
        logins = LoginGuard.start();
        // The listeners first: when a port is taken, no pool has opened a connection yet.
        Publisher started;
        try {
            started = publisherFactory.start(loaded.daemon(), logins);
        } catch (ConfigException e) {
            logins.close();
            throw inFile(e);
        }
        JmxStarter.Started connector;
        try {
            connector = jmxStarter.start(loaded.daemon(), new ConfiguredJmxUsers(this::config, logins));
        } catch (ConfigException e) {
            started.close();
            logins.close();
            throw inFile(e);
        }
        try {
            pools.start(loaded.pools().values());
        } catch (PoolStartException e) {
            started.close();
            closeQuietly(connector);
            logins.close();
            throw new ConfigException(e.problems());
        }
        jmx = connector;
        publisher = started;
        config = loaded;
        publish(loaded);
        daemonBean.register();
    }

    /** A taken port is a problem of the file's settings: say which file, as every other problem does. */
    private ConfigException inFile(ConfigException e) {
        String file = configFile.toString();
        return new ConfigException(e.problems().stream().map(p -> p.startsWith(file) ? p : file + ": " + p).toList());
    }

    /**
     * Makes the published pools those now running, each for the users its definition
     * admits: new pools appear, removed ones disappear, a replaced pool's name now leads
     * to the new pool, and a pool whose users changed keeps its remote connections. The
     * remote connections open on a removed or replaced pool keep working until they are
     * returned or the drain timeout ends them, as the pool's own drain
     * ({@link PoolRegistry#apply}) waits for them.
     */
    private void publish(DaemonConfig cfg) {
        beans.sync(pools.all());
        for (String name : publisher.published()) {
            if (pools.pool(name).isEmpty()) {
                publisher.unpublish(name, cfg.daemon().drainTimeout());
            }
        }
        Map<String, String> clients = new LinkedHashMap<>();
        Map<String, java.util.Set<String>> bound = new LinkedHashMap<>();
        for (ClientUser u : cfg.clients()) {
            clients.put(u.name(), u.hash());
            if (u.tenants() != null) {
                bound.put(u.name(), u.tenants());
            }
        }
        publisher.retainClients(clients, bound);
        for (PoolDefinition def : cfg.pools().values()) {
            pools.pool(def.name()).ifPresent(pool -> {
                Map<String, String> users = new LinkedHashMap<>();
                Map<String, java.util.Set<String>> tenants = new LinkedHashMap<>();
                for (ClientUser u : cfg.clients()) {
                    if (def.admits(u.name())) {
                        users.put(u.name(), u.hash());
                        if (u.tenants() != null) {
                            tenants.put(u.name(), u.tenants());
                        }
                    }
                }
                if (users.isEmpty()) {
                    LOG.log(Level.WARNING, "{0}: pool ''{1}'' is published, but no client user may use it: add users"
                            + " to <clients> (poold --hash-password makes their hashes){2}", def.location(), def.name(),
                            def.clientUsers() == null ? "" : " and name them in its <clientUsers>");
                }
                publisher.publish(pool, users, tenants, cfg.daemon().drainTimeout());
            });
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
            return control.submit(this::reloadTellingSystemd).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("reload failed unexpectedly", e.getCause());
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "closing " + c + ": " + e);
        }
    }

    /** The JMX reload operation: {@link #reload()}, told in words, the problems of a rejected file included. */
    private String reloadInWords() {
        try {
            ReloadResult r = reload();
            return r.problems().isEmpty() ? r.summary() : r.summary() + ":\n" + String.join("\n", r.problems());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "not reloaded: interrupted";
        }
    }

    /** The JMX attribute PasswordChecks: 0 until the guard exists. */
    private long passwordChecks() {
        LoginGuard guard = logins;
        return guard == null ? 0 : guard.checks();
    }

    /** A reload as systemd sees it: RELOADING=1, then READY=1 with the outcome (a rejected file keeps poold running). */
    private ReloadResult reloadTellingSystemd() {
        boolean running = !stopping && config != null;
        if (running) {
            systemd.reloading("reloading " + configFile);
        }
        ReloadResult result = reloadOnControlThread();
        if (running) {
            systemd.ready(result.summary());
        }
        return result;
    }

    private ReloadResult reloadOnControlThread() {
        if (stopping || config == null) {
            return new ReloadResult(false, "not reloaded: poold is stopping", List.of());
        }
        LOG.log(Level.INFO, "reloading {0}", configFile);
        DaemonConfig next;
        try {
            next = loader.load(configFile, config.daemon().listenAddress());
            // <tls> and listenAddress wait for the next start, which must not fail on them.
            ConfigCheck.whatTheStartOpens(configFile, next, config.daemon());
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
        config = next.withDaemon(old.withDrainTimeout(next.daemon().drainTimeout()));
        jmx.afterReload().run();
        publish(config);
        String summary = plan.isEmpty() ? "reloaded: no pool changed" : "reloaded: " + plan.summary();
        LOG.log(Level.INFO, summary);
        daemonBean.reloaded(summary, plan.added().stream().map(PoolDefinition::name).toList(),
                plan.removed().stream().map(PoolDefinition::name).toList(),
                plan.retuned().stream().map(ReloadPlan.Retune::name).toList(),
                plan.replaced().stream().map(PoolDefinition::name).toList(), plan.unchanged());
        return new ReloadResult(true, summary, List.of());
    }

    private ReloadResult rejected(List<String> problems) {
        problems.forEach(p -> LOG.log(Level.ERROR, p));
        String summary = "reload rejected (" + problems.size() + " problem(s)); the running configuration is unchanged";
        LOG.log(Level.ERROR, summary);
        daemonBean.rejected(summary, problems);
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
            systemd.stopping("stopping on " + why + ": draining for at most " + Durations.format(drain));
            if (ownsProcess) {
                StopBound.watch(drain);
            }
            long deadline = System.nanoTime() + drain.toNanos();
            java.util.concurrent.CompletableFuture<Void> unpublished = java.util.concurrent.CompletableFuture
                    .completedFuture(null);
            if (publisher != null) {
                // Remote clients are the daemon's borrowers: no new lookups, logins or
                // borrows, then their in-flight work gets the drain timeout to finish; what
                // is still held then is rolled back and returned by close().
                boolean all = publisher.drain(drain);
                LOG.log(Level.INFO, all ? "remote pools unpublished, every remote connection returned"
                        : "remote pools unpublished; remote connections still held at the drain timeout are rolled back");
                // Beside the pools' shutdown, not before it: a remote session whose statement
                // never returns holds its end until the pool aborts that statement's connection.
                Publisher closing = publisher;
                unpublished = java.util.concurrent.CompletableFuture.runAsync(closing::close,
                        r -> Thread.ofPlatform().name("poold-unpublish").daemon(true).start(r));
                // Normally the listeners close within milliseconds, while the pools still run, so
                // no client finds a pool gone from a registry still open; a hung session gets 1 s.
                try {
                    unpublished.get(1, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException | ExecutionException stillClosing) {
                    // waited for below, after the pools have aborted what holds it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            // What the remote drain left of the timeout, in whole milliseconds (as logged).
            pools.shutdown(java.time.Duration.ofMillis(Math.max(0, (deadline - System.nanoTime()) / 1_000_000)));
            try {
                unpublished.get(StopBound.ABORT_GRACE.toMillis() / 3, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                LOG.log(Level.WARNING, "remote sessions still wait for statements on aborted connections;"
                        + " closing the rest");
            } catch (ExecutionException e) {
                LOG.log(Level.ERROR, "closing the remote listeners failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            beans.close(); // after the drain: an operator watches the pools empty
            daemonBean.close();
            if (jmx != null) {
                closeQuietly(jmx);
            }
            if (logins != null) {
                logins.close(); // its last failure summaries
            }
            LOG.log(Level.INFO, "poold stopped");
            stopped.countDown();
        });
    }

    private static void warnIfNotLoopback(DaemonSettings d) {
        if (!Loopback.is(d.listenAddress())) {
            LOG.log(Level.WARNING, "listenAddress is {0}: services are reachable beyond this host;"
                    + " make sure clients authenticate and TLS is on", d.listenAddress());
        }
    }

    /**
     * Listening sockets and their limits are set up once; changing them needs a restart, and
     * saying which changed beats silence (every {@code <daemon>} setting but drainTimeout).
     */
    private static void warnAboutRestartOnlySettings(DaemonSettings old, DaemonSettings next) {
        List<String> changed = new java.util.ArrayList<>();
        Map<String, java.util.function.Function<DaemonSettings, Object>> settings = new LinkedHashMap<>();
        settings.put("listenAddress", DaemonSettings::listenAddress);
        settings.put("rmiRegistryPort", DaemonSettings::rmiRegistryPort);
        settings.put("jmxPort", DaemonSettings::jmxPort);
        settings.put("remoteLease", DaemonSettings::remoteLease);
        settings.put("maxUnauthenticatedConnections", DaemonSettings::maxUnauthenticatedConnections);
        settings.put("maxUnauthenticatedConnectionsPerAddress", DaemonSettings::maxUnauthenticatedConnectionsPerAddress);
        settings.put("requestTimeout", DaemonSettings::requestTimeout);
        settings.put("ticketIdleTimeout", DaemonSettings::ticketIdleTimeout);
        settings.put("ticketLifetime", DaemonSettings::ticketLifetime);
        settings.put("maxChannelsPerTicket", DaemonSettings::maxChannelsPerTicket);
        settings.put("maxCallBytesPerTicket", DaemonSettings::maxCallBytesPerTicket);
        settings.forEach((name, value) -> {
            if (!value.apply(old).equals(value.apply(next))) {
                changed.add(name);
            }
        });
        if (!TlsConfig.same(old.tls(), next.tls())) {
            changed.add("tls");
        }
        if (!changed.isEmpty()) {
            LOG.log(Level.WARNING, "<daemon> settings changed in the file take effect only after a restart: "
                    + String.join(", ", changed) + "; drainTimeout, client and JMX users and pool changes are applied now");
        }
    }
}
