package pool.engine.internal.bag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import pool.api.Priority;

/**
 * A waiter giving up (timeout or cancel) at the very moment an item is handed to it:
 * exactly one side wins, and the item ends up with the waiter or back in the bag —
 * never both, never neither.
 */
class HandOffRaceTest {

    @Test
    void cancelRacingHandOffNeverLosesOrDuplicatesTheItem() throws Exception {
        Bag<TestItem> bag = new Bag<>(4, true, new PriorityWaiterQueue<>());
        TestItem item = new TestItem(1);
        bag.register(item);
        bag.release(item);
        CyclicBarrier start = new CyclicBarrier(2);
        AtomicReference<BlockingWaiter<TestItem>> current = new AtomicReference<>();
        AtomicReference<WaiterQueue.Ticket> ticket = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long end = System.nanoTime() + 2_000_000_000L;
        int[] stats = new int[2]; // [0] handed to waiter, [1] went back to the bag
        int iterations = 0;

        Thread canceller = Thread.ofPlatform().daemon().start(() -> {
            try {
                while (true) {
                    start.await();
                    BlockingWaiter<TestItem> w = current.get();
                    if (w == null) {
                        return;
                    }
                    if (w.tryCancel()) {
                        bag.dequeue(ticket.get());
                    }
                    start.await();
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        });

        while (System.nanoTime() < end && failure.get() == null) {
            TestItem held = bag.takeIdle();
            assertSame(item, held);
            BlockingWaiter<TestItem> w = new BlockingWaiter<>(Priority.NORMAL, System.nanoTime());
            current.set(w);
            ticket.set(bag.enqueue(w, 10));
            start.await();
            bag.release(held); // races the canceller's tryCancel
            start.await();
            // Exactly one owner now: the waiter, or the bag's idle set.
            TestItem viaWaiter = w.await(System.nanoTime()); // deadline passed: returns at once
            TestItem idle = bag.takeIdle();
            if (viaWaiter != null) {
                assertSame(item, viaWaiter);
                assertNull(idle, "item both with the waiter and idle");
                stats[0]++;
                bag.release(viaWaiter);
            } else {
                assertSame(item, idle, "item lost: neither with the waiter nor idle");
                stats[1]++;
                bag.release(idle);
            }
            assertEquals(0, bag.waiting());
            iterations++;
        }
        current.set(null);
        start.await();
        canceller.join(5_000);
        assertNull(failure.get());
        assertTrue(iterations > 1_000, "iterations " + iterations);
        assertTrue(stats[0] > 0 && stats[1] > 0, "both outcomes occurred: " + stats[0] + "/" + stats[1]);
    }
}
