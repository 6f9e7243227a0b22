package pool.engine.internal.bag;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A bounded multi-producer multi-consumer ring of slot indexes (Dmitry Vyukov's
 * sequence-numbered cells): the least recently returned item is taken first, which
 * spreads use evenly over all connections.
 *
 * <p>No allocation after construction. The ring has four times as many cells as the bag
 * has slots (at least 64), so it never holds more than a quarter of its cells and an
 * offer always finds room. A poll that meets a cell whose producer has claimed but not
 * yet filled it reports empty instead of waiting; the producer runs the bag's hand-off
 * check after its push, so nothing is stranded.
 *
 * <p>The one wait in this class: a producer whose cell is still being vacated by a
 * consumer that claimed it one full lap earlier (the consumer is between its CAS and
 * its sequence store, two instructions apart). With four laps of slack this needs a
 * consumer descheduled inside that window while others cycle the whole ring; the
 * producer then waits with {@link Thread#onSpinWait()} for those two instructions. It is
 * not a yield loop and never waits on another borrower's progress beyond that.
 */
final class FifoIdleQueue implements IdleSet {

    private final int mask;
    private final AtomicLongArray sequence;
    private final int[] values;
    private final AtomicLong enqueuePos = new AtomicLong();
    private final AtomicLong dequeuePos = new AtomicLong();

    FifoIdleQueue(int capacity) {
        int cap = Integer.highestOneBit(Math.max(64, 4 * capacity) - 1) << 1;
        mask = cap - 1;
        sequence = new AtomicLongArray(cap);
        values = new int[cap];
        for (int i = 0; i < cap; i++) {
            sequence.set(i, i);
        }
    }

    @Override
    public void push(int slot) {
        for (;;) {
            long pos = enqueuePos.get();
            int cell = (int) pos & mask;
            long seq = sequence.get(cell);
            long dif = seq - pos;
            if (dif == 0) {
                if (enqueuePos.compareAndSet(pos, pos + 1)) {
                    values[cell] = slot;
                    sequence.set(cell, pos + 1); // publishes values[cell]
                        return;
                }
            } else if (dif < 0) {
                // Not full (see class comment): the lap-old consumer of this cell is finishing.
                Thread.onSpinWait();
            }
            // dif > 0: another producer took this position; retry with the new one.
        }
    }

    @Override
    public int poll() {
        for (;;) {
            long pos = dequeuePos.get();
            int cell = (int) pos & mask;
            long seq = sequence.get(cell);
            long dif = seq - (pos + 1);
            if (dif == 0) {
                if (dequeuePos.compareAndSet(pos, pos + 1)) {
                    int v = values[cell];
                    sequence.set(cell, pos + mask + 1);
                        return v;
                }
            } else if (dif < 0) {
                return -1;
            }
        }
    }
}
