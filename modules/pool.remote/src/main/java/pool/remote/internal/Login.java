package pool.remote.internal;

/**
 * One client's login to one pool, across the tickets that succeed each other: a client
 * logs in again before its ticket reaches its lifetime, naming the old ticket, and the
 * new ticket joins the same login. The sessions a client borrows belong to its login,
 * not to one ticket, so they carry on under the successor. Identity is the object's.
 */
final class Login {
    final String user;
    /** The tenant the login's borrows are charged to, or null. */
    final String tenant;
    /** Bytes of LOB parameters this login's sessions hold spooled on the daemon's disk ({@link SpoolBudget}). */
    final java.util.concurrent.atomic.AtomicLong lobSpoolBytes = new java.util.concurrent.atomic.AtomicLong();
    /** The client JVM's zone, or null when the client did not say (its values are in the daemon's). */
    final java.time.ZoneId zone;

    Login(String user, String tenant) {
        this(user, tenant, null);
    }

    /** The login's {@link ClientValues}, made on its first borrow (one pool, one driver): no allocation per borrow. */
    private volatile ClientValues values;

    ClientValues values(Dialect dialect) {
        ClientValues v = values;
        if (v == null || v.dialect != dialect) {
            v = ClientValues.of(this, dialect);
            values = v;
        }
        return v;
    }

    Login(String user, String tenant, java.time.ZoneId zone) {
        this.user = user;
        this.tenant = tenant;
        this.zone = zone;
    }

    /** @return whether a login as {@code user} for {@code tenant} may succeed this one */
    boolean sameClient(String user, String tenant) {
        return this.user.equals(user) && java.util.Objects.equals(this.tenant, tenant);
    }
}
