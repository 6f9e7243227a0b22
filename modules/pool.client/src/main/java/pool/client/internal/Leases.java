package pool.client.internal;

import java.lang.ref.Cleaner;
import java.rmi.RemoteException;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import pool.protocol.Protocol;

/**
 * Keeps the daemon from taking back the sessions a link's open connections hold: renews
 * their leases three times per lease, over RMI, in the background, each with the grant
 * (endpoint and ticket) it was borrowed under.
 */
final class Leases {

    /**
     * Lets the daemon take back what a garbage-collected, never-closed connection held:
     * its {@link Held} leaves the renewal set, and the daemon's lease does the rest.
     */
    private static final Cleaner CLEANER = Cleaner.create();

    private final Counters counters;
    /** Run after each renewal: the link lets go of retired grants whose sessions all ended. */
    private final Runnable afterRenewal;
    private final Set<Held> held = ConcurrentHashMap.newKeySet();
    /** Set while a renewal call is out, so a slow daemon never gets them piling up. */
    private final AtomicBoolean renewing = new AtomicBoolean();
    private ScheduledFuture<?> renewal; // guarded by this

    Leases(Counters counters, Runnable afterRenewal) {
        this.counters = counters;
        this.afterRenewal = afterRenewal;
    }

    /**
     * @param origin what the connection was borrowed through ({@link Held#origin})
     * @return the lease holder of a new connection, renewed until {@link #forget} or until {@code owner} is collected
     */
    Held register(Object owner, Object origin) {
        Held h = new Held(origin);
        held.add(h);
        CLEANER.register(owner, () -> held.remove(h)); // captures h and the set, never the owner
        return h;
    }

    /** Stops renewing for a connection the application closed. */
    void forget(Held h) {
        held.remove(h);
    }

    /**
     * The application that holds these connections is going (its data source closed, the JVM
     * exits): each open connection borrowed through {@code origin} (null: every one) is aborted,
     * as {@code Connection.abort} would (a call in flight fails now, later calls fail), and its
     * session joins its grant's releases, for the caller to flush: the daemon rolls it back and
     * takes it back at once instead of after the lease.
     */
    void giveBack(Object origin) {
        for (Held h : held) {
            if (origin != null && h.origin != origin) {
                continue;
            }
            h.abort();
            Grant g = h.grant;
            long session = h.session;
            if (session != 0 && g != null && !g.dropped()) {
                g.releases.giveBack(session);
            }
            held.remove(h);
        }
    }

    /** @return whether a connection holds a session borrowed under {@code grant} */
    boolean holdsAny(Grant grant) {
        for (Held h : held) {
            if (h.grant == grant && h.session != 0) {
                return true;
            }
        }
        return false;
    }

    /** (Re)starts the renewals for a login whose leases last {@code leaseMillis}. */
    synchronized void schedule(long leaseMillis) {
        if (renewal != null) {
            renewal.cancel(false);
        }
        // Three renewals per lease: two can be lost or late before the daemon reclaims anything.
        long period = Math.max(10, leaseMillis / 3);
        renewal = WeakTask.every(ClientThreads.TIMER, this, l -> ClientThreads.runAlone(l.renewing, l::renew), period);
    }

    /** Stops renewing: sessions still held expire on the daemon after their lease. */
    synchronized void close() {
        if (renewal != null) {
            renewal.cancel(false);
            renewal = null;
        }
    }

    private void renew() {
        // Nearly always one grant; two or more only while endpoints a reload retired drain.
        Map<Grant, List<Long>> byGrant = new HashMap<>(2);
        for (Held h : held) {
            Grant g = h.grant;
            long id = h.session;
            // A connection that borrowed anew between the two reads is renewed next time.
            if (id != 0 && g != null && h.grant == g && !g.dropped()) {
                byGrant.computeIfAbsent(g, k -> new ArrayList<>()).add(id);
            }
        }
        byGrant.forEach((g, list) -> {
            long[] ids = list.stream().mapToLong(Long::longValue).toArray();
            // In chunks: the daemon reads at most Protocol.MAX_RMI_REQUEST_BYTES of one request.
            for (int from = 0; from < ids.length; from += Protocol.MAX_RENEW_SESSIONS) {
                renew(g, Arrays.copyOfRange(ids, from, Math.min(ids.length, from + Protocol.MAX_RENEW_SESSIONS)));
            }
        });
        afterRenewal.run();
    }

    private void renew(Grant g, long[] ids) {
        try {
            counters.renewals.increment();
            long[] unknown = g.pool.renew(g.ticket(), ids);
            if (unknown.length > 0) {
                // Gone in the daemon: stop renewing; the connection learns it at its next call.
                Set<Long> gone = new HashSet<>();
                Arrays.stream(unknown).forEach(gone::add);
                held.forEach(h -> {
                    if (h.grant == g && gone.contains(h.session)) {
                        h.session = 0;
                    }
                });
            }
        } catch (RemoteException e) {
            // The next application call reports the broken link; renewal just tries again next period.
        }
    }
}
