package pool.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Multi-tenant quotas of one pool ({@link PoolConfig.Builder#tenancy(Tenancy)}): named
 * tenants with their own {@link TenantLimits}, default limits for the others, and what
 * happens to unknown tenants. A borrow names its tenant in {@link BorrowRequest#tenant()};
 * a borrow naming none is charged to the tenant {@value #DEFAULT_TENANT}.
 *
 * <p>Everything but {@link #mode()} is live: {@link ConnectionPool#apply(LiveSettings)}
 * with {@link LiveSettings#withTenancy(Tenancy)} changes quotas and weights in place.
 *
 * @param mode           {@link TenancyMode#SHARED} (default) or {@link TenancyMode#SHARDED}; not live
 * @param unknownTenants what to do with tenants not named here; default {@link UnknownTenants#ADMIT}
 * @param maxTenants     most distinct tenants the pool keeps track of at once, named ones included
 *                       (an unknown tenant beyond it is refused, so that clients cannot exhaust
 *                       memory by inventing names); 1 to {@value #MAX_TENANTS}, default 1000
 * @param failAtMax      whether a borrow of a tenant at its max fails at once with
 *                       {@link TenantRejectedException} instead of waiting in the tenant's queue; default false
 * @param defaultLimits  limits of every tenant not named; default min 0, max 4, weight 1
 * @param tenants        the named tenants and their limits, in declaration order
 */
public record Tenancy(
        TenancyMode mode,
        UnknownTenants unknownTenants,
        int maxTenants,
        boolean failAtMax,
        TenantLimits defaultLimits,
        Map<String, TenantLimits> tenants) {

    /** The tenant a borrow naming no tenant is charged to. */
    public static final String DEFAULT_TENANT = "default";

    /** Upper bound of {@link #maxTenants()}. */
    public static final int MAX_TENANTS = 100_000;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    public Tenancy {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(unknownTenants, "unknownTenants");
        Objects.requireNonNull(defaultLimits, "defaultLimits");
        Objects.requireNonNull(tenants, "tenants");
        for (String t : tenants.keySet()) {
            if (!validName(t)) {
                throw new IllegalArgumentException("tenant name " + describe(t)
                        + " is invalid: use 1-64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
            }
            Objects.requireNonNull(tenants.get(t), "limits of tenant " + t);
        }
        if (maxTenants < 1 || maxTenants > MAX_TENANTS) {
            throw new IllegalArgumentException("maxTenants must be 1 to " + MAX_TENANTS + "; got " + maxTenants);
        }
        if (tenants.size() > maxTenants) {
            throw new IllegalArgumentException("maxTenants (" + maxTenants + ") must be at least the number of named tenants ("
                    + tenants.size() + ")");
        }
        tenants = Collections.unmodifiableMap(new LinkedHashMap<>(tenants));
    }

    /** @return whether {@code tenant} is a name a tenant may have (1-64 of {@code [A-Za-z0-9._@-]}) */
    public static boolean validName(String tenant) {
        return tenant != null && NAME.matcher(tenant).matches();
    }

    /** @return a short, bounded rendering of a name that may be hostile, for error messages */
    public static String describe(String tenant) {
        if (tenant == null) {
            return "null";
        }
        String s = tenant.length() > 64 ? tenant.substring(0, 64) + "...(" + tenant.length() + " chars)" : tenant;
        return "'" + s.replaceAll("[^\\x20-\\x7e]", "?") + "'";
    }

    /** @return the limits of {@code tenant}: its own when named, else the default limits */
    public TenantLimits limitsOf(String tenant) {
        TenantLimits l = tenants.get(tenant);
        return l != null ? l : defaultLimits;
    }

    /**
     * @return the sum of the named tenants' mins plus the default min (counted once) when
     *         unknown tenants are admitted: rejected ones never hold the default min
     */
    public long reservedTotal() {
        long sum = unknownTenants == UnknownTenants.ADMIT ? defaultLimits.min() : 0;
        for (TenantLimits l : tenants.values()) {
            sum += l.min();
        }
        return sum;
    }

    /** @return the sum of the named tenants' maxes */
    public long namedMaxTotal() {
        long sum = 0;
        for (TenantLimits l : tenants.values()) {
            sum += l.max();
        }
        return sum;
    }

    /**
     * Checks these quotas against the pool's maxSize.
     *
     * @return null when they fit, else what is wrong and what to change
     */
    public String problemWith(int maxSize) {
        long reserved = reservedTotal();
        if (reserved > maxSize) {
            return "the sum of the tenants' min (" + reserved + (unknownTenants == UnknownTenants.ADMIT
                    ? ", the default min counted once" : "") + ") must not exceed maxSize (" + maxSize
                    + "): lower a min or raise maxSize";
        }
        if (mode == TenancyMode.SHARDED) {
            long named = namedMaxTotal();
            if (named > maxSize) {
                return "in sharded mode the sum of the named tenants' max (" + named + ") must not exceed maxSize ("
                        + maxSize + "): each named tenant gets a sub-pool of its max";
            }
            if (named == maxSize && unknownTenants == UnknownTenants.ADMIT) {
                return "in sharded mode the named tenants' max add up to maxSize (" + maxSize + "), leaving no "
                        + "connection for other tenants: set unknownTenants=\"reject\" or raise maxSize";
            }
            if (unknownTenants == UnknownTenants.ADMIT && defaultLimits.min() > maxSize - named) {
                // The tenants not named share one sub-pool of what the named ones leave.
                return "in sharded mode the default min (" + defaultLimits.min() + ") must fit in the sub-pool the "
                        + "named tenants leave for the others (maxSize " + maxSize + " minus their max " + named
                        + " = " + (maxSize - named) + "): lower the default min, or a named tenant's max, or raise maxSize";
            }
        }
        return null;
    }

    /** @return a builder: shared mode, unknown tenants admitted, 1000 tenants, default limits 0/4/1 */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from these settings */
    public Builder toBuilder() {
        Builder b = new Builder().mode(mode).unknownTenants(unknownTenants).maxTenants(maxTenants)
                .failAtMax(failAtMax).defaultLimits(defaultLimits);
        b.tenants.putAll(tenants);
        return b;
    }

    /** @return these settings with {@code tenant}'s limits replaced (or added) */
    public Tenancy withTenant(String tenant, TenantLimits limits) {
        return toBuilder().tenant(tenant, limits).build();
    }

    /** Builder for {@link Tenancy}. */
    public static final class Builder {
        private TenancyMode mode = TenancyMode.SHARED;
        private UnknownTenants unknownTenants = UnknownTenants.ADMIT;
        private int maxTenants = 1000;
        private boolean failAtMax;
        private TenantLimits defaultLimits = new TenantLimits(0, 4, 1);
        private final Map<String, TenantLimits> tenants = new LinkedHashMap<>();

        private Builder() {
        }

        /** Shared (default) or sharded. */
        public Builder mode(TenancyMode m) { this.mode = m; return this; }

        /** Admit (default) or reject tenants not named. */
        public Builder unknownTenants(UnknownTenants u) { this.unknownTenants = u; return this; }

        /** Most distinct tenants tracked at once. Default 1000. */
        public Builder maxTenants(int n) { this.maxTenants = n; return this; }

        /** Fail a borrow at once when its tenant is at max, instead of queueing it. Default false. */
        public Builder failAtMax(boolean b) { this.failAtMax = b; return this; }

        /** Limits of tenants not named. Default min 0, max 4, weight 1. */
        public Builder defaultLimits(TenantLimits l) { this.defaultLimits = l; return this; }

        /** Limits of tenants not named. */
        public Builder defaultLimits(int min, int max, int weight) {
            return defaultLimits(new TenantLimits(min, max, weight));
        }

        /** Names a tenant with its own limits (replacing earlier ones of the same name). */
        public Builder tenant(String name, TenantLimits l) {
            tenants.put(name, l);
            return this;
        }

        /** Names a tenant with its own limits. */
        public Builder tenant(String name, int min, int max, int weight) {
            return tenant(name, new TenantLimits(min, max, weight));
        }

        /**
         * @return the settings
         * @throws IllegalArgumentException naming what is invalid
         */
        public Tenancy build() {
            return new Tenancy(mode, unknownTenants, maxTenants, failAtMax, defaultLimits, tenants);
        }
    }
}
