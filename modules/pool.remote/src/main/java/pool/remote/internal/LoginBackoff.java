package pool.remote.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Holds logins back after failed ones, per client address and per user name, so that
 * guessing passwords gets slower the more it is tried, and refused attempts cost the daemon
 * no password check.
 *
 * <p>Each address and each user name has a count of failures. The first few are free (typos
 * happen); from then on each failure starts a wait that doubles up to a maximum, during which
 * logins are refused without a check. When the wait is over, one login at a time is let
 * through to probe: its failure starts the next, longer wait, its success clears the count.
 * Counts are forgotten after a quiet spell, and a success clears the address's count and the
 * user's.
 *
 * <p>Why a stranger cannot lock a legitimate user out for long: the per-address count only
 * ever holds back the address that failed. The per-user count could be driven up by anyone,
 * from anywhere, so (1) it never holds back an address that has logged in successfully as
 * that user within {@link #PROVEN_FOR}: an application server that logged in before keeps
 * logging in while strangers guess its password elsewhere; and (2) for other addresses its
 * wait is capped much lower than an address's ({@link #USERS}' 30 s against 5 min), and a
 * refused attempt does not lengthen it: a stranger must spend a real, failing check per
 * wait to keep the user held back at all, which also caps the guesses against one user at
 * one per wait from every address together.
 *
 * <p>Memory is bounded: each table keeps its most recently used entries only (an evicted
 * entry forgets its failures, which helps only an attacker with that many addresses).
 * Time comes from the clock given, so tests move it rather than sleep.
 */
public final class LoginBackoff {

    /**
     * How failures of one key turn into waits.
     *
     * @param freeFailures failures before the first wait
     * @param firstWait    the wait after the last free failure; each further failure doubles it
     * @param maxWait      the longest wait
     * @param forgetAfter  a key without failures for this long starts again from zero
     */
    public record Policy(int freeFailures, Duration firstWait, Duration maxWait, Duration forgetAfter) {
    }

    /**
     * Per address: five typos are free; then 1 s, 2 s, 4 s ... up to 5 min (an address that
     * keeps guessing gets about one guess in five minutes; one whose password was fixed waits
     * at most that long); forgotten after an hour without failures.
     */
    public static final Policy ADDRESSES = new Policy(5, Duration.ofSeconds(1), Duration.ofMinutes(5),
            Duration.ofHours(1));

    /**
     * Per user, across addresses: ten free failures (several application servers may share a
     * user); waits up to 30 s only, and never for addresses that proved themselves (see the
     * class comment).
     */
    public static final Policy USERS = new Policy(10, Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofHours(1));

    /** How long a successful login exempts its address from its user's count. */
    public static final Duration PROVEN_FOR = Duration.ofDays(7);

    /** Entries per table: beyond, the least recently used go. */
    static final int MAX_ENTRIES = 10_000;

    private final LongSupplier nanoClock;
    private final Counts addresses;
    private final Counts users;
    /** "user\0address" to when that user last logged in from that address. */
    private final Map<String, Long> proven = lru();

    /** @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime} in the daemon) */
    public LoginBackoff(LongSupplier nanoClock) {
        this(nanoClock, ADDRESSES, USERS);
    }

    LoginBackoff(LongSupplier nanoClock, Policy addresses, Policy users) {
        this.nanoClock = nanoClock;
        this.addresses = new Counts(addresses);
        this.users = new Counts(users);
    }

    /**
     * @return 0 when a login of {@code user} from {@code address} may be checked now (the
     *         caller then reports {@link #failed}, {@link #succeeded} or {@link #abandoned}), else
     *         how many nanoseconds to wait before trying again
     */
    public synchronized long admit(String user, String address) {
        long now = nanoClock.getAsLong();
        boolean exempt = isProven(user, address, now);
        long wait = addresses.wait(address, now);
        if (wait == 0 && !exempt) {
            wait = users.wait(key(user), now);
        }
        if (wait > 0) {
            return wait;
        }
        addresses.admitted(address);
        if (!exempt) {
            users.admitted(key(user));
        }
        return 0;
    }

