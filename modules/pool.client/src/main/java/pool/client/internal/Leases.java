package pool.client.internal;

import java.lang.ref.Cleaner;
import java.rmi.RemoteException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import pool.protocol.Protocol;

/**
 * Keeps the daemon from taking back the sessions a link's open connections hold: renews
 * their leases three times per lease, over RMI, in the background.
 */
final class Leases {

    /**
     * Lets the daemon take back what a garbage-collected, never-closed connection held:
     * its {@link Held} leaves the renewal set, and the daemon's lease does the rest.
     */
    private static final Cleaner CLEANER = Cleaner.create();

    private final Login login;
    private final Counters counters;
    private final Set<Held> held = ConcurrentHashMap.newKeySet();
    /** Set while a renewal call is out, so a slow daemon never gets them piling up. */
    private final AtomicBoolean renewing = new AtomicBoolean();
    private ScheduledFuture<?> renewal; // guarded by this

    Leases(Login login, Counters counters) {
        this.login = login;
        this.counters = counters;
    }

    /** @return the lease holder of a new connection, renewed until {@link #forget} or until {@code owner} is collected */
    Held register(Object owner) {
        Held h = new Held();
        held.add(h);
        CLEANER.register(owner, () -> held.remove(h)); // captures h and the set, never the owner
        return h;
    }

    /** Stops renewing for a connection the application closed. */
    void forget(Held h) {
        held.remove(h);
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
        long[] ids = held.stream().mapToLong(h -> h.session).filter(id -> id != 0).toArray();
        if (ids.length == 0) {
            return;
        }
        Login.Ticket t = login.current();
        if (t == null) {
            return;
        }
        // In chunks: the daemon reads at most Protocol.MAX_RMI_REQUEST_BYTES of one request.
        for (int from = 0; from < ids.length; from += Protocol.MAX_RENEW_SESSIONS) {
            renew(t, Arrays.copyOfRange(ids, from, Math.min(ids.length, from + Protocol.MAX_RENEW_SESSIONS)));
        }
    }

    private void renew(Login.Ticket t, long[] ids) {
        try {
            counters.renewals.increment();
            long[] unknown = t.pool().renew(t.bytes(), ids);
            if (unknown.length > 0) {
                // Gone in the daemon: stop renewing; the connection learns it at its next call.
                Set<Long> gone = new HashSet<>();
                Arrays.stream(unknown).forEach(gone::add);
                held.forEach(h -> {
                    if (gone.contains(h.session)) {
                        h.session = 0;
                    }
                });
            }
        } catch (RemoteException e) {
            // The next application call reports the broken link; renewal just tries again next period.
        }
    }
}
