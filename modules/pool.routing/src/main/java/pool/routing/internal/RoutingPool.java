package pool.routing.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import pool.api.BorrowRequest;
import pool.api.ConnectionPool;
import pool.api.Intent;
import pool.api.LeakSuspect;
import pool.api.LiveSettings;
import pool.api.PoolConfig;
import pool.api.PoolEvent;
import pool.api.PoolListener;
import pool.api.PoolStats;
import pool.api.ReplicaStats;
import pool.api.TenantStats;
import pool.api.Replicas;
import pool.engine.internal.sql.ReadClassifier;
import pool.engine.internal.sql.Route;
import pool.engine.internal.sql.TextCache;
import pool.routing.internal.replica.HealthMonitor;
import pool.routing.internal.replica.NoPositions;
import pool.routing.internal.replica.ReplicaChooser;
import pool.routing.internal.replica.ReplicaServer;
import pool.routing.internal.replica.ReplicationProbe;

/**
 * A pool over a primary and its replicas: one engine pool per server, and logical
 * connections ({@link LogicalConnection}) that route each statement. Management (sizes,
 * timeouts, leaks, eviction, suspend, drain) applies to every server's pool alike; statistics
 * are their sums, with each replica's state, lag and reads in {@link PoolStats#replicas()}.
 */
final class RoutingPool implements ConnectionPool, pool.api.spi.ReplicasInPlace {

    private static final System.Logger LOG = System.getLogger("poold.routing");

    /** The configuration, its replicas section as last changed ({@link #changeReplicas}). */
    private volatile PoolConfig config;
    private final ConnectionPool primary;
    /** The replicas, their chooser and their monitor: replaced together by {@link #changeReplicas}. */
    private volatile List<ReplicaServer> replicas;
    private volatile ReplicaChooser chooser;
    private volatile HealthMonitor monitor;
    /** Makes the pool of a replica a reload adds; null when replicas cannot change in place. */
    private final pool.api.spi.RoutingProvider.Servers servers;
    /** Replicas a reload removed whose pools still drain: a shutdown closes them too. */
    private final java.util.Set<ReplicaServer> leaving = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Serialises replica changes, and close against them. */
    private final Object changingReplicas = new Object();
    private boolean closed;
    /** Where each statement text, run in autocommit, may go. */
    private final TextCache<Route> routes;
    private final ReplicationProbe probe;
    private final List<PoolListener> listeners = new CopyOnWriteArrayList<>();
    /** Serialises changes of the live settings, which go to the primary's pool and every replica's. */
    private final pool.api.spi.SettingsChanges changes = new pool.api.spi.SettingsChanges(this::liveSettings,
            this::applyLocked);
    /** Whether suspend() was called last (not resume()): a replica a reload adds starts so; guarded by changes. */
    private boolean suspended;

    RoutingPool(PoolConfig config, ConnectionPool primary, List<ReplicaServer> replicas) {
        this(config, primary, replicas, null);
    }

    RoutingPool(PoolConfig config, ConnectionPool primary, List<ReplicaServer> replicas,
            pool.api.spi.RoutingProvider.Servers servers) {
        this.servers = servers;
        this.config = config;
        this.primary = primary;
        this.replicas = List.copyOf(replicas);
        this.chooser = new ReplicaChooser(this.replicas);
        this.routes = new TextCache<>(ReadClassifier.forUrl(config.jdbcUrl())::route);
        this.probe = ReplicationProbe.forUrl(config.jdbcUrl());
        this.monitor = new HealthMonitor(config, probe == null ? NoPositions.INSTANCE : probe, this.replicas, this::fire);
    }

    void start() {
        monitor.start();
        monitor.checkNow(); // the first reads find the replicas' states known
    }

