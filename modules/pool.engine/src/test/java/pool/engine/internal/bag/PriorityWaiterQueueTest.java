package pool.engine.internal.bag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import pool.api.Priority;

class PriorityWaiterQueueTest {

    private static final long STEP = 1_000;

    private static BlockingWaiter<TestItem> waiter(Priority p, long arrival) {
        return new BlockingWaiter<>(p, arrival);
    }

    @Test
    void waitersOfOnePriorityAreServedInArrivalOrder() {
        PriorityWaiterQueue<TestItem> q = new PriorityWaiterQueue<>(STEP);
        var a = waiter(Priority.NORMAL, 1);
        var b = waiter(Priority.NORMAL, 2);
        var c = waiter(Priority.NORMAL, 3);
        q.enqueue(a, 10);
        q.enqueue(b, 10);
        q.enqueue(c, 10);
        assertSame(a, q.pollNext());
        assertSame(b, q.pollNext());
        assertSame(c, q.pollNext());
        assertNull(q.pollNext());
    }

    @Test
    void highPriorityOvertakesRecentNormalWaiters() {
        PriorityWaiterQueue<TestItem> q = new PriorityWaiterQueue<>(STEP);
        var normal = waiter(Priority.NORMAL, 100);
        var high = waiter(Priority.HIGH, 500); // arrived later, but within one step
        q.enqueue(normal, 10);
        q.enqueue(high, 10);
        assertSame(high, q.pollNext());
        assertSame(normal, q.pollNext());
    }

    @Test
    void lowPriorityIsNotStarvedOnceItHasAged() {
        PriorityWaiterQueue<TestItem> q = new PriorityWaiterQueue<>(STEP);
        var low = waiter(Priority.LOW, 0);
        q.enqueue(low, 10);
        // A stream of HIGH waiters arriving more than two steps after the LOW one.
        var high = waiter(Priority.HIGH, 2 * STEP + 1);
        q.enqueue(high, 10);
        assertSame(low, q.pollNext());
        assertSame(high, q.pollNext());
    }

    @Test
    void enqueueRefusesPastTheLimit() {
        PriorityWaiterQueue<TestItem> q = new PriorityWaiterQueue<>(STEP);
        assertEquals(true, q.enqueue(waiter(Priority.NORMAL, 1), 2) != null);
        assertEquals(true, q.enqueue(waiter(Priority.NORMAL, 2), 2) != null);
        assertNull(q.enqueue(waiter(Priority.NORMAL, 3), 2));
        assertEquals(2, q.size());
    }

    @Test
    void waitersThatGaveUpAreSkippedAndRemovable() {
        PriorityWaiterQueue<TestItem> q = new PriorityWaiterQueue<>(STEP);
        var a = waiter(Priority.NORMAL, 1);
        var b = waiter(Priority.NORMAL, 2);
        var c = waiter(Priority.NORMAL, 3);
        q.enqueue(a, 10);
        var tb = q.enqueue(b, 10);
        q.enqueue(c, 10);
        a.tryCancel();
        b.tryCancel();
        q.remove(tb);
        q.remove(tb); // idempotent
        assertEquals(2, q.size());
        assertSame(c, q.pollNext());
        assertEquals(0, q.size());
    }
}
