package pool.engine.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import pool.api.PoolEvent;

class EventDispatcherTest {

    private static PoolEvent created(long id) {
        return new PoolEvent.ConnectionCreated("p", Instant.now(), id);
    }

    @Test
    void eventsAreDeliveredInOrderOnTheEventThread() throws Exception {
        EventDispatcher d = new EventDispatcher("p");
        List<Long> ids = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(100);
        d.add(e -> {
            ids.add(((PoolEvent.ConnectionCreated) e).connectionId());
            assertEquals("poold-p-events", Thread.currentThread().getName());
            done.countDown();
        });
        for (long i = 0; i < 100; i++) {
            d.publish(created(i));
        }
        assertTrue(done.await(5, TimeUnit.SECONDS));
        for (int i = 0; i < 100; i++) {
            assertEquals(i, ids.get(i));
        }
        d.close();
    }

    @Test
    void slowListenerNeverBlocksPublishersAndExcessEventsAreDroppedAndCounted() throws Exception {
        EventDispatcher d = new EventDispatcher("slow");
        CountDownLatch release = new CountDownLatch(1);
        d.add(e -> {
            try {
                release.await();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        });
        long t0 = System.nanoTime();
        int n = EventDispatcher.CAPACITY + 500;
        for (int i = 0; i < n; i++) {
            d.publish(created(i));
        }
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "publishing never waits");
        assertTrue(d.dropped() >= 499, "dropped " + d.dropped());
        release.countDown();
        d.close();
    }

    @Test
    void nothingIsQueuedWhileNobodyListens() {
        EventDispatcher d = new EventDispatcher("quiet");
        assertTrue(!d.active());
        d.publish(created(1));
        assertEquals(0, d.dropped());
        d.close();
    }
}
