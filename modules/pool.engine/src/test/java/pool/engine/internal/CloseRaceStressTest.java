package pool.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import pool.engine.StubPools;
import pool.stubdriver.StubDatabase;

/**
 * close() while many more threads than cores borrow and return: once close() has returned,
 * no borrower holds a live connection (a borrow that took its connection as close() swept
 * the borrowed ones used to keep it open), every borrower stops with an error at once, and
 * the database has no session of the pool left.
 */
class CloseRaceStressTest {

    @Test
    void noBorrowerHoldsALiveConnectionOnceCloseReturned() throws Exception {
        for (int round = 0; round < 40; round++) {
            StubDatabase db = StubDatabase.unique("closerace" + round);
            EnginePool pool = StubPools.start(StubPools.config(db).maxSize(4).minIdle(4)
                    .borrowTimeout(Duration.ofSeconds(30)).build());
            StubPools.await("filled", () -> pool.stats().idle() == 4);
            AtomicBoolean closeReturned = new AtomicBoolean();
            AtomicInteger liveAfterClose = new AtomicInteger();
            AtomicInteger borrows = new AtomicInteger();
            int threads = 16;
            CountDownLatch stopped = new CountDownLatch(threads);
            for (int i = 0; i < threads; i++) {
                Thread.ofPlatform().daemon().start(() -> {
                    try {
                        for (;;) {
                            Connection c = pool.getConnection();
                            borrows.incrementAndGet();
                            if (closeReturned.get() && !c.isClosed()) {
                                liveAfterClose.incrementAndGet();
                            }
                            c.close();
                        }
                    } catch (SQLException closed) {
                        // the pool closed: this borrower is done
                    } finally {
                        stopped.countDown();
                    }
                });
            }
            StubPools.await("borrowing", () -> borrows.get() > 100);
            LockSupport.parkNanos((round % 7) * 100_000L); // vary where close() meets the borrows
            pool.close();
            closeReturned.set(true);

            assertTrue(stopped.await(20, TimeUnit.SECONDS), "round " + round + ": a borrower still waits");
            assertEquals(0, liveAfterClose.get(), "round " + round + ": live connections after close()");
            StubPools.await("no session left", () -> db.openNow() == 0);
        }
    }
}
