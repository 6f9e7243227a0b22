package pool.remote;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import pool.remote.internal.FailureLog;
import pool.remote.internal.LoginBackoff;
import pool.remote.internal.LoginGate;

/**
 * The one way the daemon checks a password: every pool login and every JMX login goes
 * through one guard, which bounds the checks running at once for the whole daemon and queues
 * a few more fairly, no address taking more than half the places ({@code LoginGate}),
 * refuses at once what the queue cannot hold, holds
 * back addresses and users after failures ({@code LoginBackoff}), and logs failures without
 * letting a flood multiply the lines ({@code FailureLog}). Refusals cost no password check.
 */
public final class LoginGuard implements AutoCloseable {

    /** What became of a login. */
    public enum Verdict {
        /** Checked: the user name and password are right. */
        ACCEPTED,
        /** Checked: the user name or password is wrong. */
        WRONG,
        /** Not checked: the daemon is checking as many logins as it allows and its queue is full. */
        BUSY,
        /** Not checked: this address or user failed too often lately; {@link Outcome#retryAfter()} says when to retry. */
        HELD_BACK
    }

    /**
     * @param verdict    what became of the login
     * @param retryAfter for {@link Verdict#HELD_BACK}, how long until a retry may be checked; else zero
     */
    public record Outcome(Verdict verdict, Duration retryAfter) {

        /** @return words for the client, free of anything it did not send itself: why it was not let in */
        public String refusal() {
            return switch (verdict) {
                case ACCEPTED -> "accepted";
                case WRONG -> "wrong user name or password";
                case BUSY -> "too many logins in progress: retry later";
                case HELD_BACK -> "too many failed logins from this address or as this user: retry in "
                        + Math.max(1, (retryAfter.toMillis() + 999) / 1000) + " s";
            };
        }
    }

    /** A password check, run only when the guard lets the login through. */
    @FunctionalInterface
    public interface Check {
        /** @return whether the user name and password are right */
        boolean matches();
    }

    private static final System.Logger LOG = System.getLogger("poold.login");

    /** Logins waiting per check slot: the last in the queue waits for eight checks to finish before its own. */
    static final int QUEUE_PER_CHECK = 8;

    /** How long one address's failures are summed into one log line. */
    static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

    private final LoginGate gate;
    private final LoginBackoff backoff;
    private final FailureLog log;
    private final ScheduledExecutorService flusher;
    private final LongAdder checks = new LongAdder();

    LoginGuard(LoginGate gate, LoginBackoff backoff, FailureLog log, ScheduledExecutorService flusher) {
        this.gate = gate;
        this.backoff = backoff;
        this.log = log;
        this.flusher = flusher;
    }

    /**
     * @param checks how many password checks may run at once
     * @param clock  a monotonic clock in nanoseconds
     * @param out    receives the failure log's lines
     * @return a guard whose failure summaries are written only by {@link #flushDue()} and {@link #close()}
     */
    static LoginGuard create(int checks, LongSupplier clock, Consumer<String> out) {
        return new LoginGuard(new LoginGate(checks, checks * QUEUE_PER_CHECK), new LoginBackoff(clock),
                new FailureLog(clock, LOG_INTERVAL, out), null);
    }

    /**
     * Starts the daemon's guard: at most half the cores check passwords at once (at least
     * one), so that during a flood the other half keeps serving the pools; failures are
     * logged as warnings of {@code poold.login}, summed per address and minute.
     */
    public static LoginGuard start() {
        int checks = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "poold-login-log");
            t.setDaemon(true);
            return t;
        });
        LongSupplier clock = System::nanoTime;
        LoginGuard guard = new LoginGuard(new LoginGate(checks, checks * QUEUE_PER_CHECK), new LoginBackoff(clock),
                new FailureLog(clock, LOG_INTERVAL, m -> LOG.log(Level.WARNING, m)), flusher);
        // A quarter of the interval: a summary is written at most 25 % late.
        long period = LOG_INTERVAL.toMillis() / 4;
        flusher.scheduleWithFixedDelay(guard::flushDue, period, period, TimeUnit.MILLISECONDS);
        LOG.log(Level.INFO, "password checks: at most {0} at once, {1} more waiting", Integer.toString(checks),
                Integer.toString(checks * QUEUE_PER_CHECK));
        return guard;
    }

    /**
     * Lets a login through to {@code check}, or refuses it unchecked, and logs a failure.
     *
     * @param service what is logged into, for the log ({@code "JMX login"}, {@code "remote login to pool orders"})
     * @param user    the user name the client gave
     * @param address the client's address (an IP address, no port): failures are counted per address
     */
    public Outcome attempt(String service, String user, String address, Check check) {
        long wait = backoff.admit(user, address);
        if (wait > 0) {
            return heldBack(service, user, address, wait);
        }
        if (!gate.reserve(address)) {
            backoff.abandoned(user, address);
            log.failed(address, FailureLog.Kind.BUSY, "refused " + service + " as user " + user + " from " + address
                    + ": too many logins in progress");
            return new Outcome(Verdict.BUSY, Duration.ZERO);
        }
        boolean matches;
        gate.awaitTurn();
        try {
            wait = backoff.recheck(user, address);
            if (wait > 0) {
                matches = false; // held back while it waited: the logins ahead used up the free failures
            } else {
                checks.increment();
                matches = check.matches();
            }
        } catch (RuntimeException | Error e) {
            backoff.abandoned(user, address);
            throw e;
        } finally {
            gate.leave(address);
        }
        if (wait > 0) {
            return heldBack(service, user, address, wait);
        }
        if (matches) {
            backoff.succeeded(user, address);
            return new Outcome(Verdict.ACCEPTED, Duration.ZERO);
        }
        backoff.failed(user, address);
        log.failed(address, FailureLog.Kind.WRONG_PASSWORD, "failed " + service + " as user " + user + " from "
                + address + ": wrong user name or password");
        return new Outcome(Verdict.WRONG, Duration.ZERO);
    }

    private Outcome heldBack(String service, String user, String address, long waitNanos) {
        Outcome held = new Outcome(Verdict.HELD_BACK, Duration.ofNanos(waitNanos));
        log.failed(address, FailureLog.Kind.HELD_BACK, "refused " + service + " as user " + user + " from " + address
                + ": " + held.refusal());
        return held;
    }

    /**
     * @return the IP address of the RMI client whose call the current thread serves, the key
     *         logins are counted by; "an unknown host" outside an RMI call (an in-process test)
     */
    public static String rmiClientAddress() {
        try {
            return java.rmi.server.RemoteServer.getClientHost();
        } catch (java.rmi.server.ServerNotActiveException e) {
            return "an unknown host";
        }
    }

    /** @return how many password checks ran */
    public long checks() {
        return checks.sum();
    }

    /** @return how many logins wait for a check slot now */
    int waitingForTests() {
        return gate.waiting();
    }

    /** @return how many logins are checking or waiting now */
    int insideForTests() {
        return gate.inside();
    }

    /** Writes the failure summaries whose interval is over. */
    public void flushDue() {
        log.flushDue();
    }

    /** Stops the periodic summaries and writes every summary still open. */
    @Override
    public void close() {
        if (flusher != null) {
            flusher.shutdownNow();
        }
        log.flushAll();
    }
}
