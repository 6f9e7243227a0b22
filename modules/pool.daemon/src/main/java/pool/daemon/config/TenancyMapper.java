package pool.daemon.config;

import java.util.HashMap;
import java.util.Map;
import pool.api.Tenancy;
import pool.api.TenancyMode;
import pool.api.TenantLimits;
import pool.api.UnknownTenants;

/**
 * Maps a pool's {@code <tenancy>} to {@link Tenancy}, recording each problem at the line
 * of the element it concerns. The check against maxSize (the sum of the mins, the sharded
 * maxes) is {@link pool.api.PoolConfig}'s, reported at the {@code <tenancy>} element.
 */
final class TenancyMapper {

    private final ElementLocations at;
    private final ConfigProblems problems;

    TenancyMapper(ElementLocations at, ConfigProblems problems) {
        this.at = at;
        this.problems = problems;
    }

    /** @return the tenancy, or null when absent or when it has problems (recorded) */
    Tenancy map(XmlTenancy x, String poolPath, String pool) {
        if (x == null) {
            return null;
        }
        String path = ElementLocations.child(poolPath, "tenancy", 1);
        int before = problems.count();
        Tenancy.Builder b = Tenancy.builder();
        if (x.mode != null) {
            b.mode(TenancyMode.valueOf(x.mode.strip().toUpperCase(java.util.Locale.ROOT)));
        }
        if (x.unknownTenants != null) {
            b.unknownTenants(UnknownTenants.valueOf(x.unknownTenants.strip().toUpperCase(java.util.Locale.ROOT)));
        }
        if (x.maxTenants != null) {
            b.maxTenants(x.maxTenants);
        }
        b.failAtMax(x.atMax != null && x.atMax.strip().equals("fail"));
        if (x.defaultTenant != null) {
            TenantLimits l = limits(x.defaultTenant, ElementLocations.child(path, "defaultTenant", 1), pool,
                    "defaultTenant");
            if (l != null) {
                b.defaultLimits(l);
            }
        }
        Map<String, Location> seen = new HashMap<>();
        for (int i = 0; i < x.tenants.size(); i++) {
            XmlTenancy.XmlTenantLimits t = x.tenants.get(i);
            if (t.name == null) {
                problems.add(at.of(ElementLocations.child(path, "tenant", i + 1)), "pool '" + pool + "': a <tenant>"
                        + " needs its name"); // said by the schema on this line: keeps the pool from passing
                continue;
            }
            String tenantPath = ElementLocations.child(path, "tenant", i + 1);
            Location where = at.of(tenantPath);
            Location earlier = seen.putIfAbsent(t.name, where);
            if (earlier != null) {
                problems.add(where, "pool '" + pool + "': tenant '" + t.name + "' is declared twice (first at line "
                        + earlier.line() + "): each tenant appears once");
                continue;
            }
            TenantLimits l = limits(t, tenantPath, pool, "tenant '" + t.name + "'");
            if (l != null) {
                b.tenant(t.name, l);
            }
        }
        if (problems.count() != before) {
            return null;
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            problems.add(at.of(path), "pool '" + pool + "': tenancy: " + e.getMessage());
            return null;
        }
    }

    private TenantLimits limits(XmlTenancy.XmlTenantLimits x, String path, String pool, String what) {
        try {
            return new TenantLimits(x.min == null ? 0 : x.min, x.max == null ? 0 : x.max,
                    x.weight == null ? 1 : x.weight);
        } catch (IllegalArgumentException e) {
            problems.add(at.of(path), "pool '" + pool + "': " + what + ": " + e.getMessage());
            return null;
        }
    }
}
