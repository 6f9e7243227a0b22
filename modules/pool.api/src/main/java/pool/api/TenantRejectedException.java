package pool.api;

import java.sql.SQLTransientConnectionException;

/**
 * A borrow refused at once because of its tenant: the tenant is unknown and the pool
 * rejects unknown tenants, the pool already tracks {@code maxTenants} tenants, the tenant
 * is at its max and the pool fails such borrows instead of queueing them, or the client
 * may not claim the tenant. The message says which. SQLState 08004.
 */
public class TenantRejectedException extends SQLTransientConnectionException {
    private static final long serialVersionUID = 1L;

    public TenantRejectedException(String message) {
        super(message, "08004");
    }
}
