package pool.tenancy.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import pool.api.BorrowRequest;
import pool.api.ConnectionPool;
import pool.api.LeakSuspect;
import pool.api.LiveSettings;
import pool.api.PoolConfig;
import pool.api.PoolEvent;
import pool.api.PoolListener;
import pool.api.PoolState;
import pool.api.PoolStats;
import pool.api.Tenancy;
import pool.api.TenantLimits;
import pool.api.TenantRejectedException;
import pool.api.TenantStats;
import pool.api.UnknownTenants;
import pool.api.spi.TenancyProvider.EnginePools;

/**
 * Sharded mode: a dedicated engine pool (a shard) of {@code max} connections per named
 * tenant, so no physical connection ever serves two named tenants, and one shared engine
 * pool of what is left of maxSize for the other tenants, gated by a {@link TenantAdmission}
 * under the default limits (none when unknown tenants are rejected). The shards' sizes add
 * up to at most maxSize. This class only routes a borrow to its shard and adds up figures.
 */
final class ShardedPool implements ConnectionPool {

    private final String name;
    private final Map<String, ConnectionPool> shards;
    /** The pool of tenants not named; null when unknown tenants were rejected at start. */
    private final ConnectionPool others;
    private final List<ConnectionPool> all;
    private volatile PoolConfig config;
    /** Serialises changes of the live settings and the growth that follows them (see growIntoRoom). */
    private final pool.api.spi.SettingsChanges changes = new pool.api.spi.SettingsChanges(this::liveSettings,
            this::applyLocked);
    private final ShardFailures failures;
    /** Each listener added, to what its parts call. */
    private final Map<PoolListener, PoolListener> listeners = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * Parts whose size a live change raised beyond the room the other parts leave now (a part
     * lowered below what it holds keeps those connections until they come back), with the
     * settings they grow to once it is free; guarded by changes' lock.
     */
    private final Map<ConnectionPool, LiveSettings> growing = new java.util.IdentityHashMap<>();

