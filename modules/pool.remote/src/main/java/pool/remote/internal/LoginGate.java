package pool.remote.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * The daemon-wide bound on password checks running at once, with a bounded first-come,
 * first-served queue in front of it. A check (PBKDF2) takes a core for a good part of a
 * second on purpose, so without a bound anyone who can connect could keep every core busy;
 * with it, a login beyond the bound waits its turn, and one that finds no place is refused
 * at once, at the cost of nothing but the refusal.
 *
 * <p>No client address holds more than half the places: one address flooding logins cannot
 * fill the queue, so logins from elsewhere still find a place and wait only their turn.
 *
 * <p>Use: {@link #reserve} (fast, never waits); if that succeeded, either {@link #cancel} or
 * {@link #awaitTurn()}, the check, then {@link #leave}.
 */
public final class LoginGate {

    private final int capacity;
    private final int perAddress;
    /** Fair: waiting logins get their turn in the order they arrived. */
    private final Semaphore turns;
    /** Places held (checking or waiting), in all and by address; guarded by this. */
    private int inside;
    private final Map<String, Integer> byAddress = new HashMap<>();

    /**
     * @param checks how many password checks may run at once, at least 1
     * @param queue  how many logins may wait for a turn beyond those, at least 0
     */
    public LoginGate(int checks, int queue) {
        if (checks < 1 || queue < 0) {
            throw new IllegalArgumentException("checks must be at least 1 and queue at least 0, got " + checks + " and "
                    + queue);
        }
        this.capacity = checks + queue;
        this.perAddress = (capacity + 1) / 2;
        this.turns = new Semaphore(checks, true);
    }

    /**
     * @return whether a place (checking or waiting) was free for a login from {@code address}
     *         and is now its; never waits
     */
    public synchronized boolean reserve(String address) {
        int mine = byAddress.getOrDefault(address, 0);
        if (inside >= capacity || mine >= perAddress) {
            return false;
        }
        inside++;
        byAddress.put(address, mine + 1);
        return true;
    }

    /** Gives a place reserved for {@code address} back unused. */
    public synchronized void cancel(String address) {
        inside--;
        byAddress.computeIfPresent(address, (a, n) -> n == 1 ? null : n - 1);
    }

    /** Waits, behind the logins that reserved before, until a check may run. */
    public void awaitTurn() {
        turns.acquireUninterruptibly();
    }

    /** Ends a check that {@link #awaitTurn()} let run, and the place of {@code address} with it. */
    public void leave(String address) {
        turns.release();
        cancel(address);
    }

    /** @return how many logins are checking or waiting now */
    public synchronized int inside() {
        return inside;
    }

    /** @return how many logins wait for their turn now (an estimate, for tests and monitoring) */
    public int waiting() {
        return turns.getQueueLength();
    }
}
