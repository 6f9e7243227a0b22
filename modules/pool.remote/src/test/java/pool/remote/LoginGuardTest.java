package pool.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import pool.remote.LoginGuard.Outcome;
import pool.remote.LoginGuard.Verdict;

/**
 * The guard with a clock that stands still unless a test moves it: no wait ever ends by
 * itself, so what is checked and what is refused depends on behaviour only.
 */
class LoginGuardTest {

    private static final Pattern SUMMARY = Pattern.compile("^(\\d+) more failed logins from (\\S+) in \\d+ s \\((.*)\\)$");
    private static final Pattern WRONG_IN_SUMMARY = Pattern.compile("(\\d+) wrong password");

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LongAdder checks = new LongAdder();

    private LoginGuard guard(int slots) {
        return LoginGuard.create(slots, now::get, lines::add);
    }

    /** A check that counts itself: the stand-in for a PBKDF2 derivation. */
    private LoginGuard.Check password(boolean right) {
        return () -> {
            checks.increment();
            return right;
        };
    }

    @Test
    void afterFiveFailuresAnAddressIsRefusedWithoutACheckAndToldWhenToRetry() {
        LoginGuard guard = guard(1);
        for (int i = 0; i < 5; i++) {
            assertEquals(Verdict.WRONG, guard.attempt("JMX login", "ops", "192.0.2.1", password(false)).verdict());
        }
        Outcome held = guard.attempt("JMX login", "ops", "192.0.2.1", password(true));
        assertEquals(Verdict.HELD_BACK, held.verdict());
        assertEquals("too many failed logins from this address or as this user: retry in 1 s", held.refusal());
        assertEquals(5, checks.sum(), "the refused login cost no check");
        assertEquals(Verdict.ACCEPTED, guard.attempt("JMX login", "ops", "192.0.2.2", password(true)).verdict());
    }

    @Test
    void aFullQueueRefusesAtOnceWithoutACheck() throws Exception {
        LoginGuard guard = guard(1); // one checking, eight waiting
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        List<Thread> inside = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 9; i++) {
            String address = "198.51.100." + i;
            inside.add(Thread.ofPlatform().start(() -> guard.attempt("remote login to pool orders", "app", address, () -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return true;
            })));
        }
        assertTrue(started.await(30, TimeUnit.SECONDS));
        while (guard.waitingForTests() < 8) {
            Thread.onSpinWait();
        }
        Outcome busy = guard.attempt("remote login to pool orders", "app", "203.0.113.1", password(true));
        assertEquals(Verdict.BUSY, busy.verdict());
        assertEquals("too many logins in progress: retry later", busy.refusal());
        assertEquals(0, checks.sum());
        assertTrue(lines.get(0).equals("refused remote login to pool orders as user app from 203.0.113.1: too many logins"
                + " in progress"), lines.toString());
        release.countDown();
        for (Thread t : inside) {
            t.join(30_000);
        }
        assertEquals(Verdict.ACCEPTED, guard.attempt("remote login to pool orders", "app", "203.0.113.1",
                password(true)).verdict());
    }

    @Test
    void failureLinesNameTheClientsAddress() {
        LoginGuard guard = guard(1);
        guard.attempt("JMX login", "ops", "192.0.2.7", password(false));
        assertEquals(List.of("failed JMX login as user ops from 192.0.2.7: wrong user name or password"), lines);
    }

    /**
     * The flood: 64 threads (many more than cores) send wrong passwords for "app" from one
     * address, while the application server that logged in as "app" before logs in again.
     * The flood gets the five free failures plus at most the checks already running when
     * they were used up; every other attempt is refused unchecked, queued ones included. Once
     * the flood is held back, every real login succeeds. The log has two lines whose numbers
     * add up to every failure.
     */
    @Test
    void aFloodOfWrongPasswordsCostsBoundedChecksWhileTheRealClientGetsIn() throws Exception {
        int slots = 2;
        LoginGuard guard = guard(slots);
        assertEquals(Verdict.ACCEPTED, guard.attempt("remote login to pool orders", "app", "10.1.1.1",
                password(true)).verdict());

        int threads = 64;
        Map<Verdict, LongAdder> flood = new ConcurrentHashMap<>();
        for (Verdict v : Verdict.values()) {
            flood.put(v, new LongAdder());
        }
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(threads);
        LongAdder floodChecks = new LongAdder();
        for (int t = 0; t < threads; t++) {
            Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    Outcome o = guard.attempt("remote login to pool orders", "app", "192.0.2.66", () -> {
                        floodChecks.increment();
                        Thread.onSpinWait();
                        return false;
                    });
                    flood.get(o.verdict()).increment();
                }
                done.countDown();
            });
        }
        while (flood.get(Verdict.HELD_BACK).sum() == 0 || guard.insideForTests() > 0) {
            Thread.onSpinWait(); // until the flood is held back and the checks it had going are over
        }
        long checksBefore = floodChecks.sum();
        for (int i = 0; i < 20; i++) {
            assertEquals(Verdict.ACCEPTED, guard.attempt("remote login to pool orders", "app", "10.1.1.1",
                    password(true)).verdict(), "real login " + i + " during the flood");
        }
        assertEquals(Verdict.ACCEPTED, guard.attempt("remote login to pool orders", "reporting", "10.1.1.2",
                password(true)).verdict(), "a user logging in for the first time from elsewhere");
        while (flood.values().stream().mapToLong(LongAdder::sum).sum() < 100L * threads) {
            Thread.onSpinWait(); // a flood: a hundred attempts a thread, at least
        }
        stop.set(true);
        assertTrue(done.await(120, TimeUnit.SECONDS));
        guard.close();

        long failures = flood.values().stream().mapToLong(LongAdder::sum).sum();
        assertEquals(0, flood.get(Verdict.ACCEPTED).sum());
        assertTrue(floodChecks.sum() <= 5 + slots, "the flood got " + floodChecks.sum() + " checks");
        assertEquals(checksBefore, floodChecks.sum(), "none after it was held back");
        assertEquals(floodChecks.sum(), flood.get(Verdict.WRONG).sum());

        long counted = 0;
        long wrong = 0;
        for (String l : lines) {
            assertTrue(l.contains("from 192.0.2.66"), l);
            Matcher m = SUMMARY.matcher(l);
            if (m.matches()) {
                counted += Long.parseLong(m.group(1));
                Matcher w = WRONG_IN_SUMMARY.matcher(m.group(3));
                wrong += w.find() ? Long.parseLong(w.group(1)) : 0;
            } else {
                counted++;
                wrong += l.endsWith("wrong user name or password") ? 1 : 0;
            }
        }
        assertEquals(2, lines.size(), "one full line and one summary: " + lines);
        assertEquals(failures, counted, "every failure is counted in the log: " + lines);
        assertEquals(floodChecks.sum(), wrong);
    }
}
