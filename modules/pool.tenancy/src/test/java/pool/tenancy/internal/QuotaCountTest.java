package pool.tenancy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class QuotaCountTest {

    private static final int THREADS = 48; // many more than the cores: collisions, stripes, steals

    @Test
    void heldNeverExceedsMaxAndNothingIsLostUnderContention() throws Exception {
        contend(new QuotaCount()); // stripes if the borrowers collide, which load on the machine may prevent
    }

    @Test
    void heldNeverExceedsMaxAndNothingIsLostUnderContentionWithStripes() throws Exception {
        QuotaCount q = new QuotaCount();
        q.stripe();
        contend(q);
    }

    private static void contend(QuotaCount q) throws Exception {
        int max = 5;
        AtomicInteger inUse = new AtomicInteger();
        AtomicLong served = new AtomicLong();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread watcher = new Thread(() -> {
            while (!stop.get()) {
                int h = q.held();
                if (h > max) {
                    violations.add("held() " + h);
                }
            }
        });
        watcher.start();
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread th = new Thread(() -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                for (int i = 0; i < 10_000; i++) {
                    if (q.tryTake(max) != QuotaCount.TAKEN) {
                        Thread.onSpinWait();
                        continue;
                    }
                    int n = inUse.incrementAndGet();
                    if (n > max) {
                        violations.add(n + " held at once");
                    }
                    boolean second = r.nextInt(8) == 0 && q.tryTake(max) == QuotaCount.TAKEN; // a nested borrow
                    if (second) {
                        if (inUse.incrementAndGet() > max) {
                            violations.add("nested borrow over max");
                        }
                        inUse.decrementAndGet();
                        if (r.nextBoolean()) {
                            q.untake(max); // found no connection: neither held nor counted
                        } else {
                            served.incrementAndGet();
                            q.give(max);
                        }
                    }
                    if (r.nextInt(4) == 0) {
                        Thread.yield();
                    }
                    inUse.decrementAndGet();
                    served.incrementAndGet();
                    q.give(max);
                }
            });
            ts.add(th);
            th.start();
        }
        for (Thread th : ts) {
            th.join();
        }
        stop.set(true);
        watcher.join();
        assertTrue(violations.isEmpty(), () -> violations.size() + " violations, first: " + violations.peek());
        assertEquals(0, q.held(), "every permit came back");
        assertEquals(served.get(), q.borrows(), "each borrow counted once, undone ones not at all");
        assertTrue(q.forget(), "idle: the leases go back to the word and the tenant can be forgotten");
        assertEquals(QuotaCount.FORGOTTEN, q.tryTake(max));
    }

    @Test
    void atMaxOnlyWhenNoPermitIsFreeInAnyStripe() throws Exception {
        QuotaCount q = striped();
        assertEquals(0, q.held());
        // Two permits out, both given back on other threads: they may stay as those threads' leases.
        assertEquals(QuotaCount.TAKEN, q.tryTake(2));
        assertEquals(QuotaCount.TAKEN, q.tryTake(2));
        assertEquals(QuotaCount.AT_MAX, q.tryTake(2));
        onOtherThread(() -> q.give(2));
        onOtherThread(() -> q.give(2));
        assertEquals(0, q.held());
        // This thread's stripe is empty and the word may be full: it takes the others' leases.
        assertEquals(QuotaCount.TAKEN, q.tryTake(2));
        assertEquals(QuotaCount.TAKEN, q.tryTake(2));
        assertEquals(QuotaCount.AT_MAX, q.tryTake(2));
        assertEquals(2, q.held());
    }

    @Test
    void aLiveDecreaseHoldsOnceTheLeasesAreDrained() throws Exception {
        QuotaCount q = striped();
        for (int i = 0; i < 4; i++) {
            assertEquals(QuotaCount.TAKEN, q.tryTake(4));
        }
        for (int i = 0; i < 4; i++) {
            onOtherThread(() -> q.give(4));
        }
        q.drainLeases(); // what a live change does
        assertEquals(QuotaCount.TAKEN, q.tryTake(1));
        assertEquals(QuotaCount.AT_MAX, q.tryTake(1));
        onOtherThread(() -> q.give(1));
        assertEquals(QuotaCount.TAKEN, q.tryTake(1), "the permit given back is free again");
    }

    @Test
    void aTenantHoldingAConnectionIsNeverForgotten() throws Exception {
        QuotaCount q = striped();
        assertEquals(QuotaCount.TAKEN, q.tryTake(3));
        assertEquals(QuotaCount.TAKEN, q.tryTake(3));
        onOtherThread(() -> q.give(3)); // one back, perhaps as a lease
        assertFalse(q.forget(), "one still held");
        assertEquals(1, q.held());
        q.give(3);
        assertTrue(q.forget());
        assertEquals(QuotaCount.FORGOTTEN, q.held());
        assertEquals(0, q.borrows());
    }

    /** A count whose borrowers have collided (it has stripes), idle. */
    private static QuotaCount striped() {
        QuotaCount q = new QuotaCount();
        q.stripe();
        return q;
    }

    private static void onOtherThread(Runnable r) throws InterruptedException {
        Thread t = new Thread(r);
        t.start();
        t.join();
    }
}
