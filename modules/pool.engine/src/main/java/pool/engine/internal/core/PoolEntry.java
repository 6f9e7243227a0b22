package pool.engine.internal.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import pool.engine.internal.bag.BagItem;
import pool.engine.internal.proxy.ConnectionState;
import pool.engine.internal.proxy.ProxyConnection;

/**
 * One physical connection in the pool: its ownership state (inherited, owner-written), its
 * timestamps for the lifecycle policy, the tracked session state for reset, and the
 * handle of the current borrow for leak detection.
 *
 * <p>The borrow record (time, thread, stack) is carried by the handle in final fields,
 * and the handle is published here with a release store and cleared on return; the leak
 * detector reads the handle (acquire) and with it exactly that borrow's record; a handle
 * closed meanwhile is caught by the detector's CAS on it. No lock, no allocation per
 * borrow beyond the handle.
 */
public final class PoolEntry extends BagItem {

    private static final VarHandle HANDLE;
    private static final VarHandle LAST_USED;
    private static final VarHandle LAST_CHECKED;
    private static final VarHandle BORROWS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HANDLE = l.findVarHandle(PoolEntry.class, "handle", ProxyConnection.class);
            LAST_USED = l.findVarHandle(PoolEntry.class, "lastUsedNanos", long.class);
            LAST_CHECKED = l.findVarHandle(PoolEntry.class, "lastCheckedNanos", long.class);
            BORROWS = l.findVarHandle(PoolEntry.class, "borrows", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long id;
    private final ConnectionState session;
    private final long createdNanos;
    /** This connection's share (0 to 1) of the largest cut of its lifetime: see LifecyclePolicy. */
    private final double lifetimeJitter;
    private final boolean burst;
    private final long burstLifetimeNanos;

    /** When it was last returned (idle timeout counts from here). */
    private volatile long lastUsedNanos;
    /** When it was last known good: returned healthy or validated (skip window counts from here). */
    private volatile long lastCheckedNanos;
    /** Retire on return instead of reusing (soft evict, shrink). */
    private volatile boolean evict;

    // Borrow record: the handle carries it (see class comment).
    /**
     * Borrows of this connection: written only by its owner of the moment (opaque, a plain
     * store on x86), summed by stats. Per entry instead of one shared counter so that a
     * borrow writes no cache line other borrowers write (the pool's total is the sum over
     * entries plus what retired entries counted, see Metrics#borrows).
     */
    @SuppressWarnings("unused") // accessed through BORROWS
    private long borrows;
    /** Borrows left until the next sampled stack capture; 0 until the first borrow. Owner-only, plain. */
    private int sampleCountdown;
    /** Plain: reset by the borrower before its release store of the handle, read by the reaper after acquiring it. */
    private boolean leakReported;
    @SuppressWarnings("unused") // accessed through HANDLE
    private volatile ProxyConnection handle;
    /**
     * The admission permit of the current borrow (pools with a BorrowAdmission only). Plain:
     * written by the borrower before its release store of the handle, taken by whoever ends
     * the borrow (the returner, or the winner of the handle's revoke), which acquired it.
     */
    private Object permit;
    /**
     * Borrows the permit served by being reused (a permit the admission let the connection
     * keep while idle, see BorrowAdmission#keep), not yet reported to the admission. Plain,
     * owner-written as {@link #permit}; read racily by figures ({@link #keptReusesForFigures}).
     */
    private long permitReuses;

    public PoolEntry(long id, ConnectionState session, long createdNanos, double lifetimeJitter, boolean burst,
              long burstLifetimeNanos) {
        this.id = id;
        this.session = session;
        this.createdNanos = createdNanos;
        this.lifetimeJitter = lifetimeJitter;
        this.burst = burst;
        this.burstLifetimeNanos = burstLifetimeNanos;
        this.lastUsedNanos = createdNanos;
        this.lastCheckedNanos = createdNanos;
    }

    public long id() {
        return id;
    }

    public ConnectionState session() {
        return session;
    }

    public Connection raw() {
        return session.raw();
    }

    public long createdNanos() {
        return createdNanos;
    }

    public double lifetimeJitter() {
        return lifetimeJitter;
    }

    public boolean burst() {
        return burst;
    }

    public long burstLifetimeNanos() {
        return burstLifetimeNanos;
    }

    public long lastUsedNanos() {
        return lastUsedNanos;
    }

    public long lastCheckedNanos() {
        return lastCheckedNanos;
    }

    /**
     * Returned healthy at {@code now}. Release stores, not volatile ones: the bag's
     * release (a CAS) follows and publishes them to the next owner; the reaper only needs
     * an eventually current value.
     */
    public void returnedAt(long now) {
        LAST_USED.setRelease(this, now);
        LAST_CHECKED.setRelease(this, now);
    }

    /** Validated good at {@code now} (does not count as use for the idle timeout). */
    public void checkedAt(long now) {
        lastCheckedNanos = now;
    }

    public boolean evictRequested() {
        return evict;
    }

    public void requestEvict() {
        evict = true;
    }

    // ---- borrow record ------------------------------------------------------------------

    /** Counts a borrow; only the entry's owner calls this. */
    public void countBorrow() {
        BORROWS.setOpaque(this, (long) BORROWS.getOpaque(this) + 1);
    }

    /**
     * Publishes the handle of a new borrow (release store: the handle's record and the
     * reset of {@link #markLeakReported} are visible with it).
     */
    public void borrowed(ProxyConnection h) {
        leakReported = false;
        HANDLE.setRelease(this, h);
    }

    /** Records the admission permit the current borrow holds (owner only, before {@link #borrowed}). */
    public void admitted(Object p) {
        permit = p;
    }

    /** @return the current borrow's admission permit, or the one kept while idle, once (null after, and without admission) */
    public Object takePermit() {
        Object p = permit;
        permit = null;
        return p;
    }

    /** @return borrows served by reusing the permit since they were last taken (owner only), once */
    public long takePermitReuses() {
        long r = permitReuses;
        permitReuses = 0;
        return r;
    }

    /** @return borrows served by reusing the permit, not yet reported (owner only) */
    public long permitReuses() {
        return permitReuses;
    }

    /** Records the borrows not yet reported of the permit a borrow reuses (owner only; {@link #admitted} then sets it). */
    public void permitReuses(long reuses) {
        permitReuses = reuses;
    }

    /** @return the permit on the entry now, read racily (figures only) */
    public Object permitForFigures() {
        return permit;
    }

    /** @return the uncounted reuses on the entry now, read racily (figures only) */
    public long keptReusesForFigures() {
        return permitReuses;
    }

    /** Forgets the borrow on return, so a returned connection pins no handle, thread or stack. */
    public void clearBorrow() {
        HANDLE.setRelease(this, null);
    }

    /** @return the handle of the current borrow (null when none), read with acquire semantics */
    public ProxyConnection handle() {
        return (ProxyConnection) HANDLE.getAcquire(this);
    }

    /**
     * Counts a borrow towards leak-stack sampling (owner only).
     *
     * @return true on every {@code period}-th borrow, the first at a random phase so that
     *         connections opened together are not sampled in step
     */
    public boolean sampleDue(int period) {
        int c = sampleCountdown - 1;
        if (c < 0) {
            c = java.util.concurrent.ThreadLocalRandom.current().nextInt(period);
        }
        if (c == 0) {
            sampleCountdown = period;
            return true;
        }
        sampleCountdown = c;
        return false;
    }

    /** @return borrows of this connection so far (may lag its owner by one) */
    public long borrows() {
        return (long) BORROWS.getOpaque(this);
    }

    /** @return true the first time it is called for the current borrow */
    public boolean markLeakReported() {
        if (leakReported) {
            return false;
        }
        leakReported = true;
        return true;
    }

    @Override
    public String toString() {
        return "connection#" + id + "[" + stateName(state()) + "]";
    }
}
