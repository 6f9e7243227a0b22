package pool.remote.internal;

import java.lang.System.Logger.Level;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import pool.remote.ConnectionLimits;

/**
 * Counts the unauthenticated connections of one listening port, in total and per client
 * address, and admits a new one only under both caps: whoever can connect can then hold
 * at most so many sockets, buffers and threads of the daemon before logging in. Also the
 * place where what happens to strangers' connections is logged, each kind rate-limited.
 */
public final class ConnectionGuard {

    private static final System.Logger LOG = System.getLogger("poold.remote");

    /** One line per kind of refusal or cut per 10 s at most; the next line counts the rest. */
    private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

    private final String service;
    private final ConnectionLimits limits;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<Source, Integer> perSource = new ConcurrentHashMap<>();
    private final RateLimitedLog refusals;
    private final RateLimitedLog oversized;
    private final RateLimitedLog overdue;
    private final RateLimitedLog refusedCalls;

    /** @param service names the port in log lines */
    public ConnectionGuard(String service, ConnectionLimits limits) {
        this(service, limits, System::nanoTime);
    }

    ConnectionGuard(String service, ConnectionLimits limits, LongSupplier nanoClock) {
        this.service = service;
        this.limits = limits;
        this.refusals = new RateLimitedLog(LOG, LOG_INTERVAL, nanoClock);
        this.oversized = new RateLimitedLog(LOG, LOG_INTERVAL, nanoClock);
        this.overdue = new RateLimitedLog(LOG, LOG_INTERVAL, nanoClock);
        this.refusedCalls = new RateLimitedLog(LOG, LOG_INTERVAL, nanoClock);
    }

    ConnectionLimits limits() {
        return limits;
    }

    /**
     * A client address as the per-address cap counts it: an IPv6 address by its /64 prefix,
     * the block one host or one customer of a provider is given, so that a peer cannot
     * escape the cap by cycling the addresses of its own block.
     */
    private record Source(byte[] bytes) {
        static Source of(InetAddress a) {
            byte[] b = a.getAddress();
            return new Source(a instanceof Inet6Address ? Arrays.copyOf(b, 8) : b);
        }

        /**
         * A local account on one loopback address: the address's bytes and the uid's, so never equal to
         * an address alone. By address too, as before, so that the share of one account stays what one
         * address had (clients that stand for several hosts on 127/8 keep a share each).
         */
        static Source ofLocalUser(InetAddress a, int uid) {
            byte[] b = Arrays.copyOf(a.getAddress(), a.getAddress().length + 4);
            for (int i = 0; i < 4; i++) {
                b[b.length - 4 + i] = (byte) (uid >>> (24 - 8 * i));
            }
            return new Source(b);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Source s && Arrays.equals(bytes, s.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    /** An unauthenticated connection counted against the caps, until {@link #release()}. */
    public final class Admission {
        private final Source source;
        private final AtomicBoolean released = new AtomicBoolean();

        private Admission(Source source) {
            this.source = source;
        }

        /** The connection authenticated or closed; releasing twice is harmless. */
        public void release() {
            if (released.compareAndSet(false, true)) {
                total.decrementAndGet();
                perSource.computeIfPresent(source, (k, n) -> n == 1 ? null : n - 1);
            }
        }
    }

    /**
     * @return the admission of a new connection from {@code address}, or null when a cap is
     *         reached: the caller closes the connection at once (this logs it, rate-limited)
     */
    public Admission admit(InetAddress address) {
        return admit(address, OptionalInt::empty);
    }

    /**
     * @return the admission of {@code accepted}, counted by its address; from this host, beyond
     *         that address's share, by its local account ({@link LoopbackPeers}); null when a cap is reached
     */
    public Admission admit(java.net.Socket accepted) {
        return admit(accepted.getInetAddress(), () -> LoopbackPeers.ownerOf(accepted));
    }

    /**
     * Every local process connects from loopback, so one local account holding the loopback
     * address's share would lock every other one out (an operator's poolctl). Beyond that
     * share each local account has a further share of its own. The account is looked up only
     * then (it costs a read of the kernel's socket table), so a host's ordinary clients cost
     * nothing more.
     *
     * @param localUser the account owning the client's end, asked only when the address's share is used up
     */
    Admission admit(InetAddress address, java.util.function.Supplier<OptionalInt> localUser) {
        if (total.incrementAndGet() > limits.maxUnauthenticated()) {
            total.decrementAndGet();
            refusals.warn(() -> "poold refused a connection to its " + service + " from " + address.getHostAddress()
                    + ": " + limits.maxUnauthenticated() + " connections are open that have not logged in, the most"
                    + " maxUnauthenticatedConnections allows");
            return null;
        }
        Source source = Source.of(address);
        if (take(source)) {
            return new Admission(source);
        }
        OptionalInt uid = address.isLoopbackAddress() ? localUser.get() : OptionalInt.empty();
        if (uid.isPresent()) {
            Source account = Source.ofLocalUser(address, uid.getAsInt());
            if (take(account)) {
                return new Admission(account);
            }
        }
        total.decrementAndGet();
        String from = uid.isPresent() ? "that address, and as many from local user id " + uid.getAsInt() + ","
                : "that address";
        refusals.warn(() -> "poold refused a connection to its " + service + " from " + address.getHostAddress()
                + ": " + limits.maxUnauthenticatedPerAddress() + " connections from " + from + " have not logged"
                + " in, the most maxUnauthenticatedConnectionsPerAddress allows");
        return null;
    }

    /** @return whether {@code source} had a place left, now taken */
    private boolean take(Source source) {
        boolean[] admitted = {false};
        perSource.compute(source, (k, n) -> {
            int count = n == null ? 0 : n;
            if (count >= limits.maxUnauthenticatedPerAddress()) {
                return n;
            }
            admitted[0] = true;
            return count + 1;
        });
        return admitted[0];
    }

    /** Logs (rate-limited) that a connection from {@code address} was closed for sending more than a request may hold. */
    void oversized(InetAddress address, int limit) {
        oversized.warn(() -> "poold closed a connection to its " + service + " from " + address.getHostAddress()
                + ": a request before login longer than " + limit + " bytes");
    }

    /** Logs (rate-limited) that a connection from {@code address} was closed for sending {@code what}. */
    void refused(InetAddress address, String what) {
        refusedCalls.warn(() -> "poold closed a connection to its " + service + " from " + address.getHostAddress()
                + ": " + what);
    }

    /** Logs (rate-limited) that a connection from {@code address} was closed for not finishing {@code what} in time. */
    void overdue(InetAddress address, String what) {
        overdue.warn(() -> "poold closed a connection to its " + service + " from " + address.getHostAddress() + ": "
                + what + " not complete within " + limits.requestTimeout().toMillis() + " ms");
    }

    /** Logs a connection closed after the idle timeout: RMI's own housekeeping, not an attack. */
    void idle(InetAddress address) {
        LOG.log(Level.DEBUG, "poold closed a connection to its {0} from {1}, idle for {2} ms", service,
                address.getHostAddress(), Long.toString(limits.idleTimeout().toMillis()));
    }

    /** @return the unauthenticated connections open now */
    int open() {
        return total.get();
    }
}
