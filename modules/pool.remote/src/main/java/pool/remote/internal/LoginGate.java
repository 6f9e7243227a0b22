package pool.remote.internal;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon-wide bound on password checks running at once, with a bounded first-come,
 * first-served queue in front of it. A check (PBKDF2) takes a core for a good part of a
 * second on purpose, so without a bound anyone who can connect could keep every core busy;
 * with it, a login beyond the bound waits its turn, and one that finds the queue full is
 * refused at once, at the cost of nothing but the refusal.
 *
 * <p>Use: {@link #reserve()} (fast, never waits); if that succeeded, either {@link #cancel()}
 * or {@link #awaitTurn()}, the check, then {@link #leave()}.
 */
public final class LoginGate {

    private final int capacity;
    /** Fair: waiting logins get their turn in the order they arrived. */
    private final Semaphore turns;
    /** Reservations held: logins checking plus logins waiting. */
    private final AtomicInteger inside = new AtomicInteger();

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
        this.turns = new Semaphore(checks, true);
    }

    /** @return whether a place (checking or waiting) was free and is now the caller's; never waits */
    public boolean reserve() {
        if (inside.incrementAndGet() > capacity) {
            inside.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Gives a reserved place back unused. */
    public void cancel() {
        inside.decrementAndGet();
    }

    /** Waits, behind the logins that reserved before, until a check may run. */
    public void awaitTurn() {
        turns.acquireUninterruptibly();
    }

    /** Ends a check that {@link #awaitTurn()} let run, and the reservation with it. */
    public void leave() {
        turns.release();
        inside.decrementAndGet();
    }

    /** @return how many logins are checking or waiting now */
    public int inside() {
        return inside.get();
    }

    /** @return how many logins wait for their turn now (an estimate, for tests and monitoring) */
    public int waiting() {
        return turns.getQueueLength();
    }
}