    /**
     * Applies a changed replicas section in place (a reload): the primary's pool and the pools
     * of replicas that keep their name and URL keep every connection; a new replica's pool is
     * made first (so a failure changes nothing), then the replicas, their chooser and their
     * monitor are swapped at once. A replica that left takes no reads from then on: borrows that
     * hold one of its connections give it back at their next read or close, and its pool drains
     * for up to {@code drainTimeout} in the background. Borrows made from now on read with the
     * new settings (a borrow keeps the readAfterWrite mode it started with).
     */
    @Override
    public void changeReplicas(Replicas next, Duration drainTimeout) throws SQLException {
        java.util.Objects.requireNonNull(next, "next");
        if (servers == null) {
            throw new IllegalStateException("pool '" + name() + "' cannot change its replicas in place");
        }
        synchronized (changingReplicas) {
            if (closed) {
                throw new SQLException("pool '" + name() + "' is closed", "08003");
            }
            PoolConfig now = config;
            PoolConfig nextConfig = now.toBuilder().replicas(next).build();
            java.util.Map<String, String> urls = new java.util.HashMap<>();
            now.replicas().servers().forEach(r -> urls.put(r.name(), r.jdbcUrl()));
            List<ReplicaServer> kept = new ArrayList<>();
            List<ReplicaServer> made = new ArrayList<>();
            List<ReplicaServer> nextServers = new ArrayList<>();
            PoolConfig live = nextConfig.with(primary.liveSettings()); // a new replica's pool runs with today's sizes
            try {
                for (Replicas.Replica r : next.servers()) {
                    ReplicaServer same = byName(replicas, r.name());
                    if (same != null && r.jdbcUrl().equals(urls.get(r.name()))) {
                        kept.add(same);
                        nextServers.add(same);
                    } else {
                        ReplicaServer s = new ReplicaServer(r.name(),
                                servers.replica(ReplicaRoutingProvider.replicaConfig(live, r)));
                        made.add(s);
                        nextServers.add(s);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                made.forEach(r -> r.pool().close());
                throw e;
            }
            for (ReplicaServer s : made) {
                listeners.forEach(s.pool()::addListener);
            }
            List<ReplicaServer> left = replicas.stream().filter(r -> !kept.contains(r)).toList();
            HealthMonitor nextMonitor = monitor.successor(nextConfig, nextServers);
            // Under the settings lock: a live change landing while the new pools opened went to
            // the old list only, and one landing from now on must find the new list.
            changes.locked(() -> {
                LiveSettings inForce = primary.liveSettings();
                for (ReplicaServer s : made) {
                    s.pool().apply(inForce);
                    if (suspended) {
                        s.pool().suspend(); // its reads wait for the resume with everyone else's
                    }
                }
                this.replicas = List.copyOf(nextServers);
                this.chooser = new ReplicaChooser(this.replicas);
                this.monitor = nextMonitor;
                this.config = nextConfig;
            });
            for (ReplicaServer r : left) {
                r.removed();
                listeners.forEach(r.pool()::removeListener);
                LOG.log(System.Logger.Level.INFO, "pool ''{0}'': replica ''{1}'' left the configuration; its"
                        + " connections drain", name(), r.name());
                leaving.add(r);
                Thread.ofVirtual().name("poold-replica-drain-" + r.name()).start(() -> {
                    try {
                        r.pool().drainAndClose(drainTimeout);
                    } finally {
                        leaving.remove(r);
                    }
                });
            }
            nextMonitor.start();
            nextMonitor.checkNow(); // the first reads find the new replicas' states known
        }
    }

    private static ReplicaServer byName(List<ReplicaServer> in, String name) {
        for (ReplicaServer r : in) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }

    private void fire(PoolEvent event) {
        for (PoolListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                System.getLogger("poold.routing").log(System.Logger.Level.WARNING, "pool listener failed", e);
            }
        }
    }

    Replicas settings() {
        return config.replicas();
    }

    ConnectionPool primary() {
        return primary;
    }

    List<ReplicaServer> replicas() {
        return replicas;
    }

    ReplicaChooser chooser() {
        return chooser;
    }

    HealthMonitor monitor() {
        return monitor;
    }

    TextCache<Route> routes() {
        return routes;
    }

    /** @return the database's probe, or null when positions cannot be read (neither PostgreSQL nor MariaDB) */
    ReplicationProbe probe() {
        return probe;
    }

    /**
     * @param isolation the session's {@code Connection.TRANSACTION_*} level, or null when it
     *                  kept the pool's default
     * @return whether replicas can serve its reads
     */
    boolean replicasServe(Integer isolation) {
        Integer level = isolation != null ? isolation : config.defaultTransactionIsolation();
        return level == null || probe == null || probe.replicaServes(level);
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public PoolConfig config() {
        return config.with(primary.liveSettings());
    }

    @Override
    public Connection getConnection() throws SQLException {
        return borrow(config.defaultReadOnly() ? BorrowRequest.builder().readOnly().build() : BorrowRequest.DEFAULT);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return primary.getConnection(username, password); // the engine's answer for other credentials
    }

    /**
     * A read-write borrow holds a primary connection from the start (so borrow timeouts,
     * maxPending and fairness are the primary pool's, as without replicas) and takes a
     * replica connection at its first read; a read-only borrow takes a replica connection
     * (or the primary's when none is usable and whenNoReplica is primary) and the primary's
     * only if it comes to write.
     */
    @Override
    public Connection borrow(BorrowRequest request) throws SQLException {
        pool.api.spi.PoolContract.requireRequest(request);
        if (request.intent() == Intent.READ_ONLY) {
            return LogicalConnection.readOnly(this, request);
        }
        return LogicalConnection.over(this, request, primary.borrow(request));
    }

    /**
     * As {@link #getConnection()}: a pool read-only by default takes an idle connection of a
     * usable replica (not a primary one it may never use), and the primary's only when no
     * replica has one idle and whenNoReplica is primary.
     */
    @Override
    public Optional<Connection> tryBorrow() throws SQLException {
        if (config.defaultReadOnly() && replicasServe(null)) {
            ReplicaServer s = chooser.pick(null, List.of());
            Optional<Connection> r = s == null ? Optional.empty() : s.pool().tryBorrow();
            if (r.isPresent()) {
                return Optional.of(LogicalConnection.overReplica(this, s, r.get()));
            }
            if (settings().whenNoReplica() == Replicas.WhenNoReplica.FAIL) {
                return Optional.empty();
            }
        }
        Optional<Connection> c = primary.tryBorrow();
        return c.isPresent() ? Optional.of(LogicalConnection.over(this, BorrowRequest.DEFAULT, c.get())) : c;
    }

    @Override
    public CompletableFuture<Connection> getConnectionAsync() {
        // As getConnection(): a pool whose connections are read-only by default borrows with read
        // intent, taking a replica connection only (not a primary one it may never use).
        return borrowAsync(config.defaultReadOnly() ? BorrowRequest.builder().readOnly().build() : BorrowRequest.DEFAULT);
    }

    @Override
    public CompletableFuture<Connection> borrowAsync(BorrowRequest request) {
        pool.api.spi.PoolContract.requireRequest(request);
        if (request.intent() == Intent.READ_ONLY) {
            // The replica's pool is chosen and borrowed from on a virtual thread: choosing may
            // fall back from one replica to another, which a single future chain cannot express simply.
            BorrowLine line = new BorrowLine();
            return AsyncBorrows.onOwnThread("poold-routing-borrow", line,
                    () -> LogicalConnection.readOnly(this, request, line));
        }
        return AsyncBorrows.mapped(primary.borrowAsync(request), c -> LogicalConnection.over(this, request, c));
    }

    @Override
    public PoolStats stats() {
        PoolStats p = primary.stats();
        List<PoolStats> parts = new ArrayList<>(replicas.size() + 1);
        List<ReplicaStats> rs = new ArrayList<>(replicas.size());
        parts.add(p);
        for (ReplicaServer r : replicas) {
            parts.add(r.pool().stats());
            rs.add(r.stats());
        }
        return PoolStats.combine(name(), p.state(), p.takenAt(), p.minIdle(), p.maxSize(), p.reaperRuns(),
                p.reaperLastRunAt(), parts, rs, p.tenants());
    }

    @Override
    public Optional<TenantStats> tenantStats(String tenant) {
        return primary.tenantStats(tenant);
    }

    @Override
    public LiveSettings liveSettings() {
        return primary.liveSettings();
    }

    @Override
    public void apply(LiveSettings settings) {
        changes.apply(settings);
    }

    @Override
    public LiveSettings update(java.util.function.UnaryOperator<LiveSettings> change) {
        return changes.update(change);
    }

    private void applyLocked(LiveSettings settings) {
        primary.apply(settings); // validates first: an invalid setting changes nothing anywhere
        for (ReplicaServer r : replicas) {
            r.pool().apply(settings);
        }
    }

    /** @return the settings each replica's pool runs with, in the order of the configuration */
    List<LiveSettings> replicaSettings() {
        return replicas.stream().map(r -> r.pool().liveSettings()).toList();
    }

    @Override
    public List<LeakSuspect> leakSuspects() {
        List<LeakSuspect> all = new ArrayList<>(primary.leakSuspects());
        for (ReplicaServer r : replicas) {
            all.addAll(r.pool().leakSuspects());
        }
        all.sort((a, b) -> b.held().compareTo(a.held()));
        return all;
    }

    @Override
    public int reclaimLeaks() {
        int n = primary.reclaimLeaks();
        for (ReplicaServer r : replicas) {
            n += r.pool().reclaimLeaks();
        }
        return n;
    }

    @Override
    public void softEvict() {
        primary.softEvict();
        replicas.forEach(r -> r.pool().softEvict());
    }

    @Override
    public void suspend() {
        changes.locked(() -> {
            suspended = true;
            primary.suspend();
            replicas.forEach(r -> r.pool().suspend());
        });
    }

    @Override
    public void resume() {
        changes.locked(() -> {
            suspended = false;
            primary.resume();
            replicas.forEach(r -> r.pool().resume());
        });
    }

    @Override
    public void runReaperNow() {
        primary.runReaperNow();
        replicas.forEach(r -> r.pool().runReaperNow());
    }

    @Override
    public void addListener(PoolListener listener) {
        listeners.add(listener);
        primary.addListener(listener);
        replicas.forEach(r -> r.pool().addListener(listener));
        monitor.tellCurrent(event -> {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                System.getLogger("poold.routing").log(System.Logger.Level.WARNING, "pool listener failed", e);
            }
        });
    }

    @Override
    public void removeListener(PoolListener listener) {
        listeners.remove(listener);
        primary.removeListener(listener);
        replicas.forEach(r -> r.pool().removeListener(listener));
    }

    @Override
    public boolean drainAndClose(Duration drainTimeout) {
        synchronized (changingReplicas) {
            closed = true;
        }
        monitor.close();
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        boolean all = primary.drainAndClose(drainTimeout);
        for (ReplicaServer r : replicas) {
            all &= r.pool().drainAndClose(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        for (ReplicaServer r : List.copyOf(leaving)) { // within the same deadline, however long their own
            all &= r.pool().drainAndClose(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        return all;
    }

    @Override
    public void close() {
        synchronized (changingReplicas) {
            closed = true;
        }
        monitor.close();
        primary.close();
        replicas.forEach(r -> r.pool().close());
        List.copyOf(leaving).forEach(r -> r.pool().close());
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // every part's borrowTimeout, as apply changes it: reads on a replica wait as long as writes
        update(s -> s.withBorrowTimeout(pool.api.spi.PoolContract.borrowTimeoutForLogin(seconds, config.borrowTimeout())));
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return primary.getLoginTimeout();
    }

    @Override
    public String toString() {
        return "RoutingPool[" + name() + ", replicas=" + replicas.stream().map(ReplicaServer::name).toList() + "]";
    }
}
