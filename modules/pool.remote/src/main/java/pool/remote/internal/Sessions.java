package pool.remote.internal;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/** The sessions of one pool, and the lease reaper's work on them. */
final class Sessions {

    private static final System.Logger LOG = System.getLogger("poold.remote");

    private final ConcurrentHashMap<Long, Session> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Session> byHandle = new ConcurrentHashMap<>();
    /**
     * Session ids count up from a random point, as column-set ids do: a client still holding
     * a session of an earlier daemon (restarted) or of an endpoint a reload replaced names
     * nothing here, where counting from 1 again would name a session this endpoint gave to
     * another connection of the same login. Below 2^62, so it never wraps to 0.
     */
    private final AtomicLong ids = new AtomicLong(java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 62));
    private final long leaseNanos;
    private final Executor abortExecutor;
    private final Session.Shared shared;

    /** @param routes whether the pool has replicas */
    Sessions(long leaseNanos, Executor abortExecutor, boolean routes) {
        this.leaseNanos = leaseNanos;
        this.abortExecutor = abortExecutor;
        this.shared = new Session.Shared(routes);
    }

    long leaseNanos() {
        return leaseNanos;
    }

    Session open(Login login, long handle, Connection connection) {
        Session s = new Session(ids.incrementAndGet(), login, handle, connection, leaseNanos, shared);
        byId.put(s.id, s);
        byHandle.put(handle, s);
        return s;
    }

    /** @return the session the client calls {@code handle}, if it belongs to {@code login} */
    Session byHandle(long handle, Login login) {
        Session s = byHandle.get(handle);
        return s != null && s.login == login ? s : null;
    }

    private void remove(Session s) {
        byId.remove(s.id, s);
        byHandle.remove(s.handle, s);
    }

    /** @return the session if it exists and belongs to {@code login}; a session is usable only by its owner */
    Session get(long id, Login login) {
        Session s = byId.get(id);
        return s != null && s.login == login ? s : null;
    }

    /** Ends a session on its owner's request; caller holds its lock. */
    void release(Session s) {
        remove(s);
        s.end(abortExecutor);
    }

    /** @return the number of sessions open */
    int size() {
        return byId.size();
    }

    /**
     * Ends every session whose lease ran out: its transaction is rolled back and its
     * connection goes back to the pool before anyone else can borrow it. A session is
     * removed from the table first, so a call arriving late finds it gone rather than
     * half-ended.
     */
    int expire(long nowNanos) {
        int n = 0;
        for (Session s : byId.values()) {
            if (s.expired(nowNanos) && byId.remove(s.id, s)) {
                byHandle.remove(s.handle, s);
                s.lock.lock();
                try {
                    LOG.log(Level.WARNING, "lease of remote session {0} expired: rolling back and returning its connection",
                            s.id);
                    s.end(abortExecutor);
                    n++;
                } finally {
                    s.lock.unlock();
                }
            }
        }
        return n;
    }

    /** Moves every session's lease on by {@code nanos}, time the daemon stood still. */
    void credit(long nanos) {
        for (Session s : byId.values()) {
            s.credit(nanos);
        }
    }

    /** Ends every session, e.g. when the pool is unpublished. */
    void endAll() {
        List<Session> all = new ArrayList<>(byId.values());
        byId.clear();
        byHandle.clear();
        for (Session s : all) {
            s.cancel();
            s.lock.lock();
            try {
                s.end(abortExecutor);
            } finally {
                s.lock.unlock();
            }
        }
    }
}
