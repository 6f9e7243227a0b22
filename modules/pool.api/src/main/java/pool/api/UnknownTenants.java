package pool.api;

/** What a pool with {@link Tenancy} does with a borrow naming a tenant it does not declare. */
public enum UnknownTenants {
    /** The tenant is served under the default limits (up to {@code maxTenants} distinct tenants). */
    ADMIT,
    /** The borrow fails at once with a {@link TenantRejectedException}. */
    REJECT
}
