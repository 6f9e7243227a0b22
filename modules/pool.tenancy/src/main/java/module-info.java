/** Per-tenant quotas and fairness between tenants on top of the engine. */
module pool.tenancy {
    requires transitive pool.api;
    requires pool.engine;

}
