package pool.engine.internal.bag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pool.api.Priority;

/**
 * The bag alone under far more threads than cores: every item has at most one owner at
 * any time, none is lost, every waiter is either served or timed out.
 */
class BagStressTest {

    private static final int ITEMS = 8;

    @Test
    void manyPlatformThreadsNeverShareOrLoseAnItem() throws Exception {
        run(false, 128, 1_500);
    }

    @Test
    void tenThousandVirtualThreadsNeverShareOrLoseAnItem() throws Exception {
        run(true, 10_000, 2_500);
    }

    private static void run(boolean virtual, int threads, long millis) throws Exception {
        Bag<TestItem> bag = new Bag<>(16, true, new PriorityWaiterQueue<>(1_000_000));
        List<TestItem> items = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            TestItem t = new TestItem(i);
            bag.register(t);
            items.add(t);
            bag.release(t);
        }
        AtomicLong served = new AtomicLong();
        AtomicLong timedOut = new AtomicLong();
        AtomicLong attempts = new AtomicLong();
        Set<Throwable> errors = ConcurrentHashMap.newKeySet();
        long end = System.nanoTime() + millis * 1_000_000L;
        Thread.Builder builder = virtual ? Thread.ofVirtual() : Thread.ofPlatform().daemon();
        List<Thread> all = new ArrayList<>();
        Priority[] priorities = Priority.values();
        for (int i = 0; i < threads; i++) {
            all.add(builder.start(() -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                try {
                    while (System.nanoTime() < end) {
                        attempts.incrementAndGet();
                        TestItem t = bag.takeIdle();
                        if (t == null) {
                            BlockingWaiter<TestItem> w = new BlockingWaiter<>(priorities[r.nextInt(3)], System.nanoTime());
                            var ticket = bag.enqueue(w, Integer.MAX_VALUE);
                            t = w.await(System.nanoTime() + r.nextLong(1_000_000, 20_000_000));
                            if (t == null) {
                                bag.dequeue(ticket);
                                timedOut.incrementAndGet();
                                continue;
                            }
                        }
                        t.acquire();
                        if (t.state() != BagItem.IN_USE) {
                            throw new AssertionError(t + " handed out in state " + BagItem.stateName(t.state()));
                        }
                        served.incrementAndGet();
                        if (r.nextInt(4) == 0) {
                            Thread.yield(); // test only: hold the item a little, let others queue
                        }
                        t.releaseOwnership();
                        bag.release(t);
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            }));
        }
        for (Thread t : all) {
            t.join(30_000);
            assertTrue(!t.isAlive(), "a worker is stuck");
        }
        assertTrue(errors.isEmpty(), () -> errors.iterator().next().toString());
        assertEquals(attempts.get(), served.get() + timedOut.get(), "every attempt served or timed out");
        assertEquals(0, bag.waiting(), "no waiter left behind");
        int[] counts = new int[4];
        bag.countByState(counts);
        assertEquals(ITEMS, counts[BagItem.IDLE], "every item back and idle, none lost");
        for (TestItem t : items) {
            assertEquals(0, t.owners.get());
        }
        int polled = 0;
        while (bag.takeIdle() != null) {
            polled++;
        }
        assertEquals(ITEMS, polled, "idle set holds each item exactly once");
        assertTrue(served.get() > 0);
    }
}
