package pool.routing.internal.replica;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import pool.api.BorrowRequest;
import pool.api.PoolConfig;
import pool.api.PoolEvent;
import pool.api.ReplicaStats;
import pool.api.Replicas;
import pool.api.TenantRejectedException;
import pool.api.spi.FatalErrors;
import pool.api.spi.Redaction;

/**
 * Measures, every {@code checkInterval} on one background thread per pool, the primary's
 * position and each replica's state and lag, and moves replicas between UP, LAGGING and DOWN.
 * Each server is checked over a connection of its own (not one of the pool's, so a full pool
 * neither delays a check nor is taken from), opened again after any failure; connect and
 * reads are bounded by twice the interval, at least 1 s and at most 5 s.
 *
 * <p>Every transition is logged (logger {@code poold.routing}) and sent to the pool's
 * listeners as {@link PoolEvent.ReplicaDown} / {@link PoolEvent.ReplicaUp}, which the JMX
 * module turns into the notifications {@code poold.replica.down} and {@code poold.replica.up}.
 * Events are delivered on this thread, off every borrow path, also for a replica a reader found
 * gone ({@link #readerFound}).
 */
public final class HealthMonitor implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("poold.routing");

    private final PoolConfig config;
    private final Replicas settings;
    private final ReplicationProbe probe;
    private final List<ReplicaServer> replicas;
    private final Consumer<PoolEvent> events;
    private final ScheduledExecutorService thread;
    /** The primary's positions over time; handed on to a {@link #successor}. */
    private final LagHistory history;
    private final Duration timeout;
    private Connection primaryCheck;
    private final Connection[] replicaChecks;
    private final ReplicaStats.State[] reported;
    /** Why replica i takes no reads, as its last ReplicaDown said; written and read on {@link #thread}. */
    private final String[] downReasons;
    /** A check asked for by {@link #readerLost} is queued and has not started yet: one is enough for all who asked. */
    private final java.util.concurrent.atomic.AtomicBoolean checkQueued = new java.util.concurrent.atomic.AtomicBoolean();

    public HealthMonitor(PoolConfig config, ReplicationProbe probe, List<ReplicaServer> replicas,
            Consumer<PoolEvent> events) {
        this(config, probe, replicas, events, new LagHistory());
    }

    private HealthMonitor(PoolConfig config, ReplicationProbe probe, List<ReplicaServer> replicas,
            Consumer<PoolEvent> events, LagHistory history) {
        this.history = history;
        this.config = config;
        this.settings = config.replicas();
        this.probe = probe;
        this.replicas = List.copyOf(replicas);
        this.events = events;
        this.replicaChecks = new Connection[replicas.size()];
        this.reported = new ReplicaStats.State[replicas.size()];
        this.downReasons = new String[replicas.size()];
        long bound = Math.min(5000, Math.max(1000, settings.checkInterval().toMillis() * 2));
        this.timeout = Duration.ofMillis(bound);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "poold-replicas-" + config.name());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Stops this monitor's checks and hands what it knows to a monitor of the pool's changed
     * replicas (a reload): the primary's positions, and for each replica that stays (the same
     * server object, at the same URL) its check connection and its last reported state, so that
     * it is not announced again as taking reads. Replicas that left have their check connections
     * closed. The successor is not started.
     */
    public HealthMonitor successor(PoolConfig nextConfig, List<ReplicaServer> next) {
        stopChecks();
        HealthMonitor m = new HealthMonitor(nextConfig, probe, next, events, history);
        m.primaryCheck = primaryCheck;
        primaryCheck = null;
        for (int j = 0; j < next.size(); j++) {
            int i = replicas.indexOf(next.get(j));
            if (i >= 0 && settings.servers().get(i).jdbcUrl().equals(m.settings.servers().get(j).jdbcUrl())) {
                m.replicaChecks[j] = replicaChecks[i];
                replicaChecks[i] = null;
                m.reported[j] = reported[i];
                m.downReasons[j] = downReasons[i];
            }
        }
        close();
        return m;
    }

    private void stopChecks() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(timeout.toMillis() * (replicas.size() + 2), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the checks; the first runs at once. */
    public void start() {
        thread.scheduleWithFixedDelay(this::checkQuietly, 0, settings.checkInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs one round of checks now and waits for it (tests, and a pool's first routing). */
    public void checkNow() {
        try {
            thread.submit(this::checkQuietly).get(timeout.toMillis() * (replicas.size() + 2) + 1000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // a check that does not finish in time reports itself on its own thread
        }
    }

    /**
     * A reader could not connect to {@code replica}: it takes no reads from now on, until a
     * check finds it back.
     */
    public void readerFound(ReplicaServer replica, String why) {
        int i = indexOf(replica);
        if (i < 0) {
            return; // a replica a reload removed: it takes no reads already
        }
        if (replica.markDown(why)) {
            try {
                thread.execute(() -> report(i, ReplicaStats.State.DOWN, why, -1));
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // the pool is closing, or a reload handed the replica to a new monitor: it checks it
            }
        }
    }

    /**
     * One connection of {@code replica} that a reader held failed (killed by an operator, cut
     * by a firewall's idle timeout, or the server went away). One lost connection says nothing
     * of the server, so it keeps its state; a check runs at once (not after the interval) and
     * takes it out only if the server itself cannot be reached. The reader goes elsewhere
     * until that check has run ({@link ReplicaServer#checks()}).
     */
    public void readerLost(ReplicaServer replica) {
        if (checkQueued.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    checkQueued.set(false);
                    checkQuietly();
                });
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // the pool is closing: no check is needed any more
            }
        }
    }

    /**
     * Tells a listener that joins now of every replica that takes no reads, as a
     * {@link PoolEvent.ReplicaDown}: transitions are sent once, and the first check runs as the
     * pool starts, before anyone listens, so a replica down from the start (or in a pool a
     * reload put in place under an existing JMX subscription) would otherwise never be told.
     * Runs on the check thread, after any transition already under way.
     */
    public void tellCurrent(Consumer<PoolEvent> listener) {
        try {
            thread.execute(() -> {
                for (int i = 0; i < replicas.size(); i++) {
                    if (reported[i] != null && reported[i] != ReplicaStats.State.UP) {
                        listener.accept(new PoolEvent.ReplicaDown(config.name(), Instant.now(),
                                replicas.get(i).name(), downReasons[i]));
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // the pool is closing: nothing left to tell
        }
    }

    private int indexOf(ReplicaServer r) {
        return replicas.indexOf(r);
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "pool '" + config.name() + "': replica check failed", e);
        }
    }

    private void check() {
        long now = System.nanoTime();
        if (probe.hasPositions()) {
            primaryPosition(now);
        }
        List<Position> reached = new ArrayList<>(replicas.size());
        for (int i = 0; i < replicas.size(); i++) {
            ReplicaServer r = replicas.get(i);
            try {
                ReplicationProbe.ReplicaStatus st = replicaStatus(i);
                if (!st.replicating()) {
                    r.checked(ReplicaStats.State.DOWN, st.reason(), -1, null, Instant.now());
                    report(i, ReplicaStats.State.DOWN, st.reason(), -1);
                    continue;
                }
                long lag = st.position() == null || history.isEmpty() ? Math.max(0, st.reportedLagMillis())
                        : Math.max(history.lagMillis(st.position(), System.nanoTime()), st.reportedLagMillis());
                boolean lagging = lag > settings.maxLag().toMillis();
                String why = lagging ? "lag " + lag + " ms is above maxLag " + settings.maxLag().toMillis() + " ms" : null;
                ReplicaStats.State state = lagging ? ReplicaStats.State.LAGGING : ReplicaStats.State.UP;
                if (state == ReplicaStats.State.UP && !r.usable()) {
                    why = poolCannotConnect(r);
                    if (why != null) {
                        state = ReplicaStats.State.DOWN;
                    }
                }
                r.checked(state, why, lag, st.position(), Instant.now());
                if (r.position() != null) {
                    reached.add(r.position());
                }
                report(i, state, why, lag);
            } catch (SQLException | RuntimeException e) {
                replicaChecks[i] = closeQuietly(replicaChecks[i]);
                String why = "unreachable: " + Redaction.mask(String.valueOf(e.getMessage()));
                r.checked(ReplicaStats.State.DOWN, why, -1, null, Instant.now());
                report(i, ReplicaStats.State.DOWN, why, -1);
            }
        }
        if (reached.size() == replicas.size()) {
            history.forgetReachedByAll(reached);
        }
    }

    /**
     * Asks replica {@code i} over the check's connection; when a connection kept from an
     * earlier check fails, once more over a new one: the kept one may have been dropped alone
     * (killed, cut by a firewall) while the server is well, and only the server's failure
     * takes the replica out.
     */
    private ReplicationProbe.ReplicaStatus replicaStatus(int i) throws SQLException {
        if (replicaChecks[i] != null) {
            try {
                return probe.replicaStatus(replicaChecks[i]);
            } catch (SQLException e) {
                if (!FatalErrors.isFatal(e)) {
                    throw e;
                }
                replicaChecks[i] = closeQuietly(replicaChecks[i]);
                replicaChecks[i] = open(settings.servers().get(i).jdbcUrl());
                // The server is there, but its sessions may all have ended (it restarted
                // between two checks): the replica's pooled connections are as suspect as this
                // one, and a read-only transaction handed one would fail.
                replicas.get(i).pool().softEvict();
                return probe.replicaStatus(replicaChecks[i]);
            }
        }
        replicaChecks[i] = open(settings.servers().get(i).jdbcUrl());
        return probe.replicaStatus(replicaChecks[i]);
    }

    private void primaryPosition(long now) {
        try {
            if (primaryCheck == null) {
                primaryCheck = open(config.jdbcUrl());
            }
            history.add(probe.primaryPosition(primaryCheck), now);
        } catch (SQLException e) {
            primaryCheck = closeQuietly(primaryCheck);
            // The primary is unreachable: replicas' lag counts from what was seen of it before.
        }
    }

    /**
     * Before a replica takes reads again, its own pool must hand out a connection: after an
     * outage the pool may still be backing off from failed connects, and readers would wait
     * for it and then mark the replica down again.
     *
     * @return why it cannot yet, or null when it can
     */
    private String poolCannotConnect(ReplicaServer r) {
        try (Connection c = r.pool().borrow(BorrowRequest.DEFAULT.withTimeout(timeout))) {
            return null;
        } catch (TenantRejectedException e) {
            // The borrow names no tenant, which a tenancy that rejects unknown tenants refuses:
            // that says nothing of the server, unless a failed connect caused it.
            return e.getCause() instanceof SQLException cause && FatalErrors.isFatal(cause)
                    ? "its pool cannot open a connection yet: " + Redaction.mask(String.valueOf(cause.getMessage()))
                    : null;
        } catch (SQLException | RuntimeException e) {
            return "its pool cannot open a connection yet: " + Redaction.mask(String.valueOf(e.getMessage()));
        }
    }

    /** Logs and sends a change of whether replica {@code i} takes reads; repeats of the same state are quiet. */
    private void report(int i, ReplicaStats.State state, String why, long lag) {
        ReplicaStats.State before = reported[i];
        reported[i] = state;
        if (before == state) {
            return;
        }
        String replica = replicas.get(i).name();
        if (state == ReplicaStats.State.DOWN) {
            // Its pooled connections are suspect: a restarted server has closed them all, and
            // readers handed one after it is back would fail over and mark it down again.
            replicas.get(i).pool().softEvict();
        }
        if (state == ReplicaStats.State.UP) {
            if (before == null) {
                LOG.log(System.Logger.Level.INFO, "pool ''{0}'': replica ''{1}'' takes reads (lag {2} ms)",
                        config.name(), replica, lag);
            } else {
                LOG.log(System.Logger.Level.INFO, "pool ''{0}'': replica ''{1}'' takes reads again (lag {2} ms)",
                        config.name(), replica, lag);
            }
            events.accept(new PoolEvent.ReplicaUp(config.name(), Instant.now(), replica));
        } else if (before == ReplicaStats.State.UP || before == null) {
            LOG.log(System.Logger.Level.WARNING, "pool ''{0}'': replica ''{1}'' takes no reads: {2}; {3}",
                    config.name(), replica, why, whereReadsGo());
            downReasons[i] = state == ReplicaStats.State.LAGGING ? "lagging: " + why : why;
            events.accept(new PoolEvent.ReplicaDown(config.name(), Instant.now(), replica, downReasons[i]));
        }
    }

    private String whereReadsGo() {
        for (ReplicaServer r : replicas) {
            if (r.usable()) {
                return "reads go to the other replicas";
            }
        }
        return settings.whenNoReplica() == Replicas.WhenNoReplica.PRIMARY ? "reads go to the primary"
                : "reads fail (whenNoReplica=\"fail\")";
    }

    private Connection open(String url) throws SQLException {
        Properties p = new Properties();
        probe.timeouts(p, timeout);
        for (Map.Entry<String, String> e : config.driverProperties().entrySet()) {
            p.putIfAbsent(e.getKey(), e.getValue()); // the check's own bounds stay
        }
        if (config.user() != null) {
            p.setProperty("user", config.user());
        }
        if (config.password() != null) {
            p.setProperty("password", config.password());
        }
        Driver driver = DriverManager.getDriver(url);
        Connection c = driver.connect(url, p);
        if (c == null) {
            throw new SQLException("the JDBC driver refused the URL", "08001");
        }
        return c;
    }

    private static Connection closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException | RuntimeException ignored) {
                // gone either way
            }
        }
        return null;
    }

    /** Stops the checks and closes their connections. */
    @Override
    public void close() {
        stopChecks();
        primaryCheck = closeQuietly(primaryCheck);
        for (int i = 0; i < replicaChecks.length; i++) {
            replicaChecks[i] = closeQuietly(replicaChecks[i]);
        }
    }
}
