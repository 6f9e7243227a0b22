package pool.tenancy.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import pool.api.Tenancy;
import pool.api.TenantRejectedException;
import pool.api.UnknownTenants;

/**
 * Which tenants a pool knows: the named ones always, unknown ones as they come, up to
 * {@code maxTenants} in all. When full, an unknown tenant holding nothing and waiting for
 * nothing is forgotten to make room; when none is, the newcomer is refused. So a client
 * inventing tenant names costs at most maxTenants small objects, and every name is
 * checked (length, characters) before anything is stored.
 *
 * <p>Lookups of known tenants are lock-free; adding, forgetting and live changes hold the
 * admission's lock.
 */
final class TenantRegistry {

    private final String pool;
    private final ReentrantLock lock;
    private final Map<String, TenantState> tenants = new ConcurrentHashMap<>();
    private volatile Tenancy settings;
    /**
     * Tenants the pool keeps track of outside this registry, which maxTenants counts too: a
     * sharded pool's named tenants, seen from the registry of its others' sub-pool.
     */
    private final int trackedElsewhere;
    /** Gives back the permits idle connections keep (see {@link #beforeForgetting}). */
    private Runnable takeBackKept = () -> { };

    TenantRegistry(String pool, Tenancy settings, ReentrantLock lock, long nowNanos) {
        this(pool, settings, lock, nowNanos, 0);
    }

    TenantRegistry(String pool, Tenancy settings, ReentrantLock lock, long nowNanos, int trackedElsewhere) {
        this.pool = pool;
        this.trackedElsewhere = trackedElsewhere;
        this.lock = lock;
        this.settings = settings;
        settings.tenants().forEach((n, l) -> tenants.put(n, new TenantState(n, true, l, nowNanos)));
    }

    Tenancy settings() {
        return settings;
    }

    /**
     * @param tenant the borrow's tenant, null for {@link Tenancy#DEFAULT_TENANT}
     * @return its state (known, or just added)
     * @throws TenantRejectedException when the pool refuses it
     */
    TenantState resolve(String tenant) throws TenantRejectedException {
        String key = tenant == null ? Tenancy.DEFAULT_TENANT : tenant;
        TenantState t = tenants.get(key);
        if (t != null && (t.named || settings.unknownTenants() == UnknownTenants.ADMIT)) {
            return t;
        }
        return add(tenant, key);
    }

    private TenantState add(String tenant, String key) throws TenantRejectedException {
        Tenancy s = settings;
        if (!Tenancy.validName(key)) {
            throw invalidName(pool, tenant);
        }
        if (s.unknownTenants() == UnknownTenants.REJECT) {
            throw unknown(pool, tenant);
        }
        lock.lock();
        try {
            TenantState t = tenants.get(key);
            if (t != null) {
                return t;
            }
            // A loop, not one forgetting: after a live decrease of maxTenants the pool may track
            // more than the new bound, and each newcomer must not keep it there.
            while (tenants.size() + trackedElsewhere >= s.maxTenants()) {
                if (forgetOneIdle()) {
                    continue;
                }
                throw new TenantRejectedException("pool '" + pool + "': already serving maxTenants (" + s.maxTenants()
                        + ") tenants, all busy; tenant '" + key + "' is refused. Raise maxTenants or use fewer "
                        + "tenant names");
            }
            t = new TenantState(key, false, s.defaultLimits(), System.nanoTime());
            tenants.put(key, t);
            return t;
        } finally {
            lock.unlock();
        }
    }

    /** @return the refusal of a tenant name that is not one (shared by both modes) */
    static TenantRejectedException invalidName(String pool, String tenant) {
        return new TenantRejectedException("pool '" + pool + "': tenant name " + Tenancy.describe(tenant)
                + " is invalid: use 1-64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
    }

    /** @return the refusal of a tenant not configured, {@code tenant} null for a borrow naming none */
    static TenantRejectedException unknown(String pool, String tenant) {
        return new TenantRejectedException(tenant == null
                ? "pool '" + pool + "' serves named tenants only and this borrow names none: set the tenant "
                        + "(BorrowRequest.tenant, poold.tenant in the JNDI environment, or the tenant of the "
                        + "RemoteDataSource)"
                : "pool '" + pool + "': tenant '" + tenant + "' is not configured and the pool rejects unknown "
                        + "tenants (unknownTenants=\"reject\"): use a configured tenant or add it to <tenancy>");
    }

    /**
     * Sets what gives back the permits idle connections keep, which count as held: run before
     * judging a tenant idle. Set once, before the first borrow.
     */
    void beforeForgetting(Runnable takeBackKept) {
        this.takeBackKept = takeBackKept;
    }

    /** Caller holds the lock. */
    private boolean forgetOneIdle() {
        takeBackKept.run();
        for (TenantState t : tenants.values()) {
            if (!t.named && !t.listed && t.queue.isEmpty() && t.forget()) {
                tenants.remove(t.name, t);
                return true;
            }
        }
        return false;
    }

    /** Applies new quotas in place; caller holds the lock. */
    void apply(Tenancy next, long nowNanos) {
        settings = next;
        for (TenantState t : tenants.values()) {
            var l = next.tenants().get(t.name);
            t.named = l != null;
            t.limits = l != null ? l : next.defaultLimits();
            t.limitsChanged();
        }
        next.tenants().forEach((n, l) -> tenants.computeIfAbsent(n, k -> new TenantState(k, true, l, nowNanos)));
        // A lowered maxTenants bounds what the pool keeps from now on, as far as idle tenants allow.
        while (tenants.size() + trackedElsewhere > next.maxTenants()) {
            if (!forgetOneIdle()) {
                break;
            }
        }
    }

    /**
     * When unknown tenants are rejected, tenants not named can never borrow again: forgets those
     * that hold nothing now (the admission refused their waiters first), rather than show them
     * (stats, MBeans) until the pool is replaced. One holding a connection stays until its
     * tenancy changes again; its returns need no lookup. Caller holds the lock.
     */
    void forgetRefusedIdle() {
        if (settings.unknownTenants() == UnknownTenants.REJECT) {
            takeBackKept.run();
            tenants.values().removeIf(t -> !t.named && !t.listed && t.queue.isEmpty() && t.forget());
        }
    }

    /** @return every tenant: named ones in declaration order, then the others by name */
    List<TenantState> all() {
        Tenancy s = settings;
        List<TenantState> named = new ArrayList<>();
        for (String n : s.tenants().keySet()) {
            TenantState t = tenants.get(n);
            if (t != null) {
                named.add(t);
            }
        }
        List<TenantState> others = new ArrayList<>();
        for (TenantState t : tenants.values()) {
            if (!s.tenants().containsKey(t.name)) {
                others.add(t);
            }
        }
        others.sort(Comparator.comparing(t -> t.name));
        named.addAll(others);
        return named;
    }

    /** @return the tenant {@link #all()} would list under that name, or null */
    TenantState find(String name) {
        return name == null ? null : tenants.get(name);
    }

    int size() {
        return tenants.size();
    }

    /** @return connections held by all tenants together now (a sum over at most maxTenants; slow path only) */
    int activeTotal() {
        int sum = 0;
        for (TenantState t : tenants.values()) {
            sum += Math.max(0, t.active());
        }
        return sum;
    }
}