    /**
     * Asks again, for a login {@link #admit} let through that then waited for its turn: the
     * failures of the logins ahead of it may have used up the free ones meanwhile (a flood
     * fills the queue before its first failures are known). The one login let through after
     * a wait (the probe) still goes ahead.
     *
     * @return 0 to go ahead with the check, else how many nanoseconds to wait; then the
     *         login is over, nothing more is reported
     */
    public synchronized long recheck(String user, String address) {
        long now = nanoClock.getAsLong();
        long wait = addresses.waitUnlessProbing(address, now);
        if (wait == 0 && !isProven(user, address, now)) {
            wait = users.waitUnlessProbing(key(user), now);
        }
        return wait;
    }

    /** A login {@link #admit} let through had a wrong user name or password. */
    public synchronized void failed(String user, String address) {
        long now = nanoClock.getAsLong();
        addresses.failed(address, now);
        users.failed(key(user), now);
    }

    /** A login {@link #admit} let through was right: the address proved itself for this user. */
    public synchronized void succeeded(String user, String address) {
        addresses.cleared(address);
        users.cleared(key(user));
        proven.put(pair(user, address), nanoClock.getAsLong());
    }

    /** A login {@link #admit} let through was not checked after all (the check itself broke). */
    public synchronized void abandoned(String user, String address) {
        addresses.settled(address);
        users.settled(key(user));
    }

    /** @return the entries held in each table: addresses, users, proven pairs (for tests of the bound) */
    synchronized int[] entries() {
        return new int[] {addresses.tallies.size(), users.tallies.size(), proven.size()};
    }

    private boolean isProven(String user, String address, long now) {
        Long at = proven.get(pair(user, address));
        if (at == null) {
            return false;
        }
        if (now - at >= PROVEN_FOR.toNanos()) {
            proven.remove(pair(user, address));
            return false;
        }
        return true;
    }

    private static String key(String user) {
        return user == null ? "" : user;
    }

    private static String pair(String user, String address) {
        return key(user) + '\0' + address;
    }

    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_ENTRIES;
            }
        };
    }

    /** The failure counts of one kind of key, under one policy; guarded by the enclosing instance. */
    private static final class Counts {
        private final Policy policy;
        private final Map<String, Tally> tallies = lru();

        Counts(Policy policy) {
            this.policy = policy;
        }

        long wait(String key, long now) {
            Tally t = live(key, now);
            if (t == null || t.failures < policy.freeFailures()) {
                return 0;
            }
            if (t.probing) {
                return Math.max(t.until - now, policy.firstWait().toNanos()); // one probe at a time
            }
            return Math.max(0, t.until - now);
        }

        /** The wait, except while a probe is out: that probe is the caller being rechecked, or goes ahead anyway. */
        long waitUnlessProbing(String key, long now) {
            Tally t = live(key, now);
            if (t == null || t.failures < policy.freeFailures() || t.probing) {
                return 0;
            }
            return Math.max(0, t.until - now);
        }

        void admitted(String key) {
            Tally t = tallies.get(key);
            if (t != null && t.failures >= policy.freeFailures()) {
                t.probing = true;
            }
        }

        void failed(String key, long now) {
            Tally t = live(key, now);
            if (t == null) {
                t = new Tally();
                tallies.put(key, t);
            }
            t.failures++;
            t.lastFailure = now;
            t.probing = false;
            int beyond = t.failures - policy.freeFailures();
            if (beyond >= 0) {
                long max = policy.maxWait().toNanos();
                long wait = policy.firstWait().toNanos();
                for (int i = 0; i < beyond && wait < max; i++) {
                    wait *= 2; // cannot overflow: it stops doubling at the maximum, a few minutes
                }
                t.until = now + Math.min(wait, max);
            }
        }

        void cleared(String key) {
            tallies.remove(key);
        }

        void settled(String key) {
            Tally t = tallies.get(key);
            if (t != null) {
                t.probing = false;
            }
        }

        /** @return the key's tally, unless it has been quiet long enough to be forgotten */
        private Tally live(String key, long now) {
            Tally t = tallies.get(key);
            if (t != null && now - t.lastFailure >= policy.forgetAfter().toNanos()) {
                tallies.remove(key);
                return null;
            }
            return t;
        }
    }

    private static final class Tally {
        int failures;
        long lastFailure;
        /** Until when logins wait, once past the free failures. */
        long until;
        /** A login was let through after a wait and has not reported yet. */
        boolean probing;
    }
}
