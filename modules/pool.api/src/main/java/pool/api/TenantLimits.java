package pool.api;

/**
 * One tenant's share of a pool.
 *
 * @param min    connections reserved for the tenant: lent to other tenants while unused,
 *               and given back first (the next connection returned goes to this tenant when it
 *               waits below its min). In sharded mode, the sub-pool's minIdle. Default 0
 * @param max    most connections the tenant holds at once (in sharded mode, its sub-pool's
 *               size); at least 1 and at least {@code min}
 * @param weight the tenant's relative share when tenants compete: a freed connection goes
 *               to the waiting tenant with the fewest connections per unit of weight.
 *               1 to 1000; default 1
 */
public record TenantLimits(int min, int max, int weight) {

    /** Largest weight; bounds the ratio between two tenants' shares. */
    public static final int MAX_WEIGHT = 1000;

    public TenantLimits {
        if (min < 0) {
            throw new IllegalArgumentException("tenant min must be >= 0; got " + min);
        }
        if (max < 1) {
            throw new IllegalArgumentException("tenant max must be >= 1; got " + max);
        }
        if (min > max) {
            throw new IllegalArgumentException("tenant min (" + min + ") must not exceed its max (" + max + ")");
        }
        if (weight < 1 || weight > MAX_WEIGHT) {
            throw new IllegalArgumentException("tenant weight must be 1 to " + MAX_WEIGHT + "; got " + weight);
        }
    }

    /** @return these limits with another min */
    public TenantLimits withMin(int n) {
        return new TenantLimits(n, max, weight);
    }

    /** @return these limits with another max */
    public TenantLimits withMax(int n) {
        return new TenantLimits(min, n, weight);
    }

    /** @return these limits with another weight */
    public TenantLimits withWeight(int w) {
        return new TenantLimits(min, max, w);
    }
}
