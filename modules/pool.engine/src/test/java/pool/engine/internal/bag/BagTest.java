package pool.engine.internal.bag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import pool.api.Priority;
import pool.testsupport.await.Await;

class BagTest {

    private static Bag<TestItem> bag(boolean lifo, int... ids) {
        Bag<TestItem> bag = new Bag<>(16, lifo, new PriorityWaiterQueue<>());
        for (int id : ids) {
            TestItem t = new TestItem(id);
            assertTrue(bag.register(t));
            bag.release(t);
        }
        return bag;
    }

    @Test
    void idleItemIsTakenWithoutWaitingAndMarkedInUse() {
        Bag<TestItem> bag = bag(true, 1);
        TestItem t = bag.takeIdle();
        assertEquals(1, t.id);
        assertEquals(BagItem.IN_USE, t.state());
        assertNull(bag.takeIdle());
    }

    @Test
    void lifoBagHandsOutTheMostRecentlyReleasedItem() {
        Bag<TestItem> bag = bag(true, 1, 2, 3);
        assertEquals(3, bag.takeIdle().id);
    }

    @Test
    void fifoBagHandsOutTheLeastRecentlyReleasedItem() {
        Bag<TestItem> bag = bag(false, 1, 2, 3);
        assertEquals(1, bag.takeIdle().id);
    }

    @Test
    void returnedItemGoesToLongestWaiter() throws Exception {
        Bag<TestItem> bag = bag(true, 1);
        TestItem held = bag.takeIdle();
        BlockingWaiter<TestItem> first = new BlockingWaiter<>(Priority.NORMAL, System.nanoTime());
        bag.enqueue(first, 10);
        BlockingWaiter<TestItem> second = new BlockingWaiter<>(Priority.NORMAL, System.nanoTime());
        bag.enqueue(second, 10);
        bag.release(held);
        assertFalse(first.isWaiting());
        assertTrue(second.isWaiting());
        assertSame(held, first.await(System.nanoTime()));
        assertEquals(BagItem.IN_USE, held.state());
    }

    @Test
    void newcomerDoesNotBargePastAWaiter() {
        Bag<TestItem> bag = bag(true, 1);
        TestItem held = bag.takeIdle();
        BlockingWaiter<TestItem> waiter = new BlockingWaiter<>(Priority.NORMAL, System.nanoTime());
        bag.enqueue(waiter, 10);
        bag.pause(true); // returns go idle but are not handed over: the waiter stays queued
        bag.release(held);
        assertNull(bag.takeIdle(), "paused: nobody takes the idle item");
        bag.pause(false);
        assertFalse(waiter.isWaiting(), "resume serves the waiter first");
        assertNull(bag.takeIdle());
    }

    @Test
    void waiterArrivingWhileAnItemIsIdleGetsItAtOnce() {
        Bag<TestItem> bag = bag(true, 1);
        BlockingWaiter<TestItem> w = new BlockingWaiter<>(Priority.NORMAL, System.nanoTime());
        bag.enqueue(w, 10);
        assertFalse(w.isWaiting());
        assertEquals(1, w.await(System.nanoTime()).id);
    }

    @Test
    void aWaiterQueuedAfterCloseFailsAtOnceWithItsCause() {
        Bag<TestItem> bag = bag(true);
        BlockingWaiter<TestItem> before = new BlockingWaiter<>(Priority.NORMAL, System.nanoTime());
        bag.enqueue(before, 10);
        IllegalStateException closed = new IllegalStateException("closed");

        bag.close(closed);
        // A borrower that passed the pool's open check just before close() queues now.
        BlockingWaiter<TestItem> after = new BlockingWaiter<>(Priority.NORMAL, System.nanoTime());
        assertTrue(bag.enqueue(after, 10) != null);

        assertSame(closed, before.failure());
        assertFalse(after.isWaiting(), "failed at once, not left to its timeout");
        assertNull(after.await(System.nanoTime() + 1_000_000_000L));
        assertSame(closed, after.failure());
        assertEquals(0, bag.waiting());
    }

    @Test
    void enqueueRefusedPastLimit() {
        Bag<TestItem> bag = bag(true);
        assertTrue(bag.enqueue(new BlockingWaiter<>(Priority.NORMAL, 0), 1) != null);
        assertNull(bag.enqueue(new BlockingWaiter<>(Priority.NORMAL, 0), 1));
    }

    @Test
    void cancelledWaiterIsSkippedAndTheItemGoesToTheNext() {
        Bag<TestItem> bag = bag(true, 1);
        TestItem held = bag.takeIdle();
        BlockingWaiter<TestItem> gaveUp = new BlockingWaiter<>(Priority.NORMAL, 1);
        bag.enqueue(gaveUp, 10);
        BlockingWaiter<TestItem> next = new BlockingWaiter<>(Priority.NORMAL, 2);
        bag.enqueue(next, 10);
        assertTrue(gaveUp.tryCancel());
        bag.release(held);
        assertSame(held, next.await(System.nanoTime()));
    }

    @Test
    void failWaitersEndsEveryWaitWithTheCause() {
        Bag<TestItem> bag = bag(true);
        BlockingWaiter<TestItem> w = new BlockingWaiter<>(Priority.NORMAL, 0);
        bag.enqueue(w, 10);
        IllegalStateException cause = new IllegalStateException("bad password");
        bag.failWaiters(cause);
        assertNull(w.await(System.nanoTime() + 1_000_000_000L));
        assertSame(cause, w.failure());
    }

    @Test
    void blockedWaiterIsWokenByARelease() throws Exception {
        Bag<TestItem> bag = bag(true, 1);
        TestItem held = bag.takeIdle();
        CompletableFuture<TestItem> got = CompletableFuture.supplyAsync(() -> {
            BlockingWaiter<TestItem> w = new BlockingWaiter<>(Priority.NORMAL, System.nanoTime());
            bag.enqueue(w, 10);
            return w.await(System.nanoTime() + 5_000_000_000L);
        });
        Await.until("the waiter queued", Duration.ofSeconds(30), () -> bag.waiting() > 0);
        bag.release(held);
        assertSame(held, got.get(5, TimeUnit.SECONDS));
    }

    @Test
    void reserveAllIdleAndRestoreKeepTheIdleOrder() {
        Bag<TestItem> bag = bag(true, 1, 2, 3);
        BagItem[] buf = new BagItem[16];
        int n = bag.reserveAllIdle(buf);
        assertEquals(3, n);
        for (int i = 0; i < n; i++) {
            assertEquals(BagItem.RESERVED, buf[i].state());
        }
        assertNull(bag.takeIdle());
        bag.restore(buf, 0, n);
        assertEquals(3, bag.takeIdle().id);
        assertEquals(2, bag.takeIdle().id);
        assertEquals(1, bag.takeIdle().id);
    }

    @Test
    void removeFreesTheSlotForANewItem() {
        Bag<TestItem> bag = new Bag<>(1, true, new PriorityWaiterQueue<>());
        TestItem a = new TestItem(1);
        assertTrue(bag.register(a));
        assertFalse(bag.register(new TestItem(2)));
        bag.remove(a);
        assertEquals(BagItem.RETIRED, a.state());
        assertTrue(bag.register(new TestItem(3)));
    }
}
