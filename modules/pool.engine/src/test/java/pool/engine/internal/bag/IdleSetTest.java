package pool.engine.internal.bag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdleSetTest {

    @Test
    void lifoStackTakesMostRecentlyPushedFirst() {
        IdleSet s = IdleSet.create(true, 8);
        s.push(1);
        s.push(2);
        s.push(3);
        assertEquals(3, s.poll());
        assertEquals(2, s.poll());
        s.push(5);
        assertEquals(5, s.poll());
        assertEquals(1, s.poll());
        assertEquals(-1, s.poll());
    }

    @Test
    void fifoQueueTakesLeastRecentlyPushedFirst() {
        IdleSet s = IdleSet.create(false, 8);
        s.push(1);
        s.push(2);
        s.push(3);
        assertEquals(1, s.poll());
        s.push(4);
        assertEquals(2, s.poll());
        assertEquals(3, s.poll());
        assertEquals(4, s.poll());
        assertEquals(-1, s.poll());
    }

    @Test
    void stripedStackLetsAnyThreadStealFromAnotherThreadsStripe() throws Exception {
        IdleSet s = new StripedLifoStack(64, 8);
        int[] pushed = new int[1];
        for (int t = 0; t < 16; t++) {
            int slot = t;
            Thread.ofPlatform().start(() -> s.push(slot)).join(); // threads with different ids: different stripes
            pushed[0]++;
        }
        boolean[] seen = new boolean[16];
        for (int i = 0; i < 16; i++) {
            int slot = s.poll();
            assertTrue(slot >= 0 && !seen[slot], "slot " + slot);
            seen[slot] = true;
        }
        assertEquals(-1, s.poll());
    }

    @Test
    void stripedStackUnderContentionNeverDuplicatesOrLosesASlot() throws Exception {
        concurrentPollPushKeepsEachSlotOnce(new StripedLifoStack(16, 4), 16);
    }

    @Test
    void fifoQueueWrapsAroundItsRingManyTimes() {
        IdleSet s = IdleSet.create(false, 4);
        for (int i = 0; i < 10_000; i++) {
            s.push(i % 4);
            assertEquals(i % 4, s.poll());
        }
    }

    @Test
    void lifoStackUnderContentionNeverDuplicatesOrLosesASlot() throws Exception {
        concurrentPollPushKeepsEachSlotOnce(IdleSet.create(true, 16), 16);
    }

    @Test
    void fifoQueueUnderContentionNeverDuplicatesOrLosesASlot() throws Exception {
        concurrentPollPushKeepsEachSlotOnce(IdleSet.create(false, 16), 16);
    }

    private static void concurrentPollPushKeepsEachSlotOnce(IdleSet s, int slots) throws Exception {
        for (int i = 0; i < slots; i++) {
            s.push(i);
        }
        AtomicIntegerArray held = new AtomicIntegerArray(slots);
        int threads = 8;
        CountDownLatch done = new CountDownLatch(threads);
        Set<Throwable> errors = ConcurrentHashMap.newKeySet();
        for (int t = 0; t < threads; t++) {
            Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < 100_000; i++) {
                        int slot = s.poll();
                        if (slot < 0) {
                            continue;
                        }
                        if (held.incrementAndGet(slot) != 1) {
                            throw new AssertionError("slot " + slot + " taken twice");
                        }
                        held.decrementAndGet(slot);
                        s.push(slot);
                    }
                } catch (Throwable e) {
                    errors.add(e);
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        assertTrue(errors.isEmpty(), errors.toString());
        boolean[] seen = new boolean[slots];
        for (int slot; (slot = s.poll()) >= 0; ) {
            assertTrue(!seen[slot], "slot " + slot + " twice in the set");
            seen[slot] = true;
        }
        for (int i = 0; i < slots; i++) {
            assertTrue(seen[i], "slot " + i + " lost");
        }
    }
}
