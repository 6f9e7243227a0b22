package pool.remote.internal;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import pool.remote.TicketLimits;

/**
 * The call bytes one ticket may have in the daemon at once: a frame's length is reserved
 * before its body is read and given back once its reply is written, so a client that opens
 * many channels and sends a large frame on each waits for its own earlier calls instead
 * of filling the heap. Frames up to {@link TicketLimits#UNCOUNTED_CALL_BYTES} pass
 * without touching the budget (see there).
 */
final class CallBudget {

    /** How often a waiting channel looks whether it was closed meanwhile. */
    private static final long RECHECK_MILLIS = 200;

    private final Semaphore bytes;
    private final int max;

    CallBudget(int max) {
        this.max = max;
        this.bytes = new Semaphore(max, true); // fair: a large frame is not starved by a stream of smaller ones
    }

    /** @return whether a frame of {@code length} bytes must be reserved before it is read */
    static boolean counts(int length) {
        return length > TicketLimits.UNCOUNTED_CALL_BYTES;
    }

    /** @return the most bytes the ticket may have in flight */
    int max() {
        return max;
    }

    /** @return whether a frame of {@code length} bytes can ever be admitted */
    boolean fits(int length) {
        return length <= max;
    }

    /**
     * Waits until {@code length} bytes are free.
     *
     * @param gone whether the channel that waits has been closed meanwhile (its ticket ended)
     * @return true once reserved; false when {@code gone} turned true first
     */
    boolean reserve(int length, BooleanSupplier gone) throws InterruptedException {
        while (!bytes.tryAcquire(length, RECHECK_MILLIS, TimeUnit.MILLISECONDS)) {
            if (gone.getAsBoolean()) {
                return false;
            }
        }
        return true;
    }

    void release(int length) {
        bytes.release(length);
    }

    /** @return the bytes free now (for tests) */
    int available() {
        return bytes.availablePermits();
    }
}
