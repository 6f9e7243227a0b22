package pool.api;

/** How a pool with {@link Tenancy} shares its connections between tenants. */
public enum TenancyMode {
    /** One pool; each tenant's borrows are bounded by its quota and fairly ordered. */
    SHARED,
    /**
     * A dedicated sub-pool of {@code max} connections per named tenant (strict isolation:
     * no connection ever serves two named tenants); other tenants share what is left of
     * maxSize under the default limits.
     */
    SHARDED
}
