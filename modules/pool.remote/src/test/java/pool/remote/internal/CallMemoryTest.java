package pool.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import pool.protocol.Borrow;
import pool.protocol.Call;
import pool.protocol.Op;
import pool.protocol.SqlNull;
import pool.protocol.Wire;
import pool.protocol.WireException;

class CallMemoryTest {

    @Test
    void aLoneCallIsAdmittedWhateverItsSizeAndTheNextWaitsUntilItsReplyIsWritten() throws Exception {
        CallMemory memory = new CallMemory(1000);
        CallMemory.Use big = memory.reserve("u", 5000, () -> false);
        assertNotNull(big);
        CompletableFuture<CallMemory.Use> next = CompletableFuture.supplyAsync(() -> {
            try {
                return memory.reserve("u", 10, () -> false);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertFalse(next.isDone());
        big.close();
        next.get(10, TimeUnit.SECONDS).close();
        assertEquals(0, memory.used());
    }

    @Test
    void aWaitingCallWhoseChannelClosesGivesUpAndHoldsNothing() throws Exception {
        CallMemory memory = new CallMemory(1000);
        CallMemory.Use first = memory.reserve("u", 900, () -> false);
        AtomicBoolean gone = new AtomicBoolean();
        CompletableFuture<CallMemory.Use> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return memory.reserve("u", 500, gone::get);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        gone.set(true);
        assertNull(waiting.get(10, TimeUnit.SECONDS));
        first.close();
        assertEquals(0, memory.used());
    }

    @Test
    void aCallDecodingToMoreObjectsThanTheMemorySparesIsRefusedAndItsChargesGiveBack() throws Exception {
        CallMemory memory = new CallMemory(1 << 20);
        Object[] nulls = new Object[30_000];
        java.util.Arrays.fill(nulls, new SqlNull(4));
        byte[] frame = Wire.encode(new Call(7, 1, Borrow.DEFAULT, false, List.of(new Op.Execute(
                Op.StatementKind.PREPARED, Op.Mode.QUERY, "select 1", nulls, 0, 0, 0, null))));
        assertTrue(frame.length < 64 * 1024, "a frame below what a ticket's budget counts");
        try (CallMemory.Use use = memory.reserve("u", 2L * frame.length, () -> false)) {
            try {
                Wire.decodeCall(frame, use::offer);
                throw new AssertionError("decoded 30,000 objects within 1 MiB");
            } catch (WireException e) {
                assertTrue(use.refused(), e.getMessage());
            }
        }
        assertEquals(0, memory.used());
        CallMemory roomy = new CallMemory(64 << 20);
        try (CallMemory.Use use = roomy.reserve("u", 2L * frame.length, () -> false)) {
            assertEquals(7, Wire.decodeCall(frame, use::offer).session());
            assertTrue(roomy.used() >= 30_000L * Wire.HEAP_BYTES_PER_OBJECT, "its objects are counted");
        }
        assertEquals(0, roomy.used());
    }

    @Test
    void rowsSpentPastTheBoundSayToStopAndAreGivenBackWithTheCall() throws Exception {
        CallMemory memory = new CallMemory(1000, 1000);
        try (CallMemory.Use use = memory.reserve("u", 100, () -> false).enter()) {
            assertTrue(CallMemory.current() == use);
            assertTrue(use.spent(800));
            assertFalse(use.spent(800), "over the bound: the batch ends here");
            assertEquals(1700, memory.used());
            assertNull(CallMemory.outside(CallMemory::current), "rows set aside on disk are not the reply's");
        }
        assertNull(CallMemory.current());
        assertEquals(0, memory.used());
    }

    @Test
    void smallRowsAreCountedInStepsWithinOneStepOfWhatWasRead() throws Exception {
        CallMemory memory = new CallMemory(64L * 1024 * 1024);
        try (CallMemory.Use use = memory.reserve("u", 100, () -> false).enter()) {
            for (int i = 0; i < 200; i++) {
                assertTrue(use.spent(100));
                long counted = memory.used() - 100;
                assertTrue(counted <= (i + 1) * 100L && (i + 1) * 100L - counted < 16 * 1024,
                        "after " + (i + 1) + " rows: " + counted + " counted");
            }
            assertEquals(100 + 16_400, memory.used(), "one step counted of 20,000 bytes read");
        }
        assertEquals(0, memory.used());
    }

    @Test
    void oneUsersCallsHoldAtMostItsShareAndAnotherUsersCallGoesPastItsWaitingOnes() throws Exception {
        CallMemory memory = new CallMemory(1000, 500);
        CallMemory.Use a1 = memory.reserve("attacker", 400, () -> false);
        CompletableFuture<CallMemory.Use> a2 = reserveAsync(memory, "attacker", 400);
        until(() -> memory.waiting() == 1);
        CompletableFuture<CallMemory.Use> a3 = reserveAsync(memory, "attacker", 10);
        until(() -> memory.waiting() == 2);
        // The attacker's calls wait for its share (the small one behind the large, in their order);
        // another user's call does not wait behind them.
        CallMemory.Use b = memory.reserve("other", 400, () -> false);
        assertEquals(800, memory.used());
        CompletableFuture<CallMemory.Use> c = reserveAsync(memory, "third", 300);
        until(() -> memory.waiting() == 3);
        assertFalse(a2.isDone() || a3.isDone());
        a1.close();
        CallMemory.Use second = a2.get(10, TimeUnit.SECONDS);
        CallMemory.Use third = a3.get(10, TimeUnit.SECONDS);
        assertEquals(410, memory.used("attacker"));
        assertFalse(c.isDone(), "the whole bound holds: 810 held, 300 more do not fit");
        b.close();
        c.get(10, TimeUnit.SECONDS).close();
        second.close();
        third.close();
        assertEquals(0, memory.used());
        assertEquals(0, memory.used("attacker"));
    }

    @Test
    void decodingPastTheUsersShareIsRefusedAsTheShareWhileAnotherUserStillDecodes() throws Exception {
        CallMemory memory = new CallMemory(1000, 500);
        try (CallMemory.Use a = memory.reserve("attacker", 100, () -> false);
             CallMemory.Use b = memory.reserve("other", 100, () -> false)) {
            assertFalse(a.offer(450));
            assertTrue(a.refused() && a.refusedByShare());
            assertTrue(b.offer(400), "the other user's share is untouched");
            assertFalse(b.offer(300));
            assertTrue(b.refused() && b.refusedByShare());
            assertEquals(600, memory.used());
        }
        assertEquals(0, memory.used());
    }

    @Test
    void aSoleClientUserMayHoldTheWholeBoundAndHalfOnceASecondUserIsConfigured() throws Exception {
        java.util.concurrent.atomic.AtomicInteger users = new java.util.concurrent.atomic.AtomicInteger(1);
        CallMemory memory = new CallMemory(1000, users::get);
        assertEquals(1000, memory.perUser());
        CallMemory.Use a1 = memory.reserve("app", 400, () -> false);
        CallMemory.Use a2 = memory.reserve("app", 400, () -> false); // past half: nobody else to leave it for
        assertTrue(a2.offer(150));
        assertFalse(a2.offer(100), "the whole bound still holds");
        assertFalse(a2.refusedByShare());
        a2.close();

        users.set(2); // a reload added a second client user: each has half again
        assertEquals(500, memory.perUser());
        CompletableFuture<CallMemory.Use> a3 = reserveAsync(memory, "app", 400);
        until(() -> memory.waiting() == 1);
        CallMemory.Use other = memory.reserve("other", 400, () -> false);
        assertFalse(a3.isDone(), "app's share is half now");
        a1.close();
        a3.get(10, TimeUnit.SECONDS).close();
        other.close();
        assertEquals(0, memory.used());
    }

    @Test
    void aShareSetByPropertyHoldsForASoleUserToo() throws Exception {
        System.setProperty("poold.remote.callMemoryBytes", "1000");
        System.setProperty("poold.remote.callMemoryPerUserBytes", "300");
        try {
            CallMemory memory = CallMemory.configured(() -> 1);
            assertEquals(300, memory.perUser());
            try (CallMemory.Use a = memory.reserve("app", 200, () -> false)) {
                assertFalse(a.offer(200));
                assertTrue(a.refusedByShare());
            }
        } finally {
            System.clearProperty("poold.remote.callMemoryBytes");
            System.clearProperty("poold.remote.callMemoryPerUserBytes");
        }
    }

    @Test
    void rowsReadPastTheUsersShareEndTheBatch() throws Exception {
        CallMemory memory = new CallMemory(64 << 20, 1 << 20);
        try (CallMemory.Use use = memory.reserve("attacker", 100, () -> false)) {
            boolean more = true;
            int rows = 0;
            while (more && rows < 1000) {
                more = use.spent(16 * 1024);
                rows++;
            }
            assertFalse(more, "the batch ended at the user's share, far below the whole bound");
            assertTrue(memory.used() <= (1 << 20) + 100 + 16 * 1024, String.valueOf(memory.used()));
        }
    }

    private static CompletableFuture<CallMemory.Use> reserveAsync(CallMemory memory, String user, long bytes) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return memory.reserve(user, bytes, () -> false);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, r -> Thread.ofPlatform().daemon().start(r));
    }

    private static void until(java.util.function.BooleanSupplier condition) throws Exception {
        pool.testsupport.await.Await.until("the calls queued", java.time.Duration.ofSeconds(10), condition::getAsBoolean);
    }
}
