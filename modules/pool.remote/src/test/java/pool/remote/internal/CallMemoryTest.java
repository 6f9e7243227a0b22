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
        CallMemory.Use big = memory.reserve(5000, () -> false);
        assertNotNull(big);
        CompletableFuture<CallMemory.Use> next = CompletableFuture.supplyAsync(() -> {
            try {
                return memory.reserve(10, () -> false);
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
        CallMemory.Use first = memory.reserve(900, () -> false);
        AtomicBoolean gone = new AtomicBoolean();
        CompletableFuture<CallMemory.Use> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return memory.reserve(500, gone::get);
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
        try (CallMemory.Use use = memory.reserve(2L * frame.length, () -> false)) {
            try {
                Wire.decodeCall(frame, use::offer);
                throw new AssertionError("decoded 30,000 objects within 1 MiB");
            } catch (WireException e) {
                assertTrue(use.refused(), e.getMessage());
            }
        }
        assertEquals(0, memory.used());
        CallMemory roomy = new CallMemory(64 << 20);
        try (CallMemory.Use use = roomy.reserve(2L * frame.length, () -> false)) {
            assertEquals(7, Wire.decodeCall(frame, use::offer).session());
            assertTrue(roomy.used() >= 30_000L * Wire.HEAP_BYTES_PER_OBJECT, "its objects are counted");
        }
        assertEquals(0, roomy.used());
    }

    @Test
    void rowsSpentPastTheBoundSayToStopAndAreGivenBackWithTheCall() throws Exception {
        CallMemory memory = new CallMemory(1000);
        try (CallMemory.Use use = memory.reserve(100, () -> false).enter()) {
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
        try (CallMemory.Use use = memory.reserve(100, () -> false).enter()) {
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
}