    private ShardedPool(PoolConfig config, Map<String, ConnectionPool> shards, ConnectionPool others) {
        this.name = config.name();
        Map<String, String> parts = new java.util.HashMap<>();
        shards.forEach((tenant, p) -> parts.put(p.name(), "the sub-pool of tenant '" + tenant + "'"));
        if (others != null) {
            parts.put(others.name(), "the sub-pool of the tenants not named");
        }
        this.failures = new ShardFailures(name, parts);
        this.config = config;
        this.shards = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shards)); // declaration order
        this.others = others;
        this.all = new ArrayList<>(shards.values());
        if (others != null) {
            all.add(others);
        }
        // A part's connection closed is room for a part still growing; the event comes after its count fell.
        PoolListener room = event -> {
            if (event instanceof PoolEvent.ConnectionDestroyed) {
                growIntoRoom();
            }
        };
        all.forEach(p -> p.addListener(room));
    }

    static ShardedPool start(PoolConfig config, EnginePools engine) throws SQLException {
        Tenancy t = config.tenancy();
        Map<String, ConnectionPool> shards = new LinkedHashMap<>();
        ConnectionPool others = null;
        java.util.Set<String> taken = new java.util.HashSet<>();
        java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();
        try {
            for (Map.Entry<String, TenantLimits> e : t.tenants().entrySet()) {
                TenantLimits l = e.getValue();
                // A gate of its own, so that a named tenant at its max fails at once with atMax="fail"
                // and its timeouts name it, as in shared mode; it never waits on a count of its own.
                shards.put(e.getKey(), engine.create(shardConfig(config, e.getKey(), l, taken),
                        new TenantAdmission(config.name(), "its sub-pool", shardTenancy(t, e.getKey(), l), l.max(),
                                config.maxPending(), 0, waiting)));
            }
            int rest = othersSize(config.liveSettings());
            if (t.unknownTenants() == UnknownTenants.ADMIT) {
                PoolConfig oc = othersConfig(config, rest, taken);
                others = engine.create(oc, new TenantAdmission(config.name(), "the sub-pool of the tenants not named",
                        othersTenancy(t), rest, config.maxPending(), t.tenants().size(), waiting));
            }
        } catch (SQLException | RuntimeException e) {
            shards.values().forEach(ConnectionPool::close);
            throw e;
        }
        return new ShardedPool(config, shards, others);
    }

    /**
     * @param taken the part names given so far; this one is added
     * @return a part's engine pool name, {@code orders.acme}: a valid pool name (a tenant's '@'
     *         becomes '_', a long one its hash) that no other part of the pool has, so that
     *         events and messages tell the parts apart (a tenant may be named "others", or
     *         "a@b" beside "a_b")
     */
    private static String subName(String pool, String part, java.util.Set<String> taken) {
        String n = pool + "." + part.replace('@', '_');
        if (n.length() > 64) {
            n = pool.substring(0, Math.min(pool.length(), 50)) + "." + Integer.toHexString(part.hashCode());
        }
        String base = n.length() > 58 ? n.substring(0, 58) : n;
        for (int i = 2; !taken.add(n); i++) {
            n = base + "-" + i;
        }
        return n;
    }

    private static PoolConfig shardConfig(PoolConfig config, String tenant, TenantLimits l, java.util.Set<String> taken) {
        return config.toBuilder().name(subName(config.name(), tenant, taken)).tenancy(null).burstMaxSize(0)
                .maxSize(l.max()).minIdle(l.min()).build();
    }

    private static int othersSize(LiveSettings s) {
        return (int) (s.maxSize() - s.tenancy().namedMaxTotal());
    }

    private static PoolConfig othersConfig(PoolConfig config, int rest, java.util.Set<String> taken) {
        return config.toBuilder().name(subName(config.name(), "others", taken)).tenancy(null).burstMaxSize(0)
                .maxSize(rest).minIdle(Math.min(config.minIdle(), rest)).build();
    }

    /** The other tenants' quotas: the default limits only (named tenants never reach that pool). */
    private static Tenancy othersTenancy(Tenancy t) {
        return Tenancy.builder().unknownTenants(UnknownTenants.ADMIT).maxTenants(t.maxTenants())
                .failAtMax(t.failAtMax()).defaultLimits(t.defaultLimits()).build();
    }

    /** The quota of a named tenant's sub-pool: that tenant alone, under its own limits. */
    private static Tenancy shardTenancy(Tenancy t, String tenant, TenantLimits l) {
        return Tenancy.builder().unknownTenants(UnknownTenants.REJECT).maxTenants(1).failAtMax(t.failAtMax())
                .defaultLimits(0, 1, 1).tenant(tenant, l).build();
    }

    /** @return the pool that serves {@code tenant}, or throws when none may */
    private ConnectionPool route(String tenant) throws TenantRejectedException {
        String key = tenant == null ? Tenancy.DEFAULT_TENANT : tenant;
        ConnectionPool p = shards.get(key);
        if (p != null) {
            return p;
        }
        if (others == null || config.tenancy().unknownTenants() == UnknownTenants.REJECT) {
            throw Tenancy.validName(key) ? TenantRegistry.unknown(name, tenant)
                    : TenantRegistry.invalidName(name, tenant);
        }
        return others;
    }

    // ---- borrowing ----------------------------------------------------------------------

    @Override
    public Connection borrow(BorrowRequest request) throws SQLException {
        pool.api.spi.PoolContract.requireRequest(request);
        ConnectionPool p = route(request.tenant());
        try {
            return p.borrow(request);
        } catch (SQLException e) {
            throw failures.of(e);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return borrow(BorrowRequest.DEFAULT);
    }

    @Override
    public Optional<Connection> tryBorrow() throws SQLException {
        ConnectionPool p = route(null);
        try {
            return p.tryBorrow();
        } catch (SQLException e) {
            throw failures.of(e);
        }
    }

    @Override
    public CompletableFuture<Connection> getConnectionAsync() {
        return borrowAsync(BorrowRequest.DEFAULT);
    }

    @Override
    public CompletableFuture<Connection> borrowAsync(BorrowRequest request) {
        pool.api.spi.PoolContract.requireRequest(request);
        try {
            return failures.of(route(request.tenant()).borrowAsync(request));
        } catch (TenantRejectedException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    // ---- figures ------------------------------------------------------------------------

    @Override
    public Optional<TenantStats> tenantStats(String tenant) {
        ConnectionPool shard = tenant == null ? null : shards.get(tenant);
        if (shard != null) {
            return Optional.of(shardStats(tenant, shard));
        }
        return others == null ? Optional.empty() : others.tenantStats(tenant);
    }

    /** A named tenant's figures are its sub-pool's. */
    private TenantStats shardStats(String tenant, ConnectionPool shard) {
        PoolStats s = shard.stats();
        TenantLimits l = config.tenancy().limitsOf(tenant);
        // Refusals at max (atMax="fail") are the gate's; the engine counts only maxPending ones, which the gate does too.
        long rejected = s.tenants().isEmpty() ? s.rejectedCount() : s.tenants().getFirst().rejectedCount();
        return new TenantStats(tenant, true, l.min(), l.max(), l.weight(), s.active(), s.pending(), s.borrowCount(),
                s.timeoutCount(), rejected, s.waitP50Micros(), s.waitP95Micros(), s.waitP99Micros());
    }

    @Override
    public PoolStats stats() {
        List<TenantStats> tenants = new ArrayList<>();
        for (Map.Entry<String, ConnectionPool> e : shards.entrySet()) {
            tenants.add(shardStats(e.getKey(), e.getValue()));
        }
        if (others != null) {
            tenants.addAll(others.stats().tenants());
        }
        List<PoolStats> parts = new ArrayList<>(all.size());
        long reaperRuns = 0;
        Instant reaperLastRunAt = null;
        PoolState state = PoolState.RUNNING;
        for (ConnectionPool p : all) {
            PoolStats s = p.stats();
            parts.add(s);
            reaperRuns = Math.max(reaperRuns, s.reaperRuns());
            // The sub-pools' reapers run together (runReaperNow, one interval): the latest end is the whole's.
            if (s.reaperLastRunAt() != null && (reaperLastRunAt == null || s.reaperLastRunAt().isAfter(reaperLastRunAt))) {
                reaperLastRunAt = s.reaperLastRunAt();
            }
            if (s.state() != PoolState.RUNNING && state == PoolState.RUNNING) {
                state = s.state();
            }
        }
        LiveSettings live = config.liveSettings();
        return PoolStats.combine(name, state, Instant.now(), live.minIdle(), live.maxSize(), reaperRuns, reaperLastRunAt, parts,
                List.of(), tenants);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PoolConfig config() {
        return config;
    }

    @Override
    public LiveSettings liveSettings() {
        return config.liveSettings();
    }

    /**
     * Resizes the shards to their tenants' new min and max and the others' pool to what is left;
     * the other live settings apply to every part. The set of named tenants, and whether unknown
     * tenants are admitted, are fixed in a running sharded pool.
     */
    @Override
    public void apply(LiveSettings next) {
        changes.apply(next);
    }

    @Override
    public LiveSettings update(java.util.function.UnaryOperator<LiveSettings> change) {
        return changes.update(change);
    }

    private void applyLocked(LiveSettings next) {
        Tenancy now = config.tenancy();
        Tenancy t = next.tenancy();
        if (t == null || t.mode() != now.mode()) {
            throw new IllegalArgumentException("pool '" + name + "': the tenancy mode cannot change in a running pool; "
                    + "a reload replaces the pool");
        }
        if (!t.tenants().keySet().equals(now.tenants().keySet())) {
            throw new IllegalArgumentException("pool '" + name + "': the named tenants of a sharded pool are fixed "
                    + "while it runs (each has its own sub-pool); a reload replaces the pool");
        }
        if (others == null && t.unknownTenants() == UnknownTenants.ADMIT) {
            throw new IllegalArgumentException("pool '" + name + "': admitting unknown tenants needs a pool for them, "
                    + "made at start; a reload replaces the pool");
        }
        // The others' sub-pool admits whoever reaches it: accepting "reject" here would record a
        // setting the pool does not enforce.
        if (others != null && t.unknownTenants() == UnknownTenants.REJECT) {
            throw new IllegalArgumentException("pool '" + name + "': a sharded pool that admits unknown tenants keeps "
                    + "admitting them while it runs (unknownTenants is fixed in sharded mode); a reload replaces the pool");
        }
        PoolConfig nextConfig = config.with(next); // checks the whole, sums included
        // Shrink before growing, so the parts never add up to more than the old or new maxSize.
        Map<ConnectionPool, LiveSettings> grow = new LinkedHashMap<>();
        for (Map.Entry<String, ConnectionPool> e : shards.entrySet()) {
            ConnectionPool p = e.getValue();
            TenantLimits l = t.tenants().get(e.getKey());
            LiveSettings s = part(next, l.min(), l.max()).withTenancy(shardTenancy(t, e.getKey(), l));
            if (l.max() < p.liveSettings().maxSize()) {
                p.apply(s);
            } else {
                grow.put(p, s);
            }
        }
        if (others != null) {
            int rest = othersSize(next);
            LiveSettings s = part(next, Math.min(next.minIdle(), rest), rest).withTenancy(othersTenancy(t));
            if (rest < others.liveSettings().maxSize()) {
                others.apply(s);
            } else {
                grow.put(others, s);
            }
        }
        config = nextConfig;
        growing.clear();
        grow.forEach((p, s) -> {
            int room = room(p, nextConfig.maxSize());
            if (s.maxSize() <= room) {
                p.apply(s);
                return;
            }
            // A part lowered below what it holds still has those connections open: grow only
            // into what is free now (its other settings apply at once), the rest as they close.
            int size = Math.max(p.liveSettings().maxSize(), room);
            try {
                p.apply(s.withSize(Math.min(s.minIdle(), size), size));
            } catch (IllegalArgumentException belowTheTenantsMin) {
                p.apply(s); // a min raised above what is free: the reservation wins, as before
                return;
            }
            growing.put(p, s);
        });
    }

    /** @return connections {@code part} may open without the parts together passing {@code maxSize} */
    private int room(ConnectionPool part, int maxSize) {
        int taken = 0;
        for (ConnectionPool q : all) {
            if (q != part) {
                // Lowered below what it holds, a part keeps those until they come back; it opens none beyond its max.
                taken += Math.max(q.liveSettings().maxSize(), q.stats().total());
            }
        }
        return maxSize - taken;
    }

    /** A closing pool's parts grow no more: their connections closing are no room for anyone. */
    private void stopGrowing() {
        changes.locked(growing::clear);
    }

    /** Grows the parts a live change raised as far as the connections the others closed allow. */
    private void growIntoRoom() {
        changes.locked(this::growIntoRoomLocked);
    }

    private void growIntoRoomLocked() {
        if (growing.isEmpty()) {
            return;
        }
        int maxSize = config.maxSize();
        for (var it = growing.entrySet().iterator(); it.hasNext();) {
            var e = it.next();
            ConnectionPool p = e.getKey();
            LiveSettings s = e.getValue();
            int room = room(p, maxSize);
            if (s.maxSize() <= room) {
                p.apply(s);
                it.remove();
            } else if (room > p.liveSettings().maxSize()) {
                try {
                    p.apply(s.withSize(Math.min(s.minIdle(), room), room));
                } catch (IllegalArgumentException belowTheTenantsMin) {
                    // its tenant's min needs more than is free yet: the next close may free it
                }
            }
        }
    }

    private static LiveSettings part(LiveSettings whole, int min, int max) {
        return whole.withTenancy(null).withBurstMaxSize(0).withSize(min, max);
    }

    // ---- operations over every part ----------------------------------------------------

    @Override
    public List<LeakSuspect> leakSuspects() {
        List<LeakSuspect> out = new ArrayList<>();
        all.forEach(p -> out.addAll(p.leakSuspects()));
        out.sort((a, b) -> b.held().compareTo(a.held()));
        return out;
    }

    @Override
    public int reclaimLeaks() {
        int n = 0;
        for (ConnectionPool p : all) {
            n += p.reclaimLeaks();
        }
        return n;
    }

    @Override
    public void softEvict() {
        all.forEach(ConnectionPool::softEvict);
    }

    @Override
    public void suspend() {
        all.forEach(ConnectionPool::suspend);
    }

    @Override
    public void resume() {
        all.forEach(ConnectionPool::resume);
    }

    @Override
    public void runReaperNow() {
        all.forEach(ConnectionPool::runReaperNow);
    }

    @Override
    public void addListener(PoolListener listener) {
        PoolListener part = event -> {
            if (event instanceof PoolEvent.PoolExhausted x) {
                // A full sub-pool is one tenant at its max, which in shared mode exhausts nothing:
                // the pool is exhausted when all of it is in use, and then says so in its own name.
                PoolStats whole = stats();
                if (whole.active() >= whole.maxSize()) {
                    listener.onEvent(new PoolEvent.PoolExhausted(name, x.at(), whole));
                }
                return;
            }
            listener.onEvent(event);
        };
        if (listeners.putIfAbsent(listener, part) == null) {
            all.forEach(p -> p.addListener(part));
        }
    }

    @Override
    public void removeListener(PoolListener listener) {
        PoolListener part = listeners.remove(listener);
        if (part != null) {
            all.forEach(p -> p.removeListener(part));
        }
    }

    @Override
    public boolean drainAndClose(Duration drainTimeout) {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        stopGrowing();
        all.forEach(ConnectionPool::suspend); // no new borrows anywhere while the first part drains
        boolean ok = true;
        for (ConnectionPool p : all) {
            ok &= p.drainAndClose(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        return ok;
    }

    @Override
    public void close() {
        stopGrowing();
        all.forEach(ConnectionPool::close);
    }

    // ---- DataSource ---------------------------------------------------------------------

    @Override
    public void setLoginTimeout(int seconds) {
        update(s -> s.withBorrowTimeout(pool.api.spi.PoolContract.borrowTimeoutForLogin(seconds, config.borrowTimeout())));
    }

    @Override
    public int getLoginTimeout() {
        return pool.api.spi.PoolContract.loginTimeoutSeconds(config.borrowTimeout());
    }

    @Override
    public String toString() {
        return "ConnectionPool[" + name + ", sharded: " + shards.keySet() + (others == null ? "" : " + others") + "]";
    }
}
