package pool.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pool.testsupport.await.Await.until;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import pool.remote.TicketLimits;

class CallBudgetTest {

    @Test
    void smallFramesAreNotCountedAndNoFrameLargerThanTheBudgetFits() {
        CallBudget budget = new CallBudget(1 << 20);
        assertFalse(CallBudget.counts(TicketLimits.UNCOUNTED_CALL_BYTES));
        assertTrue(CallBudget.counts(TicketLimits.UNCOUNTED_CALL_BYTES + 1));
        assertTrue(budget.fits(1 << 20));
        assertFalse(budget.fits((1 << 20) + 1));
    }

    @Test
    void aFrameWaitsUntilTheTicketsEarlierFramesAreAnswered() throws Exception {
        CallBudget budget = new CallBudget(1 << 20);
        int frame = 600 << 10;
        assertTrue(budget.reserve(frame, () -> false));
        AtomicInteger rechecks = new AtomicInteger();
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> {
            try {
                return budget.reserve(frame, () -> rechecks.incrementAndGet() < 0);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // A waiting frame looks whether its channel is gone only after a wait for room ran out.
        until("the second frame waited for room", Duration.ofSeconds(10), () -> rechecks.get() > 0);
        assertFalse(second.isDone(), "600 KiB and 600 KiB do not fit in 1 MiB together");
        budget.release(frame);
        assertTrue(second.get(10, TimeUnit.SECONDS));
        budget.release(frame);
        assertEquals(1 << 20, budget.available());
    }

    @Test
    void aWaitingFrameGivesUpWhenItsChannelCloses() throws Exception {
        CallBudget budget = new CallBudget(1 << 20);
        assertTrue(budget.reserve(1 << 20, () -> false));
        AtomicBoolean closed = new AtomicBoolean();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return budget.reserve(1 << 19, closed::get);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        closed.set(true);
        assertFalse(waiting.get(10, TimeUnit.SECONDS));
        budget.release(1 << 20);
        assertEquals(1 << 20, budget.available(), "nothing stays reserved by the frame that gave up");
    }
}
