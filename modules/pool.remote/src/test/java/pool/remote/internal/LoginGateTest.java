package pool.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class LoginGateTest {

    @Test
    void aFullGateRefusesAtOnceAndAPlaceGivenBackIsFreeAgain() {
        LoginGate gate = new LoginGate(1, 2);
        assertTrue(gate.reserve("192.0.2.1"));
        assertTrue(gate.reserve("192.0.2.2"));
        assertTrue(gate.reserve("192.0.2.3"));
        assertFalse(gate.reserve("192.0.2.4"), "one checking and two waiting fill it");
        gate.cancel("192.0.2.2");
        assertTrue(gate.reserve("192.0.2.4"));
        assertEquals(3, gate.inside());
    }

    @Test
    void oneAddressNeverHoldsMoreThanHalfThePlaces() {
        LoginGate gate = new LoginGate(1, 8); // nine places
        for (int i = 0; i < 5; i++) {
            assertTrue(gate.reserve("192.0.2.66"));
        }
        assertFalse(gate.reserve("192.0.2.66"), "a flooding address gets five of nine");
        for (int i = 0; i < 4; i++) {
            assertTrue(gate.reserve("10.1.1." + i), "the rest stay free for everyone else");
        }
        assertFalse(gate.reserve("10.1.1.9"));
        gate.cancel("192.0.2.66");
        assertTrue(gate.reserve("192.0.2.66"));
    }

    @Test
    void waitingLoginsGetTheirTurnInTheOrderTheyArrived() throws Exception {
        LoginGate gate = new LoginGate(1, 8);
        assertTrue(gate.reserve("10.0.0.100"));
        gate.awaitTurn(); // this thread checks; everyone else queues behind it
        List<Integer> order = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(8);
        for (int i = 0; i < 8; i++) {
            int n = i;
            String address = "10.0.0." + i;
            assertTrue(gate.reserve(address));
            Thread.ofPlatform().start(() -> {
                gate.awaitTurn();
                order.add(n);
                gate.leave(address);
                done.countDown();
            });
            while (gate.waiting() < i + 1) { // queued before the next one starts
                LockSupport.parkNanos(100_000);
            }
        }
        gate.leave("10.0.0.100");
        assertTrue(done.await(30, TimeUnit.SECONDS));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), order);
        assertEquals(0, gate.inside());
    }

    @Test
    void manyMoreThreadsThanCoresNeverRunMoreChecksAtOnceThanTheBound() throws Exception {
        int checks = 2;
        LoginGate gate = new LoginGate(checks, 8);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicLong admitted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        int threads = 64;
        int attempts = 300;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            String address = "10.0.0." + (t % 8);
            Thread.ofPlatform().start(() -> {
                for (int i = 0; i < attempts; i++) {
                    if (!gate.reserve(address)) {
                        refused.incrementAndGet();
                        continue;
                    }
                    gate.awaitTurn();
                    int now = running.incrementAndGet();
                    most.accumulateAndGet(now, Math::max);
                    Thread.onSpinWait();
                    running.decrementAndGet();
                    gate.leave(address);
                    admitted.incrementAndGet();
                }
                done.countDown();
            });
        }
        assertTrue(done.await(120, TimeUnit.SECONDS));
        assertTrue(most.get() <= checks, "at most " + checks + " at once, saw " + most.get());
        assertEquals((long) threads * attempts, admitted.get() + refused.get());
        assertEquals(0, gate.inside(), "every place given back");
    }
}
